/**
 * The {@link rateLimit} plugin: every HTTP attempt waits for a slot, so no more than `limit`
 * requests per endpoint and SDKAppID start in any `interval`, within one process
 * ({@link memoryStore}) or across many (`timfetch/plugins/rate-limit-redis`).
 *
 * @module timfetch/plugins/rate-limit
 */
import * as v from 'valibot';
import {
  abortable,
  delay,
  isTimApiError,
  limiterStoreSchema,
  maxTimerDelay,
  optionsObject,
  functionSchema,
  parseOrThrow,
  redactSecrets,
  TimRateLimitError,
  type LimiterStore,
  type Plugin,
  type RequestContext,
  type SlotGrant,
} from '../src/plugin-kit.js';

/**
 * How many requests the {@link rateLimit} plugin lets start, where it keeps the budget, and how
 * it reacts to throttling: the client's `rateLimit` option, or the argument of `rateLimit()` in a
 * custom stack. Bad values make it throw {@link timfetch!TimValidationError}.
 *
 * @example
 * ```ts
 * const tim = createClient({ sdkAppId, identifier, secretKey, rateLimit: { limit: 100, margin: 80 } });
 * ```
 */
export interface RateLimitOptions {
  /**
   * Most requests that may start in any `interval`, per endpoint and SDKAppID: a whole number
   * from 1 to 1000000.
   * @defaultValue 200 (the service's documented limit for friend_check and friend_get_list)
   */
  limit?: number;
  /**
   * The window, in milliseconds: a whole number, at least 1.
   * @defaultValue 1000
   */
  interval?: number;
  /**
   * Safety margin in milliseconds added to the window: requests leave spaced by
   * `interval + margin`, so that a varying transit delay cannot squeeze more than `limit` of them
   * into one `interval` at the server. Larger over slow or jittery links. A whole number from 0
   * to 60000.
   * @defaultValue 50
   */
  margin?: number;
  /**
   * Where the budget is kept. Give several clients the same store to share one budget; use
   * `redisStore` from `timfetch/plugins/rate-limit-redis` to share it across processes.
   * @defaultValue a {@link memoryStore} of this client's own
   */
  store?: LimiterStore;
  /**
   * Slow down after a throttling answer (60007, 60011, 60018, 60019): the key's limit is halved
   * (at most once per interval) and recovers linearly over `recovery` ms. A 70050 (UserSig checks
   * failed too often) holds every request of the app for the minute the service asks.
   * @defaultValue true
   */
  adaptive?: boolean;
  /**
   * How long the limit takes to recover from a halving to the full `limit`, in milliseconds.
   * @defaultValue 10000
   */
  recovery?: number;
  /**
   * Clock in milliseconds (for slowdowns, lockouts and the retry deadline); inject one in tests.
   * @defaultValue Date.now
   */
  now?: () => number;
}

/**
 * The event the {@link rateLimit} plugin emits when an attempt had to wait for its slot (a
 * millisecond or more), just before the attempt starts: to see how much the limit slows calls.
 *
 * @example
 * ```ts
 * const waits: number[] = [];
 * const listener: Plugin = {
 *   name: 'waits',
 *   phase: 'call',
 *   run: (ctx, next) => next({ ...ctx, emit: (e) => (e.type === 'rate-limit-wait' && waits.push((e as RateLimitWaitEvent).wait), ctx.emit(e)) }),
 * };
 * ```
 */
export interface RateLimitWaitEvent {
  /** Always `rate-limit-wait`. */
  readonly type: 'rate-limit-wait';
  /** The budget's key, `<SDKAppID>:<endpoint path>`. */
  readonly key: string;
  /** Milliseconds the attempt waited for its slot (behind earlier callers, and for the window). */
  readonly wait: number;
  /** The limit in force for the key (lower than `limit` while slowed down). */
  readonly limit: number;
}

