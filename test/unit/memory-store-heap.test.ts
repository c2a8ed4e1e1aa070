// Issue 17 row 5: a memory store shared by many apps must hold memory for its active keys only
// (it kept about 1.6 KB per idle key forever: 20,000 apps × 20 calls held +33 MB).
import { describe, expect, it } from 'vitest';
import { runHeapChild } from '../support/heap-child.js';

describe('a memory store shared by 20,000 apps', () => {
  it('forgets the keys nothing counts in any more', async () => {
    const { active, idle } = await runHeapChild<{ active: number; idle: number }>(new URL('../support/memory-store-heap.child.ts', import.meta.url));
    console.info(`memory store: ${(active / 1e6).toFixed(1)} MB for 20,000 active keys, ${(idle / 1e6).toFixed(2)} MB a window later`);
    expect(active).toBeGreaterThan(5_000_000); // the measure sees the keys
    expect(idle).toBeLessThan(500_000);
  }, 60_000);
});
