import * as v from 'valibot';
import { chunking, type BatchProgress, type BatchProgressEvent } from '../../plugins/chunking.js';
import { logging } from '../../plugins/logging.js';
import { nonce } from '../../plugins/nonce.js';
import { rateLimit } from '../../plugins/rate-limit.js';
import { retry } from '../../plugins/retry.js';
import { signing } from '../../plugins/signing.js';
import { followSignal } from '../util/abort.js';
import { resolveBackupUrl, resolveBaseUrl } from './base-url.js';
import { defaultTimeout, parseClientOptions, timeoutSchema, type ClientOptions } from './options.js';
import { checkEndpoint, type AnyEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoints/define-endpoint.js';
import { friendCheck, type FriendCheckRequest, type FriendCheckResponse } from '../endpoints/sns/friend-check.js';
import { friendGetList, type FriendGetListRequest, type FriendGetListResponse } from '../endpoints/sns/friend-get-list.js';
import { compose } from '../pipeline/compose.js';
import type { PipelineEntry, PipelineEvent, Plugin } from '../pipeline/plugin.js';
import { resolveOrder } from '../pipeline/resolve-order.js';
import { validation } from '../pipeline/validation.js';
import { TimValidationError } from '../errors/tim-validation-error.js';
import { failoverBaseUrls } from './failover.js';
import { createTransport } from '../transport/create-transport.js';
import { functionSchema, isPlainObject, optionsObject, parseOrThrow } from '../util/validate.js';

/**
 * Options of one call, the last argument of every {@link TimClient} method: cancel it, give it
 * its own attempt timeout, follow a batch's progress, or pass values to your plugins. Unknown
 * keys and bad values are rejected with {@link TimValidationError}.
 *
 * @example
 * ```ts
 * const options: CallOptions = { signal: AbortSignal.timeout(30_000), timeout: 5000, context: { requestId: 'r-42' } };
 * const answer = await tim.friendCheck(body, options);
 * ```
 */
export interface CallOptions {
  /**
   * Aborts the call: queued work is not started and the returned promise rejects with the signal's reason.
   * @defaultValue none: the call runs until it settles (each attempt still has its `timeout`)
   */
  signal?: AbortSignal;
  /**
   * Time limit of each HTTP attempt of this call, in milliseconds (an integer from 1 to
   * 2147483647); overrides the client's `timeout`.
   * @defaultValue the client's `timeout` (10000 unless set)
   */
  timeout?: number;
  /**
   * Hears how a batch call progresses, once per finished chunk (only with the `chunking` plugin
   * in the stack, and only for batch endpoints).
   * @defaultValue none
   */
  onProgress?: (progress: BatchProgress) => void;
  /**
   * A plain object of your own values for the plugins of this call: every plugin sees it as
   * `ctx.context`, the same object for every chunk and attempt.
   * @defaultValue `{}`
   */
  context?: Record<string, unknown>;
}

const callOptionsSchema = optionsObject(
  {
    signal: v.optional(v.instance(AbortSignal, 'must be an AbortSignal')),
    timeout: v.optional(timeoutSchema),
    onProgress: v.optional(functionSchema<(progress: BatchProgress) => void>()),
    context: v.optional(v.custom<Record<string, unknown>>(isPlainObject, 'must be a plain object')),
  },
  'a call option',
);

/**
 * A configured IM REST client, made by {@link createClient}. Every method runs the same pipeline
 * of plugins and resolves to the endpoint's validated answer, or rejects with a {@link TimError}
 * (or, for an aborted call, with the signal's reason).
 *
 * @example
 * ```ts
 * const tim: TimClient = createClient({ sdkAppId: 1400000000, identifier: 'administrator', secretKey });
 * const { InfoItem } = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Single' });
 * ```
 */
export interface TimClient {
  /**
   * Reads profile and friend fields (`TagList`) of chosen friends of `From_Account`
   * (`v4/sns/friend_get_list`), with lists of any length split into requests of at most 100.
   *
   * Nothing is lost: a chunk that still fails after its retries marks its accounts failed (in
   * `Fail_Account`, `ResultCode` = the error's `code`) and the call resolves; it rejects with that
   * error only when every chunk fails with the same one, or with `TimBatchError` under `failFast`.
   *
   * @throws {@link TimValidationError} when `body` or `options` is invalid (checked before anything is sent; the promise rejects), or the UserSig given or returned by `getUserSig` is not a valid, unexpired UserSig.
   * @throws {@link TimApiError} when the service answers a non-zero `ErrorCode` for the whole request (after retries for transient codes).
   * @throws {@link TimHttpError} when the server or a proxy answers a non-2xx HTTP status (408, 429 and 5xx after retries).
   * @throws {@link TimNetworkError} when no HTTP answer arrives (connection refused or reset, DNS, TLS, CORS), after retries.
   * @throws {@link TimTimeoutError} when an attempt exceeds `timeout`, or a `getUserSig` provider exceeds `userSigTimeout`, after retries.
   * @throws {@link TimResponseError} when the answer is not a valid IM envelope (not JSON, over `maxResponseBytes`, wrong shape).
   * @throws {@link TimRateLimitError} when no rate-limit slot is free before the retry `deadline`, or the limiter store fails.
   * @throws {@link TimBatchError} with `chunking: { failFast: true }`, when a chunk fails for good (carries the partial answer).
   * @throws the signal's reason when `options.signal` aborts the call.
   *
   * @example
   * ```ts
   * const { InfoItem } = await tim.friendGetList({
   *   From_Account: 'alice',
   *   To_Account: ['bob', 'carol'],
   *   TagList: ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark'],
   * });
   * ```
   */
  friendGetList(body: FriendGetListRequest, options?: CallOptions): Promise<FriendGetListResponse>;
  /**
   * Checks the friend relation between `From_Account` and each account of `To_Account`
   * (`v4/sns/friend_check`), with lists of any length split into requests of at most 1,000.
   *
   * Nothing is lost: a chunk that still fails after its retries marks its accounts failed (in
   * `Fail_Account`, `ResultCode` = the error's `code`) and the call resolves; it rejects with that
   * error only when every chunk fails with the same one, or with `TimBatchError` under `failFast`.
   *
   * @throws {@link TimValidationError} when `body` or `options` is invalid (checked before anything is sent; the promise rejects), or the UserSig given or returned by `getUserSig` is not a valid, unexpired UserSig.
   * @throws {@link TimApiError} when the service answers a non-zero `ErrorCode` for the whole request (after retries for transient codes).
   * @throws {@link TimHttpError} when the server or a proxy answers a non-2xx HTTP status (408, 429 and 5xx after retries).
   * @throws {@link TimNetworkError} when no HTTP answer arrives (connection refused or reset, DNS, TLS, CORS), after retries.
   * @throws {@link TimTimeoutError} when an attempt exceeds `timeout`, or a `getUserSig` provider exceeds `userSigTimeout`, after retries.
   * @throws {@link TimResponseError} when the answer is not a valid IM envelope (not JSON, over `maxResponseBytes`, wrong shape).
   * @throws {@link TimRateLimitError} when no rate-limit slot is free before the retry `deadline`, or the limiter store fails.
   * @throws {@link TimBatchError} with `chunking: { failFast: true }`, when a chunk fails for good (carries the partial answer).
   * @throws the signal's reason when `options.signal` aborts the call.
   *
   * @example
   * ```ts
   * const { InfoItem } = await tim.friendCheck({
   *   From_Account: 'alice',
   *   To_Account: ['bob', 'carol'],
   *   CheckType: 'CheckResult_Type_Both',
   * });
   * ```
   */
  friendCheck(body: FriendCheckRequest, options?: CallOptions): Promise<FriendCheckResponse>;
  /**
   * Calls any endpoint declared with {@link defineEndpoint} (or a built-in one such as
   * {@link friendCheck}) through the client's pipeline, with the same signing, chunking, retries
   * and rate limit as the named methods.
   *
   * @throws {@link TimValidationError} when `endpoint` is not a valid endpoint declaration, `body` or `options` is invalid (the promise rejects), or the UserSig given or returned by `getUserSig` is not a valid, unexpired UserSig.
   * @throws {@link TimApiError} when the service answers a non-zero `ErrorCode` for the whole request (after retries for transient codes).
   * @throws {@link TimHttpError} when the server or a proxy answers a non-2xx HTTP status (408, 429 and 5xx after retries).
   * @throws {@link TimNetworkError} when no HTTP answer arrives (connection refused or reset, DNS, TLS, CORS), after retries.
   * @throws {@link TimTimeoutError} when an attempt exceeds `timeout`, or a `getUserSig` provider exceeds `userSigTimeout`, after retries.
   * @throws {@link TimResponseError} when the answer is not a valid IM envelope (not JSON, over `maxResponseBytes`, wrong shape).
   * @throws {@link TimRateLimitError} when no rate-limit slot is free before the retry `deadline`, or the limiter store fails.
   * @throws {@link TimBatchError} with `chunking: { failFast: true }`, when a chunk fails for good (carries the partial answer).
   * @throws the signal's reason when `options.signal` aborts the call.
   *
   * @example
   * ```ts
   * const answer = await tim.request(friendCheck, body, { signal: AbortSignal.timeout(30_000) });
   * ```
   */
  request<E extends AnyEndpoint>(endpoint: E, body: EndpointRequest<E>, options?: CallOptions): Promise<EndpointResponse<E>>;
  /**
   * Lists the client's plugins in the order they run, outermost first, to check where a custom
   * plugin landed; the ky transport follows the last entry.
   *
   * @example
   * ```ts
   * tim.describePipeline().map(({ phase, name }) => `${phase}:${name}`);
   * // ['call:validation', 'call:chunking', 'sub-call:retry', 'sub-call:signing-renewal',
   * //  'attempt:nonce', 'attempt:signing', 'attempt:rate-limit']
   * ```
   */
  describePipeline(): PipelineEntry[];
}

function defaultPlugins(options: ClientOptions): Plugin[] {
  const [renewal, signer] = signing(options);
  return [
    ...(options.logger === undefined ? [] : logging({ logger: options.logger, level: options.logLevel, baseUrl: resolveBaseUrl(options) })),
    validation(),
    ...(options.chunking === false ? [] : [chunking(options.chunking)]),
    ...(options.retry === false ? [] : [retry(options.retry)]),
    renewal,
    ...(options.rateLimit === false ? [] : [rateLimit(options.rateLimit)]),
    nonce(),
    signer,
  ];
}

function choosePlugins(options: ClientOptions): Plugin[] {
  const defaults = defaultPlugins(options);
  const { plugins } = options;
  if (typeof plugins !== 'function') return [...defaults, ...(plugins ?? [])];
  const chosen: unknown = plugins(Object.freeze([...defaults]));
  if (!Array.isArray(chosen)) {
    throw new TimValidationError('client options', [{ path: 'plugins', reason: 'the function must return a list of plugins' }]);
  }
  return chosen as Plugin[];
}

/**
 * Creates a client for one app's IM REST API: its methods sign, chunk, retry and rate-limit every
 * call through a pipeline of plugins (the defaults plus yours). Options are checked at once, so a
 * misconfiguration fails here rather than on the first call.
 *
 * @throws {@link TimValidationError} when an option is invalid or unknown, when not exactly one of
 *   `secretKey` / `userSig` / `getUserSig` is given, when both `region` and `baseUrl` are given,
 *   when a plugin option (`chunking`, `retry`, `rateLimit`, `logger`, `logLevel`) is invalid, when
 *   a `plugins` function does not return a list, or when the plugins cannot be ordered (an invalid
 *   plugin, a duplicate name, an unknown name in `before` / `after` / `replaces`, a cycle).
 *
 * @expandType ClientOptions
 * @expandType BaseClientOptions
 * @expandType Credentials
 * @example
 * ```ts
 * import { createClient } from 'timfetch';
 *
 * const tim = createClient({
 *   sdkAppId: 1400000000,
 *   identifier: 'administrator',
 *   secretKey: process.env.TIM_SECRET_KEY!,
 *   region: 'singapore',
 * });
 * const { InfoItem } = await tim.friendCheck({
 *   From_Account: 'alice',
 *   To_Account: ['bob'],
 *   CheckType: 'CheckResult_Type_Both',
 * });
 * ```
 */
export function createClient(options: ClientOptions): TimClient {
  const config = parseClientOptions(options);
  const ordered = resolveOrder(choosePlugins(config));
  const transport = createTransport({
    baseUrls: failoverBaseUrls(resolveBaseUrl(config), resolveBackupUrl(config)),
    fetch: config.fetch,
    maxResponseBytes: config.maxResponseBytes,
    contentType: config.contentType,
    secrets: config.secretKey === undefined ? [] : [config.secretKey],
  });
  const run = compose(ordered, transport);
  const baseQuery = Object.freeze({ sdkappid: String(config.sdkAppId), identifier: config.identifier, contenttype: 'json' });

  const request = async <E extends AnyEndpoint>(endpoint: E, body: EndpointRequest<E>, callOptions?: CallOptions) => {
    checkEndpoint(endpoint);
    const { signal, timeout, onProgress, context = {} } = callOptions === undefined ? {} : parseOrThrow(callOptionsSchema, callOptions, 'call options', endpoint.name);
    // Plugins may rely on an object body even when a custom stack leaves out validation.
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new TimValidationError(`${endpoint.name} request`, [{ path: '', reason: 'must be an object' }], endpoint.name);
    }
    // Events that reach the outside of the pipeline: progress goes to the caller's listener.
    const emit = (event: PipelineEvent) => {
      if (onProgress !== undefined && event.type === 'progress') onProgress((event as BatchProgressEvent).progress);
    };
    // A signal of the call's own: the plugins' listeners go on it, not on one the caller may share
    // between many calls, which keeps one listener only while the call runs.
    const call = signal === undefined ? undefined : followSignal(signal);
    try {
      const answer = await run({
        endpoint,
        body: body as Record<string, unknown>,
        query: baseQuery,
        attempt: 0,
        timeout: timeout ?? config.timeout ?? defaultTimeout,
        signal: call?.signal,
        context,
        emit,
      });
      return answer as EndpointResponse<E>;
    } finally {
      call?.release();
    }
  };

  return {
    friendGetList: (body, callOptions) => request(friendGetList, body, callOptions),
    friendCheck: (body, callOptions) => request(friendCheck, body, callOptions),
    request,
    describePipeline: () => ordered.map(({ phase, name }) => ({ phase, name })),
  };
}
