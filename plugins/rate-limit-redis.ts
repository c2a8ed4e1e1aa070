/**
 * {@link redisStore}: a limiter store in Redis, so every process and machine that uses it shares
 * one rate-limit budget. Node only (it needs a Redis client); the browser bundle never includes it.
 *
 * @module timfetch/plugins/rate-limit-redis
 */
import * as v from 'valibot';
import { limiterStoreSchema, maxTimerDelay, optionsObject, parseOrThrow, TimValidationError, type LimiterStore, type SlotGrant, type SlotRequest } from '../src/plugin-kit.js';

/**
 * A connected Redis client: a node-redis client (`createClient()` from the `redis` package, which
 * has `sendCommand`) or an ioredis client (`new Redis()`, which has `call`). Only these methods
 * are used; neither package is a dependency of timfetch.
 *
 * @example
 * ```ts
 * import { createClient as createRedisClient } from 'redis';
 *
 * const redis: RedisLike = await createRedisClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).connect();
 * ```
 */
export type RedisLike =
  | {
      /** node-redis: sends one command given as a list of strings. */
      sendCommand(args: string[]): Promise<unknown>;
      call?: undefined;
    }
  | {
      /** ioredis: sends one command by name, with its arguments. */
      call(command: string, ...args: string[]): Promise<unknown>;
    };

/**
 * Where {@link redisStore} keeps its keys, how long it waits for Redis, and what it falls back to
 * when Redis fails. Bad values make it throw {@link timfetch!TimValidationError}.
 *
 * @example
 * ```ts
 * import { createClient as createRedisClient } from 'redis';
 * import { redisStore } from 'timfetch/plugins/rate-limit-redis';
 *
 * const redis = await createRedisClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).connect();
 * const store = redisStore(redis, { prefix: 'billing-tools:tim:', timeout: 500 });
 * ```
 */
export interface RedisStoreOptions {
  /**
   * Prefix of the Redis keys (one sorted set per limiter key, expiring by itself). Processes
   * share a budget only when they use the same prefix.
   * @defaultValue 'timfetch:rate:'
   */
  prefix?: string;
  /**
   * Longest wait for Redis's answer, in milliseconds: a Redis that does not answer (a client
   * queueing commands while it reconnects) fails the acquire instead of hanging the call. A
   * whole number from 1 to 2147483647.
   * @defaultValue 2000
   */
  timeout?: number;
  /**
   * A store to use for an acquire that Redis failed (for example `memoryStore()` from
   * `timfetch/plugins/rate-limit`). Without one, such a call fails with `TimRateLimitError`:
   * falling back silently would break the shared budget, so it is a choice you make.
   * @defaultValue none
   */
  fallback?: LimiterStore;
}

/** How often a store that lost Redis checks whether it is back, in milliseconds. */
const probeEvery = 250;

/** How long a key remembers that Redis kept its state: a fresh Redis is told from one that lost it. */
const stateTtl = 24 * 60 * 60 * 1000;

/*
 * One atomic step per acquire, over three keys of one hash slot (so that Redis Cluster takes it):
 * - KEYS[1], the log: a sorted set of slots scored by when they count from, in milliseconds of
 *   Redis's own clock (so machines with skewed clocks agree; milliseconds keep scores exact, as
 *   Lua formats numbers with 14 significant digits);
 * - KEYS[2], the running slots: a sorted set of slots whose request has not ended, scored by when
 *   their lease ends (a process that died never ends its requests);
 * - KEYS[3], the state marker, which outlives the log. Without it the log's state was lost (a
 *   restart, a FLUSHALL, a failover to a replica without the keys) or never existed: slots of the
 *   last window may be unknown, so nobody gets one for ARGV[7] ms (a window, and with fallbacks
 *   the time the other processes take to leave theirs).
 * Slots a window old leave the log unless they still run: those count on, as if taken `margin`
 * ago. Takes a slot if fewer than `limit` count (answering 0); otherwise answers how long until
 * the limit-th most recent is a window old.
 */
const acquireScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit, window, margin, lease = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[5])
local resume = redis.call('GET', KEYS[3])
if not resume then
  redis.call('SET', KEYS[3], now + tonumber(ARGV[7]), 'PX', ARGV[6])
  return tonumber(ARGV[7])
end
redis.call('PEXPIRE', KEYS[3], ARGV[6])
if now < tonumber(resume) then return tonumber(resume) - now end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
for _, slot in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - window)) do
  if redis.call('ZSCORE', KEYS[2], slot) then
    redis.call('ZADD', KEYS[1], now - margin, slot)
  else
    redis.call('ZREM', KEYS[1], slot)
  end
end
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('ZADD', KEYS[2], now + lease, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window + lease)
  if redis.call('PTTL', KEYS[2]) < lease then redis.call('PEXPIRE', KEYS[2], lease) end
  return 0
end
local edge = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
return math.max(1, tonumber(edge[2]) + window - now)
`;

// When a request ends (the server saw it by then at the latest), its slot stops running and
// counts from no earlier than `margin` before that moment; from that moment, even if earlier
// than the slot was taken, when the service answered it (ARGV[3] is '1').
const finishScript = `
local time = redis.call('TIME')
local at = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) - tonumber(ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[1])
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and (ARGV[3] == '1' or tonumber(score) < at) then
  redis.call('ZADD', KEYS[1], at, ARGV[1])
