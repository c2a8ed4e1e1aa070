import { checkEndpoint, type AnyEndpoint, type EndpointRequest, type EndpointResponse, type PageRequest } from '../endpoints/define-endpoint.js';
import type { StreamRequest } from '../endpoints/streamed-list.js';
import type { ApiResponse } from '../pipeline/plugin.js';
import { TimValidationError } from '../errors/tim-validation-error.js';
import { compose } from '../pipeline/compose.js';
import type { PipelineEvent } from '../pipeline/events.js';
import type { ClientInfo, PipelineEntry, Plugin } from '../pipeline/plugin.js';
import { resolveOrder } from '../pipeline/resolve-order.js';
import { createTransport, type TransportConfig } from '../transport/create-transport.js';
import { followSignal } from '../util/abort.js';
import { parseOrThrow } from '../util/validate.js';
import { nextCallId } from './call-id.js';
import { callOptionsSchema, type CallOptions } from './call-options.js';
import { walkPages } from './paginate.js';
import { partStream } from './part-stream.js';

/**
 * A client without named methods, made by `createCoreClient` from `timfetch/core`: it calls any
 * endpoint you import, so that a browser bundle holds only the endpoints it uses. Every call runs
 * the client's pipeline of plugins (signing, chunking, retries, rate limit, failover …) and
 * resolves to the endpoint's validated answer, or rejects with a {@link TimError} (or, for an
 * aborted call, with the signal's reason). A client from `createClient` has the same methods,
 * and one per endpoint of the catalogue besides.
 *
 * @example
 * ```ts
 * import { friendCheck } from 'timfetch';
 * import { createCoreClient, type CoreClient } from 'timfetch/core';
 *
 * declare function fetchUserSigFromBackend(): Promise<string>;
 *
 * const tim: CoreClient = createCoreClient({ sdkAppId: 1400000000, identifier: 'administrator', getUserSig: fetchUserSigFromBackend });
 * const { InfoItem } = await tim.request(friendCheck, { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' });
 * ```
 */
