/**
 * The {@link rateLimit} plugin: every HTTP attempt waits for a slot, so no more than `limit`
 * requests per endpoint and SDKAppID start in any `interval`, within one process
 * ({@link memoryStore}) or across many (`timfetch/plugins/rate-limit-redis`).
 *
 * @module timfetch/plugins/rate-limit
 */
import * as v from 'valibot';
import {
  isTimApiError,
  limiterStoreSchema,
  maxTimerDelay,
  memoryStore,
  optionsObject,
  functionSchema,
  parseOrThrow,
  redactSecrets,
  TimRateLimitError,
  type LimiterStore,
  type Plugin,
  type RateLimitSlowdownEvent,
  type RateLimitWaitEvent,
  type RequestContext,
  type SlotGrant,
} from '../src/plugin-kit.js';

export { memoryStore, type MemoryStoreOptions, type RateLimitSlowdownEvent, type RateLimitWaitEvent } from '../src/plugin-kit.js';

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
   * into one `interval` at the server. A request the service answered counts from its answer
   * instead (it reached the server before that), for `interval`: answered requests leave spaced
   * by `interval` plus their round trip. Larger over slow or jittery links. A whole number from 0
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

/** The service asks for a minute's pause after 70050. */
const lockoutMs = 60_000;
const lockoutCode = 70050;
const throttlingCodes = new Set([60007, 60011, 60018, 60019]);

/** What a caller of {@link SlotQueue.take} gets: its slot, and whether the limit made it wait. */
interface Taken {
  readonly grant: SlotGrant;
  readonly waited: boolean;
}

/** A caller waiting for a slot of one key. */
interface Waiter {
  /** Arrival order: slots go first come, first served. */
  readonly order: number;
  readonly ctx: RequestContext;
  readonly resolve: (taken: Taken) => void;
  readonly reject: (error: unknown) => void;
  /** Stops listening to the caller's signal. */
  readonly release: () => void;
  /** The limit made it wait: the store told it to, or it queued behind callers who were told. */
  waited: boolean;
  settled: boolean;
}

/** The most store requests of one key in flight at once. */
const maxInFlight = 64;

/**
 * The callers of one key, served first come, first served. While slots are free, several store
 * requests are in flight at once: a remote store's round trip would otherwise cap the rate at one
 * request per round trip. Once the store says "wait", nobody asks before that wait is over, and
 * then only about as many as got a slot since the previous wait, so that a steady full rate costs
 * about one store request per slot.
 */
class SlotQueue {
  readonly #ask: (ctx: RequestContext) => Promise<SlotGrant>;
  /** Until when nothing may start whatever the store says (a 70050 hold), epoch ms. */
  readonly #heldUntil: () => number;
  readonly #outOfTime: (ctx: RequestContext, wait: number) => Error;
  readonly #now: () => number;
  readonly #onIdle: () => void;
  readonly #waiting: Waiter[] = [];
  #arrivals = 0;
  #inFlight = 0;
  #allowed = maxInFlight;
  /** Store requests sent since the last pause began, and slots they got. */
  #round = 0;
  #roundGrants = 0;
  #resumeAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pumpQueued = false;

  constructor(options: {
    ask: (ctx: RequestContext) => Promise<SlotGrant>;
    heldUntil: () => number;
    outOfTime: (ctx: RequestContext, wait: number) => Error;
    now: () => number;
    onIdle: () => void;
  }) {
    this.#ask = options.ask;
    this.#heldUntil = options.heldUntil;
    this.#outOfTime = options.outOfTime;
    this.#now = options.now;
    this.#onIdle = options.onIdle;
  }

  /** Resolves with a slot once every earlier caller got one and the store gives one. */
  take(ctx: RequestContext): Promise<Taken> {
    return new Promise<Taken>((resolve, reject) => {
      const { signal } = ctx;
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => this.#settle(waiter, () => reject(signal?.reason));
      signal?.addEventListener('abort', onAbort, { once: true });
      const waiter: Waiter = {
        order: this.#arrivals++,
        ctx,
        resolve,
        reject,
        release: () => signal?.removeEventListener('abort', onAbort),
        waited: this.#waiting.length > 0 || this.#pausedFor() > 0,
        settled: false,
      };
      this.#waiting.push(waiter);
      this.#pump();
    });
  }

  #pausedFor(): number {
    return Math.max(this.#resumeAt, this.#heldUntil()) - this.#now();
  }

