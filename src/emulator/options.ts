/** Options of createEmulator and startEmulator, their defaults and their validation. */
import * as v from 'valibot';
import { maxTimerDelay } from '../util/delay.js';
import { userIdListSchema } from '../endpoints/user-id.js';
import { sdkAppIdSchema, secretKeySchema } from '../usersig/option-schemas.js';
import { choiceSchema, functionSchema, objectMessage, optionsObject, parseOrThrow } from '../util/validate.js';
import { corsModeNames, type CorsMode } from './answers.js';
import type { EmulatorRequestEntry } from './request-entry.js';

/**
 * Faults the emulator injects, to test how a tool copes with a flaky service: each is a probability from 0 to 1, drawn per request from the emulator's
 * seeded stream, so the same seed and the same sequence of requests give the same faults.
 * Faults hit only requests that pass the envelope checks and the rate limit.
 *
 * Per accepted request the emulator draws, in this order: the latency (when `latency` is set),
 * then one number for each of `drop`, `stall`, `httpError`, `malformed`, `requestError`, and one
 * that picks the variant (502 or 503; 30006 or 30007). The first of those five kinds whose number
 * falls below its probability happens; the others do not. When none does and the endpoint
 * answers items (not a 30001 / 30003 error), each account gets one draw for `itemError` (only
 * when `itemError` is above 0) and, when it fails, one for its code.
 *
 * On a write (an endpoint declared `effect: 'write'`: friend_add, friend_import, black_list_add …), the faults that
 * lose the answer (`drop`, `stall`, `malformed`, an `httpError` 502) strike after the write was
 * applied, as when the service did the work and its answer got lost: the client cannot know the
 * outcome. `requestError`, `throttle` and an `httpError` 503 (the service unavailable) strike
 * before: nothing is applied. An `itemError` fails its
 * account without applying it. The request log (`onRequest`) says in `applied` what each
 * request changed.
 *
 * @example
 * ```ts
 * const faults: FaultOptions = { requestError: 0.02, itemError: 0.01, httpError: 0.01, latency: [5, 40] };
 * const emu = createEmulator({ sdkAppId, secretKey, faults, seed: 42 });
 * ```
 */
export interface FaultOptions {
  /**
   * Whole request fails with ErrorCode 30006 or 30007 (HTTP 200); a write is not applied.
   * @defaultValue 0
   */
  requestError?: number;
  /**
   * An account fails with ResultCode 30006 or 30007 and is listed in `Fail_Account`; a failed
   * friend_check item still carries `Relation: 'CheckResult_Type_NoRelation'`, like the docs' sample.
   * A write is not applied for that account.
   * @defaultValue 0
   */
  itemError?: number;
  /**
   * HTTP 502 or 503 with a non-JSON (HTML) body; a write was applied before a 502, not before a 503.
   * @defaultValue 0
   */
  httpError?: number;
  /**
   * The connection is dropped without an answer: over HTTP the socket is destroyed; through
   * `emu.fetch` the promise rejects with `TypeError('network error')`, as a failed fetch does.
   * A write was applied before.
   * @defaultValue 0
   */
  drop?: number;
  /**
   * No answer before `stallMs`: over HTTP the connection is held; through `emu.fetch` the promise
   * settles only when the request's signal aborts (rejecting with its reason) or `stallMs` passes
   * (answering then). A write was applied before.
   * @defaultValue 0
   */
  stall?: number;
  /**
   * How long a stalled request is held, in milliseconds: an integer from 1 to 2147483647.
   * @defaultValue 60000
   */
  stallMs?: number;
  /**
   * HTTP 200 with the answer's JSON cut in half; a write was applied before.
   * @defaultValue 0
   */
  malformed?: number;
  /**
   * The request is answered with 60007 as if another tool had spent the app's budget (drawn after
   * the others, and only when above 0); a write is not applied. Counted in
   * `stats.faults.throttle`, not in `stats.rateLimited`, which counts only what the emulator's
   * own limit refused.
   * @defaultValue 0
   */
  throttle?: number;
  /**
   * Every accepted request waits a uniformly drawn time from `minMs` to `maxMs` before it is
   * answered (integers of milliseconds, `minMs <= maxMs`).
   * @defaultValue none: answered at once
   */
  latency?: readonly [minMs: number, maxMs: number];
}

/**
 * The frequency limit the emulator enforces, to test a tool's rate limiting and throttling
 * handling: more than `limit` requests to one endpoint in any `interval`
 * window are answered with ErrorCode 60007. The window slides over accepted requests (those the
 * limiter let through); rejected ones do not count, so a client that backs off gets through.
 *
 * @example
 * ```ts
 * const rateLimit: RateLimitOptions = { limit: 20, interval: 1000 }; // a tighter limit for a test
 * ```
 */
export interface RateLimitOptions {
  /** Requests allowed per endpoint in one window: a positive integer (the service documents 200). */
  limit: number;
  /** Window length in milliseconds: a positive integer (the service documents 1000). */
  interval: number;
}

