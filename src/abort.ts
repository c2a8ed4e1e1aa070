/**
 * Settles like `promise`, or rejects with the signal's reason as soon as `signal` aborts, so a
 * caller never waits on work it no longer wants (a slow UserSig provider, a rate-limit slot).
 * The abandoned promise is still observed, so its later rejection is never unhandled.
 *
 * @throws (rejects with) `signal.reason` when `signal` aborts first, or `promise`'s own error.
 *
 * @example
 * ```ts
 * declare function fetchTokenFromVault(): Promise<string>;
 *
 * const token = await abortable(fetchTokenFromVault(), ctx.signal); // stops waiting when the call aborts
 * ```
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