export interface CoreClient {
  /**
   * Calls an endpoint (a built-in one such as `friendCheck`, or one made with
   * {@link defineEndpoint}) through the client's pipeline.
   *
   * For a batch endpoint, nothing is lost: every distinct account of the list gets one result, in
   * order; a chunk that still fails after its retries marks its accounts failed (in
   * `Fail_Account`, `ResultCode` = the error's `code`) and the call resolves. It rejects with that
   * error only when every chunk fails with the same one, or with `TimBatchError` under `failFast`.
   * A write whose outcome stayed unknown is reported with -6, never sent again blindly.
   *
   * @throws {@link TimValidationError} when `endpoint` is not a valid endpoint declaration, `body` or `options` is invalid (checked before anything is sent; the promise rejects), or the UserSig given or returned by `getUserSig` is not a valid, unexpired UserSig.
   * @throws {@link TimApiError} when the service answers a non-zero `ErrorCode` for the whole request (after retries for transient codes).
   * @throws {@link TimHttpError} when the server or a proxy answers a non-2xx HTTP status (408, 429 and 5xx after retries), or a redirect.
   * @throws {@link TimNetworkError} when no HTTP answer arrives (connection refused or reset, DNS, TLS, CORS), after retries.
   * @throws {@link TimTimeoutError} when an attempt exceeds `timeout`, or a `getUserSig` provider exceeds `userSigTimeout`, after retries.
   * @throws {@link TimResponseError} when the answer is not a valid IM envelope (not JSON, over `maxResponseBytes`, wrong shape).
   * @throws {@link TimRateLimitError} when no rate-limit slot is free before the retry `deadline`, or the limiter store fails.
   * @throws {@link TimBatchError} with `chunking: { failFast: true }`, when a chunk fails for good (carries the partial answer).
   * @throws {@link TimError} of code -6 ({@link unknownOutcomeCode}) for a write that is not a batch, neither `idempotent` nor reconcilable, whose outcome stayed unknown (its `cause` says why): it is not sent again. A batch write reports its accounts with -6 instead.
   * @throws the signal's reason when `options.signal` aborts the call.
   *
   * @example
   * ```ts
   * const answer = await tim.request(friendCheck, body, { signal: AbortSignal.timeout(30_000) });
   * ```
   */
  request<E extends AnyEndpoint>(endpoint: E, body: EndpointRequest<E>, options?: CallOptions): Promise<EndpointResponse<E>>;
  /**
   * Walks a paged endpoint (`friendGet` …) page by page: each page is a request like any other
   * (validated, signed, rate-limited, retried) and is yielded as its validated answer, in the
   * service's order, every item once. The walk owns the cursor (`StartIndex` …): it starts at
   * the first page, and sends no request after the last. Leaving the loop early sends nothing
   * more; aborting `options.signal` rejects the pending page with the signal's reason.
   *
   * @throws the errors of {@link CoreClient.request}, for the page that failed; and
   *   {@link TimValidationError} when `endpoint` is not a paged endpoint, {@link TimResponseError}
   *   when an answer's next cursor would not move the walk on.
   *
   * @example
   * ```ts
   * for await (const page of tim.paginate(friendGet, { From_Account: 'alice' })) {
   *   for (const friend of page.UserDataItem) console.log(friend.To_Account);
   * }
   * ```
   */
  paginate<E extends AnyEndpoint>(endpoint: E, body: PageRequest<E>, options?: CallOptions): AsyncIterable<EndpointResponse<E>>;
  /**
   * Calls a batch endpoint and yields its answer in parts as they arrive, one per chunk, in
   * request order (the part for accounts 1–1,000 before the part for 1,001–2,000), each shaped
   * like the endpoint's answer for that chunk (its results, `InfoItem` …, and its
   * `Fail_Account`), with the guarantees of {@link CoreClient.request}: retries, rate limit,
   * progress (`onProgress`), abort, `failFast`, and for an array body every distinct account
   * exactly once across the parts.
   *
   * The batch list (`To_Account`, `AddFriendItem` …) may be an `AsyncIterable` (a generator, a
   * file read line by line), so that the caller need not hold the ids either: it is read a chunk
   * at a time as requests go out, each entry checked before its chunk is sent, and answered in
   * its order. No Set spans such an input: an id repeated in two chunks is asked and answered
   * twice (within one chunk, once); the progress totals count what was read so far. A list sent
   * whole (`batch.whole`: group_add's friends, in one request) must be an array.
   *
   * Read-ahead is bounded: no chunk is requested more than the chunking `concurrency` (4 by
   * default) ahead of the part the loop has taken, so a slow consumer holds a few chunks, and the
   * requests wait for it. Leaving the loop early (`break`, `return`, a throw) aborts what is in
   * flight and sends nothing more. A first chunk that fails as a whole before any other succeeds
   * (a bad `From_Account`, a wrong key) ends the stream with its error; a later one yields a part
   * whose accounts carry the error's code, or with `failFast` ends the stream with
   * {@link TimBatchError} carrying that part. Without the chunking plugin, the one answer is the
   * one part.
   *
   * @throws the errors of {@link CoreClient.request}, from the loop, after the parts before them;
   *   and {@link TimValidationError} when `endpoint` has no batch list, a streamed entry is
   *   invalid (its index in the path) or a list sent whole is not an array.
   *
   * @example
   * ```ts
   * import { createReadStream } from 'node:fs';
   * import { createInterface } from 'node:readline';
   *
   * const ids = createInterface({ input: createReadStream('ids.txt') }); // an AsyncIterable of lines
   * for await (const part of tim.stream(friendCheck, { From_Account: 'alice', To_Account: ids, CheckType: 'CheckResult_Type_Both' })) {
   *   for (const item of part.InfoItem) if (isOk(item)) console.log(item.To_Account, item.Relation);
   * }
   * ```
   */
  stream<E extends AnyEndpoint>(endpoint: E, body: StreamRequest<E>, options?: CallOptions): AsyncIterable<EndpointResponse<E>>;
  /**
   * Lists the client's plugins in the order they run, outermost first, to check where a custom
   * plugin landed; the ky transport follows the last entry.
   *
   * @example
   * ```ts
   * tim.describePipeline().map(({ phase, name }) => `${phase}:${name}`);
   * // ['call:validation', 'call:chunking', 'sub-call:write-reconcile', 'sub-call:retry', 'sub-call:signing-renewal',
   * //  'attempt:write-lock', 'attempt:nonce', 'attempt:signing', 'attempt:rate-limit']
   * ```
   */
  describePipeline(): PipelineEntry[];
}