end
return 0
`;

// A write, so that a replica that only reads (after a failover) does not pass for a working Redis.
const probeScript = `return redis.call('SET', KEYS[1], '1', 'PX', 1000)`;

interface Script {
  readonly text: string;
  readonly sha: Promise<string>;
}

/** SHA-1 of the script, hex: EVALSHA sends 40 bytes instead of the script on every acquire. */
async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const script = (text: string): Script => ({ text, sha: sha1Hex(text) });

function send(client: RedisLike, args: string[]): Promise<unknown> {
  if (typeof client.call === 'function') return client.call(args[0] as string, ...args.slice(1));
  return (client as { sendCommand(args: string[]): Promise<unknown> }).sendCommand(args);
}

/** The acquire script's reply, an integer (node-redis may give it as a string). */
function waitFromReply(reply: unknown): number {
  const wait = typeof reply === 'string' ? Number(reply) : reply;
  if (typeof wait !== 'number' || !Number.isFinite(wait) || wait < 0) throw new Error('unexpected reply from the acquire script');
  return wait;
}

/**
 * Settles like `promise`, or rejects after `ms` ms, or with `signal`'s reason when it aborts, or
 * with the error given to the canceller it adds to `waiting` (removed when it settles): no caller
 * waits longer than the store's `timeout` for Redis, nor past a noticed outage.
 */
function bounded<T>(promise: Promise<T>, ms: number, signal?: AbortSignal, waiting?: Set<(error: unknown) => void>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      waiting?.delete(cancel);
      settle();
    };
    const cancel = (error: unknown) => stop(() => reject(error));
    const onAbort = () => cancel(signal?.reason);
    const timer = setTimeout(() => cancel(new Error(`no answer from Redis within ${ms} ms`)), ms);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    waiting?.add(cancel);
    promise.then((value) => stop(() => resolve(value)), cancel);
  });
}

const optionsSchema = optionsObject(
  {
    prefix: v.optional(v.string('must be a string')),
    timeout: v.optional(v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(maxTimerDelay, `must be at most ${maxTimerDelay}`))),
    fallback: v.optional(limiterStoreSchema),
  },
  'a Redis store option',
);

/**
 * Shares one rate-limit budget across processes and machines: a {@link LimiterStore} in Redis,
 * shared by every process and machine that uses the same Redis and prefix. One atomic Lua script
 * per acquire (a sliding window log), Redis's `TIME` as the clock, and one more when the request
 * ends (a slot counts while its request runs, then from `margin` before its end). Acquires are
 * not serialised: a Redis far away still gives the full rate.
 *
 * When Redis cannot say what was spent in the last window, nobody gets a slot for a window (with
 * a `fallback`, a window plus `250 ms + timeout`: others may be on theirs until they see Redis
 * back): on the first use of a key in a Redis's life, and after Redis lost its state (a restart
 * without persistence, a FLUSHALL, a failover to a replica without the keys).
 *
 * When Redis fails or does not answer within `timeout`, the store notices once for every waiting
 * caller and stops asking Redis, checking every 250 ms whether it is back. Meanwhile, without a
 * `fallback`, acquires fail at once (the call fails with `TimRateLimitError` naming the store
 * `redis`). With one, they go to the fallback: after a window without slots (others' Redis slots
 * of the last window are unknown), and back to Redis after a window plus the time the other
 * processes take to notice (`250 ms + timeout`), so that budgets never overlap. While callers
 * wait, the store checks Redis every 250 ms too, so that it learns of an outage that begins and
 * ends during a pause.
 *
 * @param client - a connected node-redis or ioredis client; see {@link RedisLike}.
 * @param options - key prefix, timeout and fallback; see {@link RedisStoreOptions}.
 * @returns a store named `redis`, to give as the `store` of the `rateLimit` option. Its `acquire`
 *   rejects with the Redis client's error, or an `Error` after `timeout` ms without an answer
 *   (the `rateLimit` plugin turns either into `TimRateLimitError`), unless `fallback` is given.
 * @throws {@link timfetch!TimValidationError} when `client` has neither `sendCommand` nor `call`,
 *   or an option is invalid or unknown.
 *
 * @example
 * ```ts
 * import { createClient as createRedisClient } from 'redis';
 * import { createClient } from 'timfetch';
 * import { redisStore } from 'timfetch/plugins/rate-limit-redis';
 *
 * const redis = await createRedisClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).connect();
 * const tim = createClient({ sdkAppId, identifier, secretKey, rateLimit: { store: redisStore(redis) } });
 * ```
 */
export function redisStore(client: RedisLike, options: RedisStoreOptions = {}): LimiterStore {
  if (typeof client !== 'object' || client === null || (typeof client.call !== 'function' && typeof (client as { sendCommand?: unknown }).sendCommand !== 'function')) {
    throw new TimValidationError('redisStore client', [{ path: '', reason: 'must be a node-redis client (sendCommand) or an ioredis client (call)' }]);
  }
  parseOrThrow(optionsSchema, options, 'redisStore options');
  const { prefix = 'timfetch:rate:', timeout = 2000, fallback } = options;
  const scripts = { acquire: script(acquireScript), finish: script(finishScript), probe: script(probeScript) };
  // Members must be unique across processes: a random id for this store, and a counter.
  const owner = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('');
  let counter = 0;
  const clock = () => performance.now();

  const evaluate = async ({ text, sha }: Script, keys: readonly string[], args: readonly string[]): Promise<unknown> => {
    const rest = [String(keys.length), ...keys, ...args];
    try {
      return await send(client, ['EVALSHA', await sha, ...rest]);
    } catch (error) {
      // The first use on a Redis that has not seen the script (a restart, SCRIPT FLUSH).
      if (!String((error as Error | undefined)?.message).startsWith('NOSCRIPT')) throw error;
      return send(client, ['EVAL', text, ...rest]);
    }
  };

  // The three keys of a limiter key share a hash tag: one slot in Redis Cluster.
  const keysOf = (key: string) => {
    const log = `${prefix}{${key}}`;
    return [log, `${log}:running`, `${log}:state`] as const;
  };

  // How long processes on their fallbacks may go on after Redis is back: until their next check
  // shows it (every `probeEvery`, each waiting up to `timeout`).
  const lag = probeEvery + timeout;
  let longestWindow = 0;
  // A switch between budgets lets the old one's slots pass first: no slot before this (local clock).
  let pausedUntil = Number.NEGATIVE_INFINITY;
  const pauseFor = (ms: number) => (pausedUntil = Math.max(pausedUntil, clock() + ms));

  const acquireInRedis = async ({ key, limit, window, margin, lease = timeout + window }: SlotRequest): Promise<SlotGrant> => {
    const keys = keysOf(key);
    const member = `${owner}:${++counter}`;
    // When Redis lost its state, the slots of its last window are unknown, and so, with
    // fallbacks, are those the other processes take until they see Redis back.
    const unknown = window + (fallback === undefined ? 0 : lag);
    const args = [String(limit), String(Math.ceil(window)), String(Math.floor(margin)), member, String(Math.ceil(lease)), String(stateTtl), String(Math.ceil(unknown))];
    const wait = waitFromReply(await evaluate(scripts.acquire, keys, args));
    if (wait > 0) return { wait };
    // Best effort: if Redis cannot take the update, the slot counts until its lease ends.
    const finished = (answered = false) => void evaluate(scripts.finish, keys.slice(0, 2), [member, String(Math.floor(margin)), answered ? '1' : '0']).catch(() => undefined);
    return { wait: 0, finished };
  };

  // Whether Redis is reachable, as this store last found.
  let outage: { readonly error: unknown; readonly since: number } | undefined;
  // Acquires waiting on Redis: an outage noticed by one stops them all at once.
  const waiting = new Set<(error: unknown) => void>();
  let lastContact = clock();
  let checking = false;

  const noticeOutage = (error: unknown) => {
    if (outage !== undefined) return;
    outage = { error, since: clock() };
    // Slots the processes took in Redis in the last window are unknown to the fallback.
    if (fallback !== undefined) pauseFor(longestWindow);
    for (const cancel of waiting) cancel(error);
  };

  const recovered = () => {
    outage = undefined;
    // The fallback's slots of the last window, and those of processes still on theirs until they
    // see Redis back, are unknown to Redis.
    if (fallback !== undefined) pauseFor(longestWindow + lag);
  };

  // While callers wait (through a pause, or on the fallback), Redis is checked every
  // `probeEvery`, with a write: a store learns of an outage, or of its end, even without slots
  // from Redis.
  const check = () => {
    if (checking || clock() - lastContact < probeEvery) return;
    checking = true;
    bounded(evaluate(scripts.probe, [`${prefix}probe`], []), timeout)
      .then(() => {
        lastContact = clock();
        if (outage !== undefined) recovered();
      }, noticeOutage)
      .finally(() => (checking = false));
  };

  const unreachable = (since: number, error: unknown) => {
    const seconds = ((clock() - since) / 1000).toFixed(1);
    const why = error instanceof Error ? error.message : String(error);
    return new Error(`${why} (Redis unreachable for ${seconds} s; checking every ${probeEvery} ms)`, { cause: error });
  };

  const acquire = async (request: SlotRequest): Promise<SlotGrant> => {
    longestWindow = Math.max(longestWindow, request.window);
    const paused = pausedUntil - clock();
    if (paused > 0) {
      check();
      return { wait: Math.ceil(paused) };
    }
    if (outage !== undefined) {
      check();
      if (fallback === undefined) throw unreachable(outage.since, outage.error);
      return fallback.acquire(request);
    }
    try {
      const grant = await bounded(acquireInRedis(request), timeout, request.signal, waiting);
      lastContact = clock();
      return grant;
    } catch (error) {
      request.signal?.throwIfAborted();
      noticeOutage(error);
      if (fallback === undefined) throw error;
      return acquire(request);
    }
  };

  return { name: 'redis', acquire };
}