  #pump(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const pause = this.#pausedFor();
    if (pause > 0 && this.#waiting.length > 0) {
      // Nobody waits past their retry deadline: they fail now, not when the pause ends.
      for (const waiter of [...this.#waiting]) {
        const { deadline } = waiter.ctx;
        if (deadline !== undefined && this.#now() + pause > deadline) this.#settle(waiter, () => waiter.reject(this.#outOfTime(waiter.ctx, pause)));
      }
      if (this.#waiting.length > 0) this.#timer = setTimeout(() => this.#pump(), pause);
      return;
    }
    while (this.#waiting.length > 0 && this.#inFlight < this.#allowed) {
      const waiter = this.#waiting.shift() as Waiter;
      const round = this.#round;
      this.#inFlight++;
      this.#ask(waiter.ctx).then(
        (grant) => this.#answered(waiter, grant, round),
        (error: unknown) => this.#failed(waiter, error),
      );
    }
    if (this.#waiting.length === 0 && this.#inFlight === 0) this.#onIdle();
  }

  #answered(waiter: Waiter, grant: SlotGrant, round: number): void {
    this.#inFlight--;
    if (waiter.settled) {
      if (!(grant.wait > 0)) grant.finished?.(); // the caller gave up meanwhile: its slot ends unused
    } else if (grant.wait > 0) {
      if (round === this.#round) {
        // The first "wait" of this round: size the next round by what this one got.
        this.#allowed = Math.min(maxInFlight, this.#roundGrants + 1);
        this.#round++;
        this.#roundGrants = 0;
      }
      this.#resumeAt = Math.max(this.#resumeAt, this.#now() + grant.wait);
      waiter.waited = true;
      let index = this.#waiting.findIndex((other) => other.order > waiter.order);
      if (index === -1) index = this.#waiting.length;
      this.#waiting.splice(index, 0, waiter);
    } else {
      this.#roundGrants++;
      this.#allowed = Math.min(maxInFlight, this.#allowed + 1);
      this.#settle(waiter, () => waiter.resolve({ grant, waited: waiter.waited }));
    }
    this.#pumpSoon();
  }

  #failed(waiter: Waiter, error: unknown): void {
    this.#inFlight--;
    this.#settle(waiter, () => waiter.reject(error));
    this.#pumpSoon();
  }

  // After the other answers already in: a "wait" right behind a grant must pause the queue before
  // the grant makes room for more requests.
  #pumpSoon(): void {
    if (this.#pumpQueued) return;
    this.#pumpQueued = true;
    queueMicrotask(() => {
      this.#pumpQueued = false;
      this.#pump();
    });
  }

  /** Ends `waiter`'s wait once: takes it out of the line and runs `outcome`. */
  #settle(waiter: Waiter, outcome: () => void): void {
    if (waiter.settled) return;
    waiter.settled = true;
    waiter.release();
    const index = this.#waiting.indexOf(waiter);
    if (index !== -1) this.#waiting.splice(index, 1);
    outcome();
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

  /** One store request for a slot of `key`; a store failure is a TimRateLimitError naming it. */
  const ask = async (ctx: RequestContext, key: string): Promise<SlotGrant> => {
    try {
      // A slot counts while its request runs: at most the attempt's timeout, plus the margin.
      return await store.acquire({ key, limit: adaptive ? limitOf(key, now()) : limit, window, margin, lease: ctx.timeout + margin, signal: ctx.signal });
    } catch (error) {
      ctx.signal?.throwIfAborted();
      throw new TimRateLimitError('store', `Rate limiter store "${store.name}" failed: ${describeStoreFailure(error)}`, {
        store: store.name,
        endpoint: ctx.endpoint.name,
      });
    }
  };

  // Per key, only while someone waits for or asks about a slot: idle keys cost nothing.
  const queues = new Map<string, SlotQueue>();
  const queueOf = (key: string, sdkAppId: string): SlotQueue => {
    let queue = queues.get(key);
    if (queue === undefined) {
      queue = new SlotQueue({
        ask: (ctx) => ask(ctx, key),
        // A 70050 holds the whole app.
        heldUntil: () => heldUntil.get(sdkAppId) ?? 0,
        outOfTime,
        now,
        onIdle: () => queues.delete(key),
      });
      queues.set(key, queue);
    }
    return queue;
  };

  return {
    name: 'rate-limit',
    phase: 'attempt',
    priority: 'low', // innermost: the slot is taken as close to sending as possible
    async run(ctx, next) {
      const sdkAppId = ctx.query.sdkappid ?? '';
      const key = `${sdkAppId}:${ctx.endpoint.path}`;
      const queued = now();
      const { grant, waited } = await queueOf(key, sdkAppId).take(ctx);
      const wait = now() - queued;
      // Only waits the limit caused: this caller's own, or in line behind callers who waited.
      if (waited && wait >= 1) {
        const event: RateLimitWaitEvent = { type: 'rate-limit-wait', key, wait, limit: limitOf(key, now()) };
        ctx.emit(event);
      }
      // Whether the service answered (the request reached it before the answer): its slot then
      // counts from the answer on (SlotGrant.finished).
      let answered = false;
      try {
        const answer = await next(ctx);
        answered = true;
        return answer;
      } catch (error) {
        answered = isTimApiError(error);
        if (adaptive && isTimApiError(error) && (throttlingCodes.has(error.code) || error.code === lockoutCode)) slowDown(ctx, key, error.code);
        throw error;
      } finally {
        grant.finished?.(answered);
      }
    },
  };
}
