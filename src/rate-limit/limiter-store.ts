import * as v from 'valibot';

/**
 * What a {@link LimiterStore} is asked for one request: a slot under `key`, such that no more
 * than `limit` slots count in any `window` milliseconds.
 *
 * @example
 * ```ts
 * declare const limiter: LimiterStore;
 *
 * const request: SlotRequest = { key: '1400000000:v4/sns/friend_check', limit: 200, window: 1050, margin: 50 };
 * const { wait } = await limiter.acquire(request);
 * ```
 */
export interface SlotRequest {
  /** What the budget belongs to; the rate-limit plugin uses `<SDKAppID>:<endpoint path>`. */
  readonly key: string;
  /** Most slots in any window; may change between requests (the limiter slows down after throttling). */
  readonly limit: number;
  /** Window length in milliseconds (the plugin's `interval` plus its safety `margin`). */
  readonly window: number;
  /**
   * The safety margin inside `window`, in milliseconds: how late after its slot a request may
   * reach the server and still be covered. A request that took longer than that counts from
   * `margin` before it ended; one the service answered counts from its answer, for the window
   * without the margin (see {@link SlotGrant.finished}).
   */
  readonly margin: number;
  /**
   * The longest the request of a taken slot can run (its attempt's timeout plus `margin`), in
   * milliseconds. A slot counts until its request ends ({@link SlotGrant.finished}), however long
   * that is; a store shared by processes counts it at most this long when `finished` never comes
   * (a process that died, an update lost with the connection).
   * @defaultValue none: the store's own bound
   */
  readonly lease?: number | undefined;
  /** The call's signal: a store that waits on I/O should stop when it aborts. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * A {@link LimiterStore}'s answer to {@link LimiterStore.acquire}.
 *
 * @example
 * ```ts
 * declare const limiter: LimiterStore;
 * declare function send(): Promise<void>;
 *
 * const request: SlotRequest = { key: '1400000000:v4/sns/friend_check', limit: 200, window: 1050, margin: 50 };
 * const grant: SlotGrant = await limiter.acquire(request);
 * if (grant.wait === 0) {
 *   try {
 *     await send();
 *   } finally {
 *     grant.finished?.();
 *   }
 * }
 * ```
 */
export interface SlotGrant {
  /**
   * 0: a slot is taken, start now. Otherwise no slot is taken: the milliseconds until one may be
   * free; ask again then.
   */
  readonly wait: number;
  /**
   * With a taken slot: report that its request has ended, and whether the service answered it
   * (`answered`: its answer was read, success or an `ErrorCode`). Until then the slot counts, even
   * past its window: the request may reach the server at any moment. The server saw an answered
   * request before it answered, so its slot counts until `window - margin` after the end, however
   * soon after its start that is: a quick answer frees its slot early, a request that reached the
   * server late (a cold connection, a busy event loop) cannot make the next window start early.
   * A request that ended without an answer (a timeout, a lost connection: it may still be on its
   * way) counts from no earlier than `margin` before its end, for the whole `window`.
   */
  readonly finished?: ((answered?: boolean) => void) | undefined;
}

/**
 * Where the rate limiter keeps its budget: a sliding log per key of the slots taken. `acquire`
 * takes a slot if fewer than `limit` were counted in the last `window`, and otherwise says how
 * long until one frees up (the rate-limit plugin queues its callers first come, first served, and
 * asks again). A store shared by several clients shares their budget: the in-memory store within
 * a process, a Redis store across processes and machines. A store that fails rejects; the
 * rate-limit plugin then fails the call with {@link TimRateLimitError}.
 *
 * @example
 * ```ts
 * // A store that never limits, for a test.
 * const unlimited: LimiterStore = { name: 'unlimited', acquire: async () => ({ wait: 0 }) };
 * const tim = createClient({ sdkAppId, identifier, secretKey, rateLimit: { store: unlimited } });
 * ```
 */
export interface LimiterStore {
  /** A short name for errors and logs, for example `memory` or `redis`. */
  readonly name: string;
  /**
   * Takes a slot now, or says how long until one may be free. Rejects when the store fails (the
   * rate-limit plugin then fails the call with {@link TimRateLimitError}); it should settle
   * promptly when `request.signal` aborts.
   */
  acquire(request: SlotRequest): Promise<SlotGrant>;
}

/**
 * A valibot schema for a {@link LimiterStore} option: an object with a `name` and an `acquire`
 * function.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * const schema = optionsObject({ store: v.optional(limiterStoreSchema) }, 'a quota option');
 * ```
 */
export const limiterStoreSchema = v.custom<LimiterStore>(
  (s) => typeof s === 'object' && s !== null && typeof (s as LimiterStore).acquire === 'function' && typeof (s as LimiterStore).name === 'string',
  'must be a limiter store { name, acquire }',
);
