/**
 * The largest timer delay every runtime accepts (setTimeout takes a signed 32-bit number): cap
 * waits you compute (a server's `Retry-After`, an option) with it.
 *
 * @example
 * ```ts
 * declare const retryAfterMs: number; // what the server asked for
 *
 * await delay(Math.min(retryAfterMs, maxTimerDelay), ctx.signal);
 * ```
 */
export const maxTimerDelay = 2_147_483_647;

/**
 * Resolves after `ms` milliseconds, or rejects with the signal's reason as soon as it aborts:
 * the wait every plugin that pauses (backoff, a rate-limit slot) should use.
 *
 * @throws (rejects with) `signal.reason` when `signal` is aborted already or aborts during the wait.
 *
 * @example
 * ```ts
 * await delay(250, ctx.signal); // rejects at once when the caller aborts
 * ```
 */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
