// The emulator's small parts on their own: the PRNG, the sliding window, the bounded memory of
// random values, the sequencer, and the relation types kept equal to the core's.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BlockCheckType, BlockRelation, CheckType, Relation } from '../../src/emulator/index.js';
import { mulberry32, pick, randomInt } from '../../src/emulator/mulberry32.js';
import { SeenRandoms } from '../../src/emulator/seen-randoms.js';
import { createSequencer } from '../../src/emulator/sequencer.js';
import { SlidingWindow } from '../../src/emulator/sliding-window.js';
import type { BlackListCheckRequest, BlackListRelation, FriendCheckType, FriendRelation } from '../../src/index.js';

describe('mulberry32', () => {
  it('repeats for a seed, differs across seeds, and stays in [0, 1)', () => {
    const a = Array.from({ length: 1000 }, mulberry32(42));
    expect(Array.from({ length: 1000 }, mulberry32(42))).toEqual(a);
    expect(Array.from({ length: 1000 }, mulberry32(43))).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    // Known first value for seed 1 (reference implementation): a change of algorithm changes every graph.
    expect(mulberry32(1)()).toBeCloseTo(0.6270739405881613, 15);
  });

  it('is roughly uniform', () => {
    const random = mulberry32(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(random() * 10)]! += 1;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('draws integers in a closed range and picks from lists', () => {
    const random = mulberry32(3);
    const ints = new Set(Array.from({ length: 1000 }, () => randomInt(random, 2, 5)));
    expect([...ints].sort()).toEqual([2, 3, 4, 5]);
    const picks = new Set(Array.from({ length: 100 }, () => pick(random, ['a', 'b', 'c'] as const)));
    expect(picks).toEqual(new Set(['a', 'b', 'c']));
  });
});

describe('SlidingWindow', () => {
  it('counts events in [now - interval + 1, now]', () => {
    const window = new SlidingWindow(1000);
    expect(window.add(0)).toBe(1);
    expect(window.add(500)).toBe(2);
    expect(window.count(999)).toBe(2);
    expect(window.count(1000)).toBe(1);
    expect(window.count(1500)).toBe(0);
  });

  it('stays correct across many evictions (compaction)', () => {
    const window = new SlidingWindow(10);
    for (let t = 0; t < 10_000; t++) expect(window.add(t)).toBe(Math.min(t + 1, 10));
    expect(window.count(10_009)).toBe(0);
  });
});

describe('SeenRandoms', () => {
  it('reports repeats and forgets only values older than one generation', () => {
    const seen = new SeenRandoms(3);
    expect([1, 2, 3].map((v) => seen.check(v))).toEqual([false, false, false]);
    expect(seen.check(1)).toBe(true);
    expect(seen.check(4)).toBe(false); // current generation full: 1, 2, 3 move to the previous one
    expect(seen.check(2)).toBe(true);
    expect([5, 6].map((v) => seen.check(v))).toEqual([false, false]);
    expect(seen.check(7)).toBe(false); // 4, 5, 6 become previous; 1, 2, 3 are dropped
    expect(seen.check(1)).toBe(false);
    expect(seen.check(5)).toBe(true);
  });
});

describe('createSequencer', () => {
  it('runs tasks one at a time in call order, even when one fails', async () => {
    const inTurn = createSequencer();
    const order: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) =>
        setTimeout(() => {
          order.push(name);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms),
      );
    const results = await Promise.allSettled([inTurn(task('slow', 30)), inTurn(task('failing', 1, true)), inTurn(task('fast', 1))]);
    expect(order).toEqual(['slow', 'failing', 'fast']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('relation vocabulary', () => {
  it('declares the same CheckType and Relation unions as the core', () => {
    expectTypeOf<CheckType>().toEqualTypeOf<FriendCheckType>();
    expectTypeOf<Relation>().toEqualTypeOf<FriendRelation>();
  });

  it('declares the same block CheckType and Relation unions as the core', () => {
    expectTypeOf<BlockCheckType>().toEqualTypeOf<BlackListCheckRequest['CheckType']>();
    expectTypeOf<BlockRelation>().toEqualTypeOf<BlackListRelation>();
  });
});
