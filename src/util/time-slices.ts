/**
 * A pause for long loops over a big call (a million accounts): it yields to the event loop once
 * the current stretch of work has run `budget` milliseconds, and otherwise resolves at once, so
 * that other calls, timers and I/O are never held up by one call's bookkeeping for longer than
 * that. Await it between slices of work (every thousand items, say), not per item.
 *
 * @param budget - the longest stretch without yielding, in milliseconds.
 * @returns a function to await between slices.
 *
 * @example
 * ```ts
 * const ids = Array.from({ length: 1_000_000 }, (_, i) => `user${i}`);
 * const seen = new Set<string>();
 * const pause = timeSlices();
 * for (let start = 0; start < ids.length; start += 1000) {
 *   for (const id of ids.slice(start, start + 1000)) seen.add(id);
 *   await pause();
 * }
 * ```
 */
export function timeSlices(budget = 8): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budget) return;
    // A macrotask: timers and I/O callbacks run before the work goes on.
    await new Promise((resolve) => setTimeout(resolve, 0));
    since = performance.now();
  };
}