/**
 * The event the {@link rateLimit} plugin emits when a throttling answer makes it slow a key down,
 * or a 70050 makes it hold the app: a sign that the budget is set too high or shared with
 * something else.
 *
 * @example
 * ```ts
 * const onEvent = (event: PipelineEvent) => {
 *   if (event.type === 'rate-limit-slowdown') console.warn('throttled: limit now', (event as RateLimitSlowdownEvent).limit);
 * };
 * ```
 */
export interface RateLimitSlowdownEvent {
  /** Always `rate-limit-slowdown`. */
  readonly type: 'rate-limit-slowdown';
  /** The budget's key, `<SDKAppID>:<endpoint path>`. */
  readonly key: string;
  /** The IM error code that caused it. */
  readonly code: number;
  /** The key's new limit. */
  readonly limit: number;
  /** For a 70050: milliseconds every request of the app is held. */
  readonly hold?: number | undefined;
}

/** The service asks for a minute's pause after 70050. */
const lockoutMs = 60_000;
const lockoutCode = 70050;
const throttlingCodes = new Set([60007, 60011, 60018, 60019]);

/** A slot in a memory store's log: when it counts from. */
interface LoggedSlot {
  time: number;
}

/** One key's slots in time order; those before `head` are a window old and count no more. */
interface SlotLog {
  readonly slots: LoggedSlot[];
  head: number;
}

/**
 * An in-memory {@link LimiterStore}, the default of {@link rateLimit}: a sliding log per key of
 * when slots were taken, a slow request's moved to `margin` before it ended. Create one yourself
 * to share a budget between the clients of one process; across processes, use `redisStore`
 * from `timfetch/plugins/rate-limit-redis`. Never throws, and its `acquire` never rejects.
 *
 * @param options - `now`: a clock in milliseconds, for tests.
 * @returns a store named `memory`.
 *
 * @example
 * ```ts
 * import { memoryStore } from 'timfetch/plugins/rate-limit';
 *
 * const store = memoryStore();
 * const reports = createClient({ sdkAppId, identifier, secretKey, rateLimit: { store } });
 * const sync = createClient({ sdkAppId, identifier, secretKey, rateLimit: { store } }); // one budget for both
 * ```
 */
export function memoryStore(options: { now?: () => number } = {}): LimiterStore {
  const now = options.now ?? (() => performance.now());
  const logs = new Map<string, SlotLog>();

  const finish = (log: SlotLog, slot: LoggedSlot, margin: number) => {
    const time = now() - margin;
    const at = log.slots.indexOf(slot, log.head);
    if (time <= slot.time || at === -1) return; // quick enough, or a window old already
    log.slots.splice(at, 1);
    slot.time = time;
    // Back in time order: slots taken in the last `margin` ms may lie after it.
    let index = log.slots.length;
    while (index > log.head && (log.slots[index - 1] as LoggedSlot).time > time) index--;
    log.slots.splice(index, 0, slot);
  };

  return {
    name: 'memory',
    acquire({ key, limit, window, margin }): Promise<SlotGrant> {
      const time = now();
      let log = logs.get(key);
      if (log === undefined) logs.set(key, (log = { slots: [], head: 0 }));
      const { slots } = log;
      while (log.head < slots.length && (slots[log.head] as LoggedSlot).time <= time - window) log.head++;
      if (log.head > 1024 && log.head * 2 > slots.length) {
        slots.splice(0, log.head);
        log.head = 0;
      }
      if (slots.length - log.head < limit) {
        const slot = { time };
        slots.push(slot);
        const taken = log;
        return Promise.resolve({ wait: 0, finished: () => finish(taken, slot, margin) });
      }
      // The limit-th most recent slot must be a window old before another may be taken.
      return Promise.resolve({ wait: (slots[slots.length - limit] as LoggedSlot).time + window - time });
    },
  };
}

/** Callers of one key take turns at the store, first come, first served. */
class Turns {
  #last: Promise<void> = Promise.resolve();
  /** How often a caller holding the turn had to wait for the limit: callers behind it waited too. */
  pauses = 0;

