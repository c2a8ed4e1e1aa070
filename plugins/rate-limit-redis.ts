/**
 * {@link redisStore}: a limiter store in Redis, so every process and machine that uses it shares
 * one rate-limit budget. Node only (it needs a Redis client); the browser bundle never includes it.
 *
 * @module timfetch/plugins/rate-limit-redis
 */
import * as v from 'valibot';
import { abortable, limiterStoreSchema, maxTimerDelay, optionsObject, parseOrThrow, TimValidationError, type LimiterStore, type SlotGrant, type SlotRequest } from '../src/plugin-kit.js';

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

/*
 * One atomic step per acquire: a sliding log of slots in a sorted set, scored by milliseconds of
 * Redis's own clock (so machines with skewed clocks agree; milliseconds keep scores exact, as Lua
 * formats numbers with 14 significant digits). Drops slots a window old; takes a slot if fewer
 * than `limit` remain, answering 0; otherwise answers how long until the limit-th most recent is a
 * window old.
 */
const acquireScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window + 1000)
  return 0
end
local edge = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
return math.max(1, tonumber(edge[2]) + window - now)
`;

// When a request ends (the server saw it by then at the latest), its slot counts from no earlier
// than `margin` before that moment.
const finishScript = `
local time = redis.call('TIME')
local at = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) - tonumber(ARGV[3])
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) < at then
  redis.call('ZADD', KEYS[1], at, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + 1000)
end
return 0
`;

/** SHA-1 of the script, hex: EVALSHA sends 40 bytes instead of the script on every acquire. */
async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

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
 * ends (a slow request's slot then counts from `margin` before). If Redis fails or does not
 * answer within `timeout`, the acquire fails (and the call with `TimRateLimitError` naming the
 * store `redis`), unless a `fallback` store is given.
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
  const scripts = { acquire: { text: acquireScript, sha: sha1Hex(acquireScript) }, finish: { text: finishScript, sha: sha1Hex(finishScript) } };
  // Members must be unique across processes: a random id for this store, and a counter.
  const owner = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('');
  let counter = 0;

  const evaluate = async (script: { text: string; sha: Promise<string> }, key: string, args: string[]): Promise<unknown> => {
    try {
      return await send(client, ['EVALSHA', await script.sha, '1', key, ...args]);
    } catch (error) {
      // The first use on a Redis that has not seen the script (or after SCRIPT FLUSH).
      if (!String((error as Error | undefined)?.message).startsWith('NOSCRIPT')) throw error;
      return send(client, ['EVAL', script.text, '1', key, ...args]);
    }
  };

  const acquire = async ({ key, limit, window, margin }: SlotRequest): Promise<SlotGrant> => {
    const redisKey = `${prefix}${key}`;
    const member = `${owner}:${++counter}`;
    const wait = waitFromReply(await evaluate(scripts.acquire, redisKey, [String(limit), String(Math.ceil(window)), member]));
    if (wait > 0) return { wait };
    // Best effort: if Redis cannot take the update, the slot still counts from when it was taken.
    const finished = () => void evaluate(scripts.finish, redisKey, [member, String(Math.ceil(window)), String(Math.floor(margin))]).catch(() => undefined);
    return { wait: 0, finished };
  };

  return {
    name: 'redis',
    async acquire(request) {
      const timer = AbortSignal.timeout(timeout);
      const signal = request.signal === undefined ? timer : AbortSignal.any([request.signal, timer]);
      try {
        return await abortable(acquire(request), signal);
      } catch (error) {
        request.signal?.throwIfAborted();
        if (fallback !== undefined) return fallback.acquire(request);
        throw timer.aborted ? new Error(`no answer from Redis within ${timeout} ms`, { cause: error }) : error;
      }
    },
  };
}
