// The chaos run, short and seeded (`npm run chaos` runs the long one; see test/chaos/chaos.ts):
// 4 processes of the built package share a Redis rate-limit store through a flaky proxy while
// Redis is blackholed, killed, restarted and flushed, against a server enforcing 200 per 1000 ms.
import { describe, expect, it } from 'vitest';
import { runChaos } from '../chaos/chaos.js';

describe('chaos run (short)', () => {
  it('settles every call, loses no account and keeps the server within 200 per 1000 ms through Redis outages, a restart and a flush', async () => {
    const report = await runChaos({ seconds: 20, seed: 3, processes: 4, longerOutages: 2500 });
    expect(report.auditFailures).toEqual([]);
    expect(report.settled).toBe(report.calls);
    expect(report.calls).toBeGreaterThan(20);
    expect(report.outages.map((outage) => outage.kind)).toEqual(expect.arrayContaining(['blackhole', 'killed']));
    // On failure, when the server refused and what the run did around then.
    expect(report.rateLimited, JSON.stringify({ throttledAt: report.throttledAt, events: report.events })).toBe(0);
    expect(report.busiestInterval).toBeLessThanOrEqual(200);
    // The fallbacks kept the processes going while Redis was gone.
    expect(report.throughput.duringOutages).toBeGreaterThan(0);
  }, 120_000);
});
