import * as v from 'valibot';
import { baseUrlProblem } from './base-url.js';
import { credentialEntries, exactlyOneCredential, type Credentials } from './credentials.js';
import type { ChunkingOptions } from '../../plugins/chunking.js';
import type { LogLevel, Logger } from '../../plugins/logging.js';
import type { RateLimitOptions } from '../../plugins/rate-limit.js';
import type { RetryOptions } from '../../plugins/retry.js';
import type { Plugin } from '../pipeline/plugin.js';
import { regionNames, type Region } from './regions.js';
import { maxTimerDelay } from '../util/delay.js';
import { choiceSchema, optionsObject, parseOrThrow } from '../util/validate.js';


/**
 * The settings of a client other than its credentials: which app and admin it acts as, where
 * its requests go, how long they may take, and how the default plugins behave. Combined with
 * {@link Credentials} into {@link ClientOptions} (and with a `userSig` or `getUserSig` into
 * `CoreClientOptions`); unknown keys and bad values make {@link createClient} throw
 * {@link TimValidationError}.
 *
 * @example
 * ```ts
 * const base: BaseClientOptions = { sdkAppId: 1400000000, identifier: 'administrator', region: 'singapore', timeout: 5000 };
 * const tim = createClient({ ...base, secretKey });
 * ```
 */
export interface BaseClientOptions {
  /** The app's SDKAppID from the IM console: a positive integer. */
  sdkAppId: number;
  /** An app admin account (at most 32 bytes in UTF-8); every request is made as this account. */
  identifier: string;
  /**
   * A name for this client, to tell several clients of one process apart: every log record of the
   * `logging` plugins carries it as `client`, every span of `timfetch/plugins/opentelemetry` as
   * `timfetch.client.name`, and plugins read it as `ctx.client.name`. 1 to 64 characters, no
   * control characters.
   * @defaultValue none: records and spans carry no client name
   * @example 'orders'
   */
  name?: string;
  /**
   * The region of the app's data center; picks the documented domain, and its backup domain
   * for failover. Give `region` or `baseUrl`, not both.
   * @defaultValue 'china' (when no `baseUrl` is given)
   */
  region?: Region;
  /**
   * A base URL to send requests to instead of a region's domain: a proxy or a local test server. It may
   * have a path prefix (`https://proxy.internal/tim`). Plain `http:` is accepted only for loopback
   * hosts. Give `region` or `baseUrl`, not both. It is never rewritten to a backup domain.
   * @defaultValue none: the `region`'s domain
   * @example 'http://127.0.0.1:8080'
   */
  baseUrl?: string;
  /**
   * The fetch implementation, for example an emulator's `fetch` for offline tests.
   * @defaultValue the global `fetch`, looked up at each request
   */
  fetch?: typeof fetch;
  /**
   * Time limit of one HTTP attempt (connection, headers and body), in milliseconds (an integer
   * from 1 to 2147483647); an attempt over it fails with a retryable {@link TimTimeoutError}. The
   * call option `timeout` overrides it for one call.
   * @defaultValue 10000
   */
  timeout?: number;
  /**
   * The largest answer body read, in bytes; a bigger one fails the attempt with
   * {@link TimResponseError} (checked by its Content-Length before reading, or while reading).
   * @defaultValue 8388608 (8 MiB; a 1,000-account friend_check answer is about 96 KiB)
   */
  maxResponseBytes?: number;
  /**
   * The `Content-Type` of request bodies, which are JSON either way: the service reads them as
   * JSON because every request's query says `contenttype=json`. The default, `'text/plain'` (sent
   * as `text/plain;charset=UTF-8`, what fetch gives a string body), keeps browser requests
   * CORS-simple: no preflight `OPTIONS` before each one, which the service's documented CORS answer
   * (it allows only the `X-Requested-With` header) would refuse. Give `'application/json'` for a
   * proxy that requires it; in a browser every request is then preflighted, so the proxy must
   * answer `OPTIONS` allowing the `content-type` header.
   * @defaultValue 'text/plain'
   * @example 'application/json'
   */
  contentType?: 'text/plain' | 'application/json';
  /**
   * Longest wait for a `getUserSig` provider, in milliseconds; one that does not settle fails the
   * attempt with a retryable {@link TimTimeoutError} (and is asked again on the next attempt). A
   * second timeout in the same call fails the call at once, other chunks included, with a
   * `TimTimeoutError` that is not retryable; the next call asks again.
   * @defaultValue 10000
   */
  userSigTimeout?: number;
  /**
   * Custom plugins, placed by their phase (and `before` / `after`) among the defaults; or a
   * function that receives the default plugins and returns the whole stack.
   * @defaultValue none: the default plugins only
   * @example [{ name: 'audit', phase: 'call', run: (ctx, next) => next(ctx) }]
   * @example (defaults) => defaults.filter((plugin) => plugin.name !== 'validation')
   */
  plugins?: readonly Plugin[] | ((defaults: readonly Plugin[]) => readonly Plugin[]);
  /**
   * Options of the default `chunking` plugin, which splits long account lists into requests the
   * service accepts and merges the answers; `false` leaves it out (a list over the endpoint's
   * maximum is then refused).
   * @defaultValue `{}` (chunks of the endpoint's maximum, 4 in flight)
   */
  chunking?: ChunkingOptions | false;
  /**
   * Options of the default `retry` plugin (transient errors and transiently failed accounts,
   * exponential backoff with jitter); `false` leaves it out.
   * @defaultValue `{}` (3 retries, 200 ms to 10 s backoff, no deadline)
   */
  retry?: RetryOptions | false;
  /**
   * Options of the default `rate-limit` plugin, which makes every HTTP attempt wait for a slot so
   * no more than `limit` requests per endpoint and SDKAppID start in any `interval`; `false`
   * leaves it out. Give several clients one `store` to share a budget, a Redis store
   * (`timfetch/plugins/rate-limit-redis`) to share it across processes.
   * @defaultValue `{}` (200 per 1000 ms plus a 50 ms margin, in a memory store of this client's own)
   */
  rateLimit?: RateLimitOptions | false;
}