  /** Runs `task` once every earlier caller's task has ended; gives up waiting when `signal` aborts. */
  async take<T>(task: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    const previous = this.#last;
    let handOn: () => void = () => undefined;
    this.#last = new Promise<void>((resolve) => (handOn = resolve));
    try {
      await abortable(previous, signal);
      return await task();
    } finally {
      // A caller that gave up early hands on only when its turn would have ended.
      void previous.then(handOn);
    }
  }
}

const positiveInteger = v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number'), v.minValue(1, 'must be at least 1'));
const optionsSchema = optionsObject(
  {
    limit: v.optional(v.pipe(positiveInteger, v.maxValue(1_000_000, 'must be at most 1000000'))),
    interval: v.optional(v.pipe(positiveInteger, v.maxValue(maxTimerDelay, `must be at most ${maxTimerDelay}`))),
    margin: v.optional(v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number'), v.minValue(0, 'must not be negative'), v.maxValue(60_000, 'must be at most 60000'))),
    store: v.optional(limiterStoreSchema),
    adaptive: v.optional(v.boolean('must be true or false')),
    recovery: v.optional(v.pipe(positiveInteger, v.maxValue(maxTimerDelay, `must be at most ${maxTimerDelay}`))),
    now: v.optional(functionSchema<() => number>()),
  },
  'a rate limit option',
);

/** A key's slowdown after throttling: its share of the limit at `since`, recovering linearly. */
interface Slowdown {
  readonly share: number;
  readonly since: number;
}

// Store errors come from client libraries: keep credentials of a connection URL out of them.
function describeStoreFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return redactSecrets(text).replace(/\/\/[^/@\s]*@/g, '//[redacted]@');
}

/**
 * Keeps calls under the service's frequency limit: waits for a rate-limit slot before every HTTP
 * attempt (every chunk and every retry takes one), so no more than `limit` requests start in any
 * `interval` window per endpoint and SDKAppID.
 * Callers wait instead of failing, first come first served; the wait ends early when the call's
 * signal aborts, and a wait that would end past the retry deadline fails at once with
 * {@link TimRateLimitError}. Throttling answers slow the key down for a while (see `adaptive`).
 * A store that fails fails the call with {@link TimRateLimitError} naming it.
 *
 * In the default stack as the innermost `attempt` plugin (priority `low`): the slot is taken as
 * close to sending as possible, after the nonce and the UserSig are made (a slow `getUserSig`
 * never sits between a slot and its request). Emits {@link RateLimitWaitEvent} and
 * {@link RateLimitSlowdownEvent}.
 *
 * @param options - limit, window, margin, store and adaptive slowdown; see {@link RateLimitOptions}.
 * @returns the `rate-limit` plugin (phase `attempt`, priority `low`).
 * @throws {@link timfetch!TimValidationError} when an option is invalid or unknown (a `store`
 *   without a `name` and an `acquire` function included).
 *
 * @example
 * ```ts
 * import { rateLimit, memoryStore } from 'timfetch/plugins/rate-limit';
 *
 * const store = memoryStore();
 * const tim = createClient({
 *   sdkAppId, identifier, secretKey,
 *   plugins: [{ ...rateLimit({ limit: 50, store }), replaces: 'rate-limit' }],
 * });
 * ```
 */
