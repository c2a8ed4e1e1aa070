// Issue 17 row 6: one long-lived AbortSignal given to every call must not grow the heap per call
// (AbortSignal.any([signal]) per call left about 120 B on the signal in Node 20). Measured in a
// child process (see heap-child.ts).
import { describe, expect, it } from 'vitest';
import { runHeapChild } from '../support/heap-child.js';

interface LeakReport {
  calls: number;
  bytesPerCall: number;
  heaps: number[];
}

describe('a long-lived AbortSignal passed to every call', () => {
  it('leaves nothing on it: the heap stays flat within 16 B per call over 20,000 calls', async () => {
    const report = await runHeapChild<LeakReport>(new URL('../support/signal-leak.child.ts', import.meta.url));
    console.info(`signal leak: ${report.bytesPerCall.toFixed(1)} B per call over ${report.calls} calls`);
    expect(report.calls).toBe(20_000);
    expect(report.bytesPerCall).toBeLessThan(16);
  }, 120_000);
});