/**
 * Everything {@link createClient} needs: the app and admin and optional settings
 * ({@link BaseClientOptions}) plus exactly one kind of {@link Credentials} (`secretKey`,
 * `userSig` or `getUserSig`); giving none or several makes it throw {@link TimValidationError}.
 *
 * @example
 * ```ts
 * const options: ClientOptions = {
 *   sdkAppId: 1400000000,
 *   identifier: 'administrator',
 *   getUserSig: () => fetch('/api/im-usersig').then((r) => r.text()),
 *   baseUrl: 'https://proxy.example.com/tim',
 * };
 * const tim = createClient(options);
 * ```
 */
export type ClientOptions = BaseClientOptions & LoggingOptions & Credentials;

/**
 * Where {@link createClient}'s `logging` plugin writes (a client of `timfetch/core` adds the
 * plugin itself when it wants logs).
 *
 * @example
 * ```ts
 * const logs: LoggingOptions = { logger: console, logLevel: 'debug' };
 * const tim = createClient({ sdkAppId, identifier: 'administrator', secretKey, ...logs });
 * ```
 */
export interface LoggingOptions {
  /**
   * Where the pipeline's structured events go: `console`, or a pino-style logger (with `child`).
   * Without one nothing is logged. See `timfetch/plugins/logging` for the events.
   * @defaultValue none: nothing is logged
   * @example console
   */
  logger?: Logger;
  /**
   * The least severe level logged (with a `logger`).
   * @defaultValue 'info'
   */
  logLevel?: LogLevel;
}

/** A per-attempt timeout, as the client option and the per-call option take it. */
export const timeoutSchema = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer number of milliseconds'),
  v.minValue(1, 'must be at least 1 ms'),
  v.maxValue(maxTimerDelay, `must be at most ${maxTimerDelay} ms`),
);

