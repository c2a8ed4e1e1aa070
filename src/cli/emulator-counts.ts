import type { EmulatorStats } from '../emulator/stats.js';

const number = (n: number) => n.toLocaleString('en-US');

/** `name count` pairs joined, the zero ones left out; `none` when every count is zero. */
function nonZero(counts: Iterable<readonly [string, number]>, separator: string): string {
  const shown = [...counts].filter(([, count]) => count > 0).map(([name, count]) => `${name} ${number(count)}`);
  return shown.length === 0 ? 'none' : shown.join(separator);
}

/**
 * An emulator's counters as the demo and `timfetch emulator` print them: requests in total and per
 * endpoint, injected faults per kind, request-level error answers per ErrorCode, throttled and
 * repeated-random requests.
 */
export function emulatorCounts(stats: EmulatorStats): string[] {
  const endpoints = Object.entries(stats.endpoints).map(([path, counters]) => [path.replace(/^v4\/\w+\//, ''), counters.requests] as const);
  return [
    `emulator: ${number(stats.requests)} requests, ${number(stats.preflights)} CORS preflights; faults injected: ${nonZero(Object.entries(stats.faults), ', ')}`,
    `  requests per endpoint: ${nonZero(endpoints, ' · ')}`,
    `  error answers per ErrorCode: ${nonZero(Object.entries(stats.errors), ' · ')}`,
    `  throttled (60007): ${number(stats.rateLimited)}, repeated random: ${number(stats.repeatedRandom)}`,
  ];
}
