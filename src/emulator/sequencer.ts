/** Running async steps one at a time, in the order they were asked for. */

/**
 * Runs tasks strictly one after another in call order, even when earlier ones await. The
 * emulator decides each request inside one turn, so concurrent requests meet the rate limit,
 * the fault stream and the statistics in arrival order, and a seed replays exactly.
 */
export function createSequencer(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const turn = tail.then(task);
    // A failed task must not stop the ones queued behind it.
    tail = turn.catch(() => undefined);
    return turn;
  };
}