// The plugin validates its own options; here only their kind is checked.
const pluginOptions = v.custom<object | false>(
  (value) => value === false || (typeof value === 'object' && value !== null && !Array.isArray(value)),
  'must be an options object or false',
);

const contentTypes = ['text/plain', 'application/json'] as const satisfies readonly NonNullable<BaseClientOptions['contentType']>[];

const baseEntries = {
  sdkAppId: credentialEntries.sdkAppId,
  identifier: credentialEntries.identifier,
  name: v.optional(
    v.pipe(
      v.string('must be a string'),
      v.minLength(1, 'must not be empty'),
      v.maxLength(64, 'must be at most 64 characters'),
      v.regex(/^\P{Cc}*$/u, 'must not hold control characters'),
    ),
  ),
  region: v.optional(v.picklist(regionNames, `must be one of ${regionNames.join(', ')}`)),
  baseUrl: v.optional(
    v.pipe(
      v.string('must be a string'),
      v.rawCheck(({ dataset, addIssue }) => {
        const problem = dataset.typed ? baseUrlProblem(dataset.value) : undefined;
        if (problem !== undefined) addIssue({ message: problem });
      }),
    ),
  ),
  fetch: v.optional(v.custom<typeof fetch>((f) => typeof f === 'function', 'must be a fetch function')),
  timeout: v.optional(timeoutSchema),
  userSigTimeout: v.optional(timeoutSchema),
  contentType: v.optional(choiceSchema(contentTypes)),
  maxResponseBytes: v.optional(v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number of bytes'), v.minValue(1, 'must be at least 1'))),
  chunking: v.optional(pluginOptions),
  retry: v.optional(pluginOptions),
  rateLimit: v.optional(pluginOptions),
  plugins: v.optional(
    v.union(
      [v.array(v.unknown()), v.custom<(defaults: readonly Plugin[]) => readonly Plugin[]>((f) => typeof f === 'function')],
      'must be a list of plugins or a function of the default plugins',
    ),
  ),
};

const oneRegion = <T extends { region?: unknown; baseUrl?: unknown }>() =>
  v.check<T, string>((options) => options.region === undefined || options.baseUrl === undefined, 'give region or baseUrl, not both');

const coreOptionsSchema = v.pipe(
  optionsObject({ ...baseEntries, userSig: credentialEntries.userSig, getUserSig: credentialEntries.getUserSig }, 'a client option of timfetch/core'),
  exactlyOneCredential(['userSig', 'getUserSig']),
  oneRegion(),
);

const optionsSchema = v.pipe(
  optionsObject(
    {
      ...baseEntries,
      ...credentialEntries,
      // The logging plugin checks the logger and the level itself.
      logger: v.optional(v.unknown()),
      logLevel: v.optional(v.unknown()),
    },
    'a client option',
  ),
  exactlyOneCredential(),
  oneRegion(),
);

/** Default per-attempt timeout, in milliseconds. */
export const defaultTimeout = 10_000;

/** Validates createClient's options, throwing {@link TimValidationError} that names the bad option. */
export function parseClientOptions(options: unknown): ClientOptions {
  parseOrThrow(optionsSchema, options, 'client options');
  return options as ClientOptions;
}

/** Validates createCoreClient's options (no `secretKey`, no `logger`) the same way. */
export function parseCoreClientOptions(options: unknown): CoreClientOptions {
  parseOrThrow(coreOptionsSchema, options, 'client options');
  return options as CoreClientOptions;
}

/**
 * Everything `createCoreClient` (from `timfetch/core`) needs: the app and admin and optional
 * settings ({@link BaseClientOptions}) plus a `userSig` or a `getUserSig`. A core client is made
 * for browser tools, which must never hold the secret key: a backend of yours issues UserSigs.
 *
 * @example
 * ```ts
 * const options: CoreClientOptions = {
 *   sdkAppId: 1400000000,
 *   identifier: 'administrator',
 *   getUserSig: () => fetch('/api/im-usersig').then((r) => r.text()),
 * };
 * ```
 */
export type CoreClientOptions = BaseClientOptions & Exclude<Credentials, { secretKey: string }>;
