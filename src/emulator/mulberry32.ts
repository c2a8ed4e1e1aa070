/** A small seeded PRNG, so generated graphs and injected faults repeat exactly for a seed. */

/** A source of uniform numbers in `[0, 1)`, as {@link mulberry32} makes them. */
export type RandomSource = () => number;

/**
 * mulberry32: a 32-bit state PRNG, fast and good enough for test data (not for cryptography).
 * The same seed always gives the same sequence, in every runtime. The seed is taken modulo 2^32.
 *
 * @param seed - any integer; `seed >>> 0` is the starting state.
 * @returns a function returning the next number in `[0, 1)` on every call.
 */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An integer in `[min, max]` (both included) drawn from `random`. */
export function randomInt(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list, drawn from `random`. */
export function pick<T>(random: RandomSource, items: readonly [T, ...T[]]): T {
  return items[Math.floor(random() * items.length)] ?? items[0];
}