/**
 * How an emulator behaves: the app it answers for, its admins, where {@link startEmulator}
 * listens, its seed, faults, frequency limit, clock, CORS answers, friend and block list limits
 * and friend_get page size. The options of
 * {@link createEmulator} and {@link startEmulator}. Unknown keys and bad values throw
 * {@link timfetch!TimValidationError}; messages never quote the secret key.
 *
 * @example
 * ```ts
 * const log: EmulatorRequestEntry[] = [];
 * const options: EmulatorOptions = {
 *   sdkAppId: 1400000000,
 *   secretKey: 'a-local-test-key',
 *   seed: 7,
 *   faults: { itemError: 0.05 },
 *   onRequest: (entry) => log.push(entry),
 * };
 * const emu = createEmulator(options);
 * ```
 */
export interface EmulatorOptions {
  /** The SDKAppID the emulator answers for; requests for another one get 70020. */
  sdkAppId: number;
  /** The app's secret key, to verify UserSigs with. Never logged or quoted. */
  secretKey: string;
  /**
   * App admin accounts allowed as `identifier` (others get 60010): a non-empty list of UserIDs.
   * @defaultValue ['administrator']
   */
  admins?: readonly string[];
  /**
   * Port for {@link startEmulator}, from 0 to 65535; 0 picks a free one. Ignored by {@link createEmulator}.
   * @defaultValue 0
   */
  port?: number;
  /**
   * Host for {@link startEmulator} to listen on. Ignored by {@link createEmulator}.
   * @defaultValue '127.0.0.1'
   */
  host?: string;
  /**
   * Seed of the fault stream and the default seed of `store.generate()`: a safe integer.
   * @defaultValue 1
   */
  seed?: number;
  /**
   * Injected faults.
   * @defaultValue none: no faults
   */
  faults?: FaultOptions;
  /**
   * The frequency limit, or `false` to turn it off.
   * @defaultValue `{ limit: 200, interval: 1000 }` (the service's documented limit)
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * Clock in milliseconds since the epoch, for rate windows, UserSig expiry and default add
   * times. Latency and stalls use real timers.
   * @defaultValue Date.now
   */
  now?: () => number;
  /**
   * Called once per request (preflights excepted) when its outcome is decided, to record or
   * assert on what a tool sent.
   * @defaultValue none
   */
  onRequest?: (entry: EmulatorRequestEntry) => void;
  /**
   * How browsers are answered. `'permissive'`: every answer allows any origin, and a preflight
   * (`OPTIONS`, 204) allows POST with a `content-type` header. `'documented'`: every answer,
   * the 204 preflight answer included, carries exactly the service's documented CORS headers
   * (`Access-Control-Allow-Origin: *`, `Access-Control-Allow-Headers: X-Requested-With`,
   * `Access-Control-Allow-Methods: POST`), so a browser refuses a request that needs a
   * preflight, such as one sent with `Content-Type: application/json`: test browser tools with it.
   * Both modes accept either content type (the body is read as JSON) and count preflights in
   * `stats.preflights`.
   * @defaultValue 'permissive'
   * @example 'documented'
   */
  cors?: CorsMode;
  /**
   * The most friends one account may have: friend_add answers 30010 when `From_Account`'s list
   * is full and 30014 when the other side's is (adding both ways). A positive integer.
   * `store.addFriend` ignores it.
   * @defaultValue 3000 (the service's default)
   */
  friendListLimit?: number;
  /**
   * The most accounts one account may block: black_list_add answers 30013 past it. A positive
   * integer. `store.block` ignores it.
   * @defaultValue 1000 (the service's documented limit, which it does not let apps raise)
   */
  blockListLimit?: number;
  /**
   * How many friends one friend_get page holds (the service chooses its own page size): a
   * positive integer. Small pages let a test walk many pages over a short list.
   * @defaultValue 100
   */
  friendGetPageSize?: number;
}


const probability = v.pipe(
  v.number('must be a probability from 0 to 1'),
  v.minValue(0, 'must be a probability from 0 to 1'),
  v.maxValue(1, 'must be a probability from 0 to 1'),
);

