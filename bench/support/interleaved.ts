// Side-by-side benchmarks (issue 11): both sides run in ONE vitest bench, alternately, so drift
// on a shared 2-core machine (turbo, other processes, GC state) hits both alike. tinybench runs
// separate bench() tasks one after another, which is why the comparison is not left to it.
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bench, type BenchOptions } from 'vitest';

/** One side of a comparison. */
export interface Side {
  /** What runs, for the printed line. */
  label: string;
  /** One call. Under `measure: 'returned'` it resolves to its own figure (measured in a child). */
  run: () => unknown;
  /** Calls per sample: CPU time is read over a block, for resolution. @default 1 */
  calls?: number;
  /** Units one call stands for (requests of a chunked call), so figures are per unit. @default 1 */
  units?: number;
}

export interface Comparison {
  /** Row name in the printed line and in bench/.last-run.json. */
  row: string;
  ours: Side;
  theirs: Side;
  /** The headline figure: process CPU time, wall time, or what `run` resolves to. */
  measure: 'cpu' | 'wall' | 'returned';
  /** The highest acceptable ours/theirs ratio. */
  target: number;
  /** @default 'ms CPU per call' / 'ms per call' / 'ms' by `measure` */
  unit?: string;
  /**
   * Before each sample, untimed: a full garbage collection and a pause for V8's concurrent
   * sweeping to finish (process CPU counts those threads), so that the garbage a big call leaves
   * behind is not collected, and charged, in the other side's sample. What a sample leaves is
   * charged to no one; what it collects while it runs is its own.
   * @default false (small calls are measured with the collections they cause in steady state)
   */
  settle?: boolean;
  /** tinybench options (time, iterations, warmup); one iteration = one sample of each side. */
  options?: BenchOptions;
}

/** One line of bench/.last-run.json (JSON Lines: parallel workers may append at once). */
export interface RunRecord {
  row: string;
  ours: number;
  theirs: number;
  ratio: number;
  target: number;
  unit: string;
  date: string;
  node: string;
  samples: number;
}

const lastRun = new URL('../.last-run.json', import.meta.url);

export function median(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

const digits = (value: number) => (Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 1 ? 3 : 4);

/** Prints one line for the row and appends its record to bench/.last-run.json. */
export function report(row: string, ours: number, theirs: number, target: number, unit: string, samples: number, extra = ''): RunRecord {
  const ratio = ours / theirs;
  const record: RunRecord = { row, ours, theirs, ratio, target, unit, date: new Date().toISOString(), node: process.version, samples };
  const verdict = ratio <= target ? 'met' : 'NOT met';
  console.log(
    `[${row}] ours ${ours.toFixed(digits(ours))} ${unit} | theirs ${theirs.toFixed(digits(theirs))} ${unit} | ` +
      `ratio ${ratio.toFixed(2)}x (target <= ${target}x: ${verdict}) | medians of ${samples} samples each${extra}`,
  );
  appendFileSync(lastRun, `${JSON.stringify(record)}\n`);
  return record;
}

interface Sample {
  cpu: number;
  wall: number;
  returned: number;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

let collect: (() => void) | undefined;
// The vitest worker runs without --expose-gc; the flag can still be set at run time.
function fullGc(): void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

async function sample(side: Side, settle: boolean): Promise<Sample> {
  if (settle) {
    fullGc();
    await sleep(50);
  }
  const calls = side.calls ?? 1;
  const per = calls * (side.units ?? 1);
  let returned = 0;
  const cpu = cpuMs();
  const wall = performance.now();
  for (let i = 0; i < calls; i++) {
    const result = side.run();
    // A sync side (decoding) is not awaited, so it is not charged for a microtask turn per call.
    const value: unknown = result instanceof Promise ? await result : result;
    if (typeof value === 'number') returned += value;
  }
  return { wall: (performance.now() - wall) / per, cpu: (cpuMs() - cpu) / per, returned: returned / per };
}

/**
 * Registers one bench whose every iteration takes one sample of each side, alternating which
 * goes first. Warm-up samples are dropped; when tinybench's run ends (its `teardown`, since
 * vitest's bench runner calls no describe-level afterAll), the medians are printed and recorded.
 */
export function interleaved(comparison: Comparison): void {
  const { row, ours, theirs, measure, target, settle = false, options = {} } = comparison;
  const unit = comparison.unit ?? { cpu: 'ms CPU per call', wall: 'ms per call', returned: 'ms' }[measure];
  const samples = { ours: [] as Sample[], theirs: [] as Sample[] };
  let recording = false;
  let iteration = 0;
  bench(
    `${row}: ${ours.label} vs ${theirs.label}`,
    async () => {
      const oursFirst = iteration++ % 2 === 0;
      const first = oursFirst ? ours : theirs;
      const second = oursFirst ? theirs : ours;
      const a = await sample(first, settle);
      const b = await sample(second, settle);
      if (!recording) return;
      samples.ours.push(oursFirst ? a : b);
      samples.theirs.push(oursFirst ? b : a);
    },
    {
      ...options,
      setup: (task, mode) => {
        recording = mode === 'run';
        return options.setup?.(task, mode);
      },
      teardown: (task, mode) => {
        if (mode === 'run') {
          const of = (side: Sample[], key: keyof Sample) => median(side.map((s) => s[key]));
          // The other clock too, for reading: CPU above wall means GC or pool threads.
          const other: keyof Sample = measure === 'cpu' ? 'wall' : 'cpu';
          const extra = measure === 'returned' ? '' : ` | ${other}: ours ${of(samples.ours, other).toFixed(4)} ms, theirs ${of(samples.theirs, other).toFixed(4)} ms`;
          report(row, of(samples.ours, measure), of(samples.theirs, measure), target, unit, samples.ours.length, extra);
        }
        return options.teardown?.(task, mode);
      },
    },
  );
}
