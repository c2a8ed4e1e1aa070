// `timfetch emulator`'s fault flags: one per FaultOptions field, named after it in kebab case,
// checked here so that a bad value is bad usage naming the flag (exit 2, nothing listening).
import type { FaultOptions } from '../emulator/options.js';
import { maxTimerDelay } from '../util/delay.js';
import { UsageError } from './usage-error.js';
import { parseWholeNumber } from './whole-number.js';

type Probability = Exclude<keyof FaultOptions, 'stallMs' | 'latency'>;

/** The flag of each probability option: every one has a flag (a new option does not compile without one). */
const probabilityFlags = {
  requestError: 'request-error',
  itemError: 'item-error',
  httpError: 'http-error',
  drop: 'drop',
  stall: 'stall',
  malformed: 'malformed',
  throttle: 'throttle',
} as const satisfies Record<Probability, string>;

type FaultFlag = (typeof probabilityFlags)[Probability] | 'stall-ms' | 'latency';

/** The fault flags, as parseArgs takes them. */
export const faultFlags = Object.fromEntries(
  [...Object.values(probabilityFlags), 'stall-ms', 'latency'].map((flag) => [flag, { type: 'string' }]),
) as Record<FaultFlag, { type: 'string' }>;

function probability(text: string, flag: string): number {
  const value = Number(text);
  if (!/^(?:\d+\.?\d*|\.\d+)$/.test(text) || value > 1) throw new UsageError(`--${flag} must be a probability from 0 to 1, such as 0.05`);
  return value;
}

function milliseconds(text: string, flag: string): number {
  const value = parseWholeNumber(text, `--${flag}`);
  if (value > maxTimerDelay) throw new UsageError(`--${flag} must be at most ${maxTimerDelay} ms`);
  return value;
}

// `20` (always 20 ms) or `5-40` (drawn from 5 to 40 ms per request).
function latency(text: string): readonly [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (match === null) throw new UsageError('--latency must be MS or MIN-MAX milliseconds, such as 5-40');
  const min = milliseconds(match[1] ?? '', 'latency');
  const max = match[2] === undefined ? min : milliseconds(match[2], 'latency');
  if (min > max) throw new UsageError(`--latency ${text}: MIN must not be above MAX`);
  return [min, max];
}

/** The faults the flags ask for, or undefined when none is given (the emulator then draws nothing). */
export function faultOptions(values: Partial<Record<FaultFlag, string>>): FaultOptions | undefined {
  const faults: FaultOptions = {};
  for (const [option, flag] of Object.entries(probabilityFlags) as [Probability, (typeof probabilityFlags)[Probability]][]) {
    const text = values[flag];
    if (text !== undefined) faults[option] = probability(text, flag);
  }
  if (values['stall-ms'] !== undefined) {
    faults.stallMs = milliseconds(values['stall-ms'], 'stall-ms');
    if (faults.stallMs === 0) throw new UsageError('--stall-ms must be at least 1');
  }
  if (values.latency !== undefined) faults.latency = latency(values.latency);
  return Object.keys(faults).length === 0 ? undefined : faults;
}

/** The faults as one line for the banner: `drop 0.05, stalls of 500 ms, latency 5-40 ms`. */
export function describeFaults(faults: FaultOptions): string {
  const { latency: range, stallMs, ...rates } = faults;
  return [
    ...Object.entries(rates).map(([option, rate]) => `${option} ${String(rate)}`),
    ...(stallMs === undefined ? [] : [`stalls of ${stallMs} ms`]),
    ...(range === undefined ? [] : [`latency ${range[0]}-${range[1]} ms`]),
  ].join(', ');
}