const delay = v.pipe(
  v.number('must be an integer number of milliseconds'),
  v.integer('must be an integer number of milliseconds'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(maxTimerDelay, `must be at most ${maxTimerDelay} ms`),
);

const positiveInteger = v.pipe(
  v.number('must be a positive integer'),
  v.safeInteger('must be a positive integer'),
  v.minValue(1, 'must be a positive integer'),
);

const faultsSchema = optionsObject(
  {
    requestError: v.optional(probability),
    itemError: v.optional(probability),
    httpError: v.optional(probability),
    drop: v.optional(probability),
    stall: v.optional(probability),
    stallMs: v.optional(v.pipe(delay, v.minValue(1, 'must be at least 1 ms'))),
    malformed: v.optional(probability),
    throttle: v.optional(probability),
    latency: v.optional(
      v.pipe(
        v.tuple([delay, delay], 'must be [minMs, maxMs]'),
        v.check(([min, max]) => min <= max, 'must be [minMs, maxMs] with minMs <= maxMs'),
      ),
    ),
  },
  'a fault kind',
);


const optionsSchema = optionsObject(
  {
    sdkAppId: sdkAppIdSchema,
    secretKey: secretKeySchema,
    admins: v.optional(userIdListSchema),
    port: v.optional(
      v.pipe(
        v.number('must be a port from 0 to 65535'),
        v.integer('must be a port from 0 to 65535'),
        v.minValue(0, 'must be a port from 0 to 65535'),
        v.maxValue(65_535, 'must be a port from 0 to 65535'),
      ),
    ),
    host: v.optional(v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'))),
    seed: v.optional(v.pipe(v.number('must be an integer'), v.safeInteger('must be an integer'))),
    faults: v.optional(faultsSchema),
    rateLimit: v.optional(
      v.union(
        [v.literal(false), v.object({ limit: positiveInteger, interval: positiveInteger }, objectMessage)],
        'must be false or { limit, interval }',
      ),
    ),
    now: v.optional(functionSchema<() => number>()),
    onRequest: v.optional(functionSchema<(entry: EmulatorRequestEntry) => void>()),
    cors: v.optional(choiceSchema(corsModeNames)),
    friendListLimit: v.optional(positiveInteger),
    blockListLimit: v.optional(positiveInteger),
    friendGetPageSize: v.optional(positiveInteger),
  },
  'an emulator option',
);

/** {@link EmulatorOptions} with every default applied, as the emulator uses them. */
export interface EmulatorConfig {
  readonly sdkAppId: number;
  readonly secretKey: string;
  readonly admins: ReadonlySet<string>;
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly faults: FaultConfig | undefined;
  readonly rateLimit: RateLimitOptions | false;
  /** The interval of the peak statistics: the rate limit's, or 1000 ms when it is off. */
  readonly statsInterval: number;
  readonly now: () => number;
  readonly onRequest: ((entry: EmulatorRequestEntry) => void) | undefined;
  readonly cors: CorsMode;
  readonly friendListLimit: number;
  readonly blockListLimit: number;
  readonly friendGetPageSize: number;
}

/**
 * {@link FaultOptions} with every default applied: 0 for a probability not given, 60000 for
 * `stallMs`.
 */
export type FaultConfig = Readonly<Required<Omit<FaultOptions, 'latency'>>> & { readonly latency: FaultOptions['latency'] };

/** How long a stalled request is held unless `stallMs` says otherwise. */
export const defaultStallMs = 60_000;

/** The service's default friend list limit. */
export const defaultFriendListLimit = 3000;

/** The service's block list limit. */
export const defaultBlockListLimit = 1000;

/** friend_get's page size unless `friendGetPageSize` says otherwise. */
export const defaultFriendGetPageSize = 100;

/** The documented default frequency limit of every endpoint. */
export const defaultRateLimit: RateLimitOptions = Object.freeze({ limit: 200, interval: 1000 });

/**
 * Validates options and fills in the defaults; throws {@link timfetch!TimValidationError} naming the bad
 * option.
 */
export function parseEmulatorOptions(options: EmulatorOptions): EmulatorConfig {
  const parsed = parseOrThrow(optionsSchema, options, 'emulator options');
  const rateLimit = parsed.rateLimit ?? defaultRateLimit;
  return {
    sdkAppId: parsed.sdkAppId,
    secretKey: parsed.secretKey,
    admins: new Set(parsed.admins ?? ['administrator']),
    port: parsed.port ?? 0,
    host: parsed.host ?? '127.0.0.1',
    seed: parsed.seed ?? 1,
    faults: parsed.faults === undefined ? undefined : {
      requestError: parsed.faults.requestError ?? 0,
      itemError: parsed.faults.itemError ?? 0,
      httpError: parsed.faults.httpError ?? 0,
      drop: parsed.faults.drop ?? 0,
      stall: parsed.faults.stall ?? 0,
      stallMs: parsed.faults.stallMs ?? defaultStallMs,
      malformed: parsed.faults.malformed ?? 0,
      throttle: parsed.faults.throttle ?? 0,
      latency: parsed.faults.latency,
    },
    rateLimit,
    statsInterval: rateLimit === false ? defaultRateLimit.interval : rateLimit.interval,
    now: parsed.now ?? Date.now,
    onRequest: parsed.onRequest,
    cors: parsed.cors ?? 'permissive',
    friendListLimit: parsed.friendListLimit ?? defaultFriendListLimit,
    blockListLimit: parsed.blockListLimit ?? defaultBlockListLimit,
    friendGetPageSize: parsed.friendGetPageSize ?? defaultFriendGetPageSize,
  };
}