export function rateLimit(options: RateLimitOptions = {}): Plugin {
  parseOrThrow(optionsSchema, options, 'rate limit options');
  const { limit = 200, interval = 1000, margin = 50, adaptive = true, recovery = 10_000, now = Date.now } = options;
  const store = options.store ?? memoryStore();
  const window = interval + margin;
  const slowdowns = new Map<string, Slowdown>();
  const heldUntil = new Map<string, number>(); // per SDKAppID, after a 70050

  const shareOf = (key: string, time: number): number => {
    const slowdown = slowdowns.get(key);
    if (slowdown === undefined) return 1;
    const share = slowdown.share + (time - slowdown.since) / recovery;
    if (share < 1) return share;
    slowdowns.delete(key);
    return 1;
  };
  const limitOf = (key: string, time: number) => Math.max(1, Math.floor(limit * shareOf(key, time)));

  const slowDown = (ctx: RequestContext, key: string, code: number): void => {
    const time = now();
    let hold: number | undefined;
    if (code === lockoutCode) {
      heldUntil.set(ctx.query.sdkappid ?? '', time + lockoutMs);
      hold = lockoutMs;
    } else {
      const last = slowdowns.get(key);
      // Answers to requests already in flight report the same overload: cut once per interval.
      if (last !== undefined && time - last.since < interval) return;
      slowdowns.set(key, { share: Math.max(1 / limit, shareOf(key, time) / 2), since: time });
    }
    const event: RateLimitSlowdownEvent = { type: 'rate-limit-slowdown', key, code, limit: limitOf(key, time), hold };
    ctx.emit(event);
  };

  const outOfTime = (ctx: RequestContext, wait: number) =>
    new TimRateLimitError('deadline', `No rate-limit slot for ${ctx.endpoint.name} before the retry deadline (next one in ${Math.ceil(wait)} ms)`, {
      store: store.name,
      endpoint: ctx.endpoint.name,
    });

  /** Waits `wait` ms for a slot, unless that would end past the retry deadline. */
  const pause = async (ctx: RequestContext, wait: number): Promise<void> => {
    if (ctx.deadline !== undefined && now() + wait > ctx.deadline) throw outOfTime(ctx, wait);
    await delay(wait, ctx.signal);
  };

  /** Asks the store until it gives a slot (this caller holds the key's turn meanwhile). */
  const takeSlot = async (ctx: RequestContext, key: string, turns: Turns): Promise<SlotGrant> => {
    for (;;) {
      // A 70050 holds the whole app: wait that out before asking for a slot.
      const held = (heldUntil.get(ctx.query.sdkappid ?? '') ?? 0) - now();
      if (held > 0) {
        turns.pauses++;
        await pause(ctx, held);
      }
      let grant: SlotGrant;
      try {
        grant = await store.acquire({ key, limit: adaptive ? limitOf(key, now()) : limit, window, margin, signal: ctx.signal });
      } catch (error) {
        ctx.signal?.throwIfAborted();
        throw new TimRateLimitError('store', `Rate limiter store "${store.name}" failed: ${describeStoreFailure(error)}`, {
          store: store.name,
          endpoint: ctx.endpoint.name,
        });
      }
      if (!(grant.wait > 0)) return grant;
      turns.pauses++;
      await pause(ctx, grant.wait);
    }
  };

  const turnsByKey = new Map<string, Turns>();

  return {
    name: 'rate-limit',
    phase: 'attempt',
    priority: 'low', // innermost: the slot is taken as close to sending as possible
    async run(ctx, next) {
      const key = `${ctx.query.sdkappid ?? ''}:${ctx.endpoint.path}`;
      let turns = turnsByKey.get(key);
      if (turns === undefined) turnsByKey.set(key, (turns = new Turns()));
      const [queued, pausesBefore] = [now(), turns.pauses];
      const grant = await turns.take(() => takeSlot(ctx, key, turns), ctx.signal);
      const waited = now() - queued;
      // Only waits the limit caused: this caller's own, or in line behind callers who waited.
      if (turns.pauses !== pausesBefore && waited >= 1) {
        const event: RateLimitWaitEvent = { type: 'rate-limit-wait', key, wait: waited, limit: limitOf(key, now()) };
        ctx.emit(event);
      }
      try {
        return await next(ctx);
      } catch (error) {
        if (adaptive && isTimApiError(error) && (throttlingCodes.has(error.code) || error.code === lockoutCode)) slowDown(ctx, key, error.code);
        throw error;
      } finally {
        grant.finished?.();
      }
    },
  };
}