/** What a client is made of, once its options are checked. */
export interface PipelineClientConfig {
  readonly plugins: readonly Plugin[];
  readonly transport: TransportConfig;
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly timeout: number;
  /** The client's name, given to plugins in `ctx.client`. */
  readonly name: string | undefined;
}

/** A client running `config.plugins` in their resolved order, then the transport. */
export function pipelineClient(config: PipelineClientConfig): CoreClient {
  const ordered = resolveOrder(config.plugins);
  const run = compose(ordered, createTransport(config.transport));
  const baseQuery = Object.freeze({ sdkappid: String(config.sdkAppId), identifier: config.identifier, contenttype: 'json' });
  const { baseUrls } = config.transport;
  // A getter: during a failover, where the attempt about to start goes (the backup domain).
  const client: ClientInfo = Object.freeze({
    name: config.name,
    get baseUrl() {
      return baseUrls.current();
    },
  });

  const call = async <E extends AnyEndpoint>(endpoint: E, body: EndpointRequest<E> | StreamRequest<E>, callOptions?: CallOptions, parts?: (part: ApiResponse) => Promise<void>) => {
    checkEndpoint(endpoint);
    const { signal, timeout, onProgress, context = {} } = callOptions === undefined ? {} : parseOrThrow(callOptionsSchema, callOptions, 'call options', endpoint.name);
    // Plugins may rely on an object body even when a custom stack leaves out validation.
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new TimValidationError(`${endpoint.name} request`, [{ path: '', reason: 'must be an object' }], endpoint.name);
    }
    // Events that reach the outside of the pipeline: progress goes to the caller's listener.
    const emit = (event: PipelineEvent) => {
      if (onProgress !== undefined && event.type === 'progress') onProgress(event.progress);
    };
    // A signal of the call's own: the plugins' listeners go on it, not on one the caller may share
    // between many calls, which keeps one listener only while the call runs.
    const own = signal === undefined ? undefined : followSignal(signal);
    try {
      const answer = await run({
        endpoint,
        client,
        callId: nextCallId(),
        body: body as Record<string, unknown>,
        query: baseQuery,
        attempt: 0,
        timeout: timeout ?? config.timeout,
        signal: own?.signal,
        context,
        emit,
        // Another endpoint, as part of this call: its signal and context, a pipeline of its own.
        request: (other, otherBody) => call(other, otherBody, { ...(own === undefined ? {} : { signal: own.signal }), timeout: timeout ?? config.timeout, context }),
        parts,
      });
      return answer as EndpointResponse<E>;
    } finally {
      own?.release();
    }
  };
  const request = <E extends AnyEndpoint>(endpoint: E, body: EndpointRequest<E>, callOptions?: CallOptions) => call(endpoint, body, callOptions);

  const stream = <E extends AnyEndpoint>(endpoint: E, body: StreamRequest<E>, callOptions?: CallOptions) =>
    partStream<EndpointResponse<E>>(async (deliver, signal) => {
      checkEndpoint(endpoint);
      const results = endpoint.batch?.results;
      if (results === undefined) {
        throw new TimValidationError(`${endpoint.name} request`, [{ path: '', reason: `${endpoint.name} is not a batch endpoint: call request() (or paginate() for a paged one)` }], endpoint.name);
      }
      let delivered = false;
      const answer = await call(endpoint, body, { ...callOptions, signal }, (part) => {
        delivered = true;
        return deliver(part as EndpointResponse<E>);
      });
      // No plugin split the call: its answer is the one part.
      if (!delivered && results in (answer as object)) await deliver(answer);
    }, callOptions?.signal);

  return {
    request,
    // One page read ahead: the next request goes out while the loop works on the page it took.
    paginate: (endpoint, body, options) =>
      partStream(async (deliver, signal) => {
        for await (const page of walkPages(request, endpoint, body, { ...options, signal })) await deliver(page);
      }, options?.signal),
    stream,
    describePipeline: () => ordered.map(({ phase, name }) => ({ phase, name })),
  };
}
