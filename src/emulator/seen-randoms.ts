/** Remembering recent `random` values with bounded memory, to count repeats. */

/** How many values each of the two generations holds before the older one is dropped. */
export const seenRandomsGeneration = 500_000;

/**
 * Recently seen `random` values, kept in two generations of at most `generationSize` values
 * each: when the current one fills up it becomes the previous one and the oldest is dropped. So
 * memory stays below `2 × generationSize` numbers (about 30 MB at the default), a repeat is
 * always caught among the last `generationSize` values, and older ones may be forgotten.
 */
export class SeenRandoms {
  readonly #generationSize: number;
  #current = new Set<number>();
  #previous = new Set<number>();

  /**
   * @param generationSize - values per generation.
   */
  constructor(generationSize: number = seenRandomsGeneration) {
    this.#generationSize = generationSize;
  }

  /** Records `value` and tells whether it was seen before (within the remembered values). */
  check(value: number): boolean {
    if (this.#current.has(value) || this.#previous.has(value)) return true;
    if (this.#current.size >= this.#generationSize) {
      this.#previous = this.#current;
      this.#current = new Set();
    }
    this.#current.add(value);
    return false;
  }
}
