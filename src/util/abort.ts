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

/** A signal of one call's own that follows another signal, and the way to stop following it. */
export interface FollowingSignal {
  /** Aborts, with the followed signal's reason, when that one aborts (at once if it is aborted already). */
  readonly signal: AbortSignal;
  /** Stops following; call it when the work settles. */
  release(): void;
}

// The live followers of each followed signal: one listener on it relays its abort to them all.
const followers = new WeakMap<AbortSignal, Set<AbortController>>();

/**
 * A signal for one call's work that aborts with `parent`'s reason, so that the call's listeners
 * go on a signal that dies with the call instead of on a long-lived `parent` that many calls
 * share. However many calls follow `parent` at once, it holds one listener, and nothing of a call
 * once released (unlike `AbortSignal.any([parent])`, which leaves an entry on `parent` in Node 20
 * for every call, or a listener per call, which warns past ten). The client makes one per call.
 */
export function followSignal(parent: AbortSignal): FollowingSignal {
  const own = new AbortController();
  if (parent.aborted) {
    own.abort(parent.reason);
    return { signal: own.signal, release: () => undefined };
  }
  let live = followers.get(parent);
  if (live === undefined) {
    const all = (live = new Set());
    followers.set(parent, all);
    parent.addEventListener('abort', () => {
      for (const follower of all) follower.abort(parent.reason);
    }, { once: true });
  }
  const set = live;
  set.add(own);
  return { signal: own.signal, release: () => set.delete(own) };
}
