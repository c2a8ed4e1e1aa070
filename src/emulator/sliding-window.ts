/** Counting events in a sliding time window: the rate limiter and the peak statistics use it. */

/**
 * The times of recent events, kept only while they are inside the window. An event at time `t`
 * counts for every instant in `[t, t + interval)`: two events `interval` ms apart are never in the
 * same window. Memory is bounded by the number of events in one window. Expects a clock that
 * does not go backwards.
 */
export class SlidingWindow {
  readonly #interval: number;
  #times: number[] = [];
  #head = 0;

  /**
   * @param interval - the window length in milliseconds.
   */
  constructor(interval: number) {
    this.#interval = interval;
  }

  /** How many events are in the window that ends at `now`. */
  count(now: number): number {
    this.#evict(now);
    return this.#times.length - this.#head;
  }

  /** Records an event at `now` and returns how many events the window ending at `now` holds. */
  add(now: number): number {
    this.#evict(now);
    this.#times.push(now);
    return this.#times.length - this.#head;
  }

  #evict(now: number): void {
    const oldest = now - this.#interval;
    while (this.#head < this.#times.length && (this.#times[this.#head] ?? now) <= oldest) this.#head++;
    // Compact now and then instead of shifting on every eviction.
    if (this.#head > 1024 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#head = 0;
    }
  }
}
