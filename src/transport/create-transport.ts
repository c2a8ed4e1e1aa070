import type { HTTPError, KyInstance, Options as KyOptions } from 'ky';
import { abortable } from '../util/abort.js';
import { alignAnswer, batchShape, requestedAccounts } from '../endpoints/batch.js';
import { browserRefusalHint } from './browser-refusal.js';
import { collectBytes } from './collect-bytes.js';
import { decodeResponse } from './decode-response.js';
import { isTimError } from '../errors/tim-error.js';
import { TimHttpError } from '../errors/tim-http-error.js';
import { isTimNetworkError, TimNetworkError } from '../errors/tim-network-error.js';
import type { BaseUrls } from '../client/failover.js';
import { TimResponseError } from '../errors/tim-response-error.js';
import { TimTimeoutError } from '../errors/tim-timeout-error.js';
import { TimValidationError } from '../errors/tim-validation-error.js';
import type { Terminal } from '../pipeline/compose.js';
import type { RequestContext } from '../pipeline/plugin.js';
import { redactSecrets, secretRedactor } from '../util/redact.js';
import { parseRetryAfter } from './retry-after.js';
import { attachTransportInfo } from './transport-info.js';

const utf8 = new TextDecoder();

type KyModule = typeof import('ky');
// ky is loaded with the first request, not on import: evaluating it makes Node load its fetch
// implementation (undici, about 25 ms), which `import('timfetch')` should not pay before a call.
let kyModule: KyModule | undefined;
let kyLoading: Promise<KyModule> | undefined;
async function loadKy(): Promise<KyModule> {
  kyLoading ??= import('ky').then((module) => (kyModule = module));
  return kyLoading;
}

const isHTTPError = (error: unknown): error is HTTPError => kyModule?.isHTTPError(error) === true;

/** The query parameters every IM REST request carries, in the order the documentation writes them. */
const requiredQuery = ['sdkappid', 'identifier', 'usersig', 'random', 'contenttype'] as const;
const knownQuery: ReadonlySet<string> = new Set(requiredQuery);

/** Headers the transport sets itself, which a plugin's `ctx.headers` may not replace. */
const transportHeaders: ReadonlySet<string> = new Set(['accept', 'content-type', 'content-length']);

/**
 * The `Content-Type` header each `contentType` client option sends. The service reads the body as
 * JSON because the query says `contenttype=json`; the header matters only to browsers and proxies.
 */
const contentTypeHeaders = {
  // What fetch itself gives a string body, and a CORS-safelisted value: no browser preflight.
  'text/plain': 'text/plain;charset=UTF-8',
  // Not safelisted: in a browser every request is preflighted (OPTIONS) first.
  'application/json': 'application/json',
} as const;

/** Where requests go and how they are sent. */
export interface TransportConfig {
  /** Base URLs (a region's main domain with its backup, or a custom one). */
  readonly baseUrls: BaseUrls;
  /** The fetch implementation; the platform's by default. */
  readonly fetch?: typeof fetch | undefined;
  /** The largest answer body read, in bytes. */
  readonly maxResponseBytes?: number | undefined;
  /** The request body's content type; `text/plain` by default. */
  readonly contentType?: keyof typeof contentTypeHeaders | undefined;
  /** Secrets to keep out of errors and results besides the attempt's UserSig (the secret key). */
  readonly secrets?: readonly string[] | undefined;
}

/** Default cap on an answer body: far above any real answer (a 1,000-item friend_check is ~96 KiB). */
export const defaultMaxResponseBytes = 8 * 1024 * 1024;

/**
 * The body of `response`, refused with TimResponseError once it passes `maxBytes`: by a declared
 * Content-Length over it before reading, and always by counting while reading, since
 * Content-Length counts the bytes on the wire and a compressed answer inflates far past them.
 */
async function readBody(response: Response, maxBytes: number, endpoint: string): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new TimResponseError(`body over the ${maxBytes}-byte limit (maxResponseBytes)`, { endpoint });
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await discard(response);
    throw tooLarge();
  }
  // A Response-like object from a custom fetch may have no stream: read it whole, then count.
  if (response.body === null || response.body === undefined) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw tooLarge();
    return bytes;
  }
  return collectBytes(response.body, maxBytes, tooLarge);
}

/**
 * The status and code of a refused redirect whose own status fetch hides (a browser's opaque
 * redirect reports 0, a followed one its final status). 300 is how HTTP treats a 3xx it does not
 * know (RFC 9110 §15); 0 would read as the IM success code once a failed account carries it as
 * its `ResultCode`.
 */
const hiddenRedirectStatus = 300;

/** The host (with its port) of `location` read against `base`: never its path or query, which may hold secrets. */
function hostOf(location: string, base: string): string {
  try {
    return new URL(location, base).host;
  } catch {
    return 'an invalid Location';
  }
}

/**
 * The refusal of a redirect, a TimHttpError that is not retryable; `undefined` for any other
 * answer. The IM service never redirects: one comes from something in between, and following it
 * would send the UserSig and the request to its target. Requests go out with `redirect: 'manual'`,
 * so a redirect arrives as a 3xx answer (in a browser as an `opaqueredirect`, which hides its
 * target); a custom fetch that followed one anyway says so with `redirected`.
 */
function redirectRefusal(response: Response, url: string, endpoint: string, redact: (text: string) => string): TimHttpError | undefined {
  const refuse = (status: number, statusText: string, detail: string) => new TimHttpError(status, redact(statusText), { endpoint, detail: redact(detail) });
  const why = '(the IM service does not redirect)';
  if (response.type === 'opaqueredirect') return refuse(hiddenRedirectStatus, '', `redirect refused ${why}; the browser hides its status and target`);
  if (response.redirected) return refuse(hiddenRedirectStatus, '', `the fetch option followed a redirect to ${hostOf(response.url, url)}; its answer is refused ${why}`);
  if (response.status < 300 || response.status >= 400) return undefined;
  const location = response.headers.get('location');
  return refuse(response.status, response.statusText, `${location === null ? 'redirect without a Location' : `redirect to ${hostOf(location, url)}`} refused ${why}`);
}

/** Cancels the body of an answer that will not be read, so its connection is released. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** A plugin's mistake in the context it passed on: refused before anything is sent. */
function badContext(ctx: RequestContext, path: string, reason: string): TimValidationError {
  return new TimValidationError('request', [{ path, reason }], ctx.endpoint.name);
}

function buildUrl(baseUrl: string, ctx: RequestContext): string {
  const params = new URLSearchParams();
  for (const key of requiredQuery) {
    const value = ctx.query[key];
    if (value === undefined) throw badContext(ctx, `query.${key}`, 'was not set by any plugin (is the default stack complete?)');
    params.set(key, value);
  }
  // The service takes these five only: another key would never reach it as meant, so a plugin
  // that adds one learns it at once instead of seeing it ignored.
  for (const key in ctx.query) {
    if (!knownQuery.has(key)) throw badContext(ctx, `query.${key}`, `is not sent: the service takes only ${requiredQuery.join(', ')} (send a value of your own in ctx.headers)`);
  }
  return `${baseUrl}/${ctx.endpoint.path}?${params}`;
}

/** The attempt's extra headers (`ctx.headers`) checked, or undefined when there are none. */
function extraHeaders(ctx: RequestContext): Headers | undefined {
  const given = ctx.headers;
  if (given === undefined) return undefined;
  let headers: Headers | undefined;
  for (const name in given) {
    const value: unknown = given[name];
    // The path names the header, never its value: it may be a credential (a proxy's token).
    if (transportHeaders.has(name.toLowerCase())) throw badContext(ctx, `headers.${name}`, 'is set by the transport (Content-Type by the contentType client option)');
    if (typeof value !== 'string') throw badContext(ctx, `headers.${name}`, 'must be a string');
    headers ??= new Headers();
    try {
      headers.set(name, value);
    } catch {
      throw badContext(ctx, `headers.${name}`, 'is not a valid HTTP header name, or its value is not a valid header value');
    }
  }
  return headers;
}

// A request over the endpoint's maximum is refused by the service; refuse it before sending.
function checkBatchSize(ctx: RequestContext): void {
  const { batch, name } = ctx.endpoint;
  if (batch === undefined) return;
  const accounts = ctx.body[batch.list];
  if (Array.isArray(accounts) && accounts.length > batch.max) {
    throw new TimValidationError(
      `${name} request`,
      [{ path: batch.list, reason: `must hold at most ${batch.max} accounts per request (got ${accounts.length}); enable chunking` }],
      name,
    );
  }
}

// The body is serialised here, once, so that one that cannot be (a BigInt, a cycle, a throwing
// toJSON) is bad input, refused before any retry, not a network failure.
function serialise(ctx: RequestContext): string {
  try {
    return JSON.stringify(ctx.body);
  } catch {
    const { name } = ctx.endpoint;
    throw new TimValidationError(`${name} request`, [{ path: '', reason: 'cannot be serialised to JSON (a BigInt, a cycle or a throwing toJSON)' }], name);
  }
}

/** A fetch that checks what the injected one resolves to, so a wrong one fails with a typed error. */
function checkedFetch(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response: unknown = await fetchImpl(input, init);
    const looksLikeResponse =
      typeof response === 'object' && response !== null && typeof (response as Response).status === 'number' && typeof (response as Response).arrayBuffer === 'function';
    if (!looksLikeResponse) throw new TimResponseError('the fetch function resolved to something that is not a Response');
    return response as Response;
  };
}

function describeNetworkFailure(error: unknown, redact: (text: string) => string): string {
  let cause: unknown = error;
  const parts: string[] = [];
  // Walk the cause chain (TypeError "fetch failed" → ECONNREFUSED …); the outermost link says
  // nothing the inner ones do not.
  for (let depth = 0; cause instanceof Error && depth < 4; depth++) {
    const code = (cause as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${cause.message} (${code})` : cause.message);
    cause = cause.cause;
  }
  return redact(redactSecrets(parts.slice(parts.length > 1 ? 1 : 0).join(': ') || String(error)));
}

// Failures fetch reports before any byte of the request left, by their code anywhere in the cause
// chain: connection refused, DNS, unreachable, connect timeout, TLS and certificate failures.
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_TLS_HANDSHAKE_TIMEOUT', 'ERR_SSL_WRONG_VERSION_NUMBER']);
// Certificate checks: CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID, UNABLE_TO_VERIFY_LEAF_SIGNATURE …
const certificateCode = /CERT|^UNABLE_TO_/;
// Deno gives no code: its connector (DNS, TCP and TLS) fails as "client error (Connect)".
const denoConnectFailure = 'client error (Connect)';

/** Whether a fetch failure surely came before the request was sent; anything unrecognised may have come after. */
function failedBeforeSending(error: unknown): boolean {
  let cause: unknown = error;
  for (let depth = 0; cause instanceof Error && depth < 4; depth++) {
    const { code } = cause as { code?: unknown };
    if (typeof code === 'string' && (notSentCodes.has(code) || certificateCode.test(code))) return true;
    if (cause.message.includes(denoConnectFailure)) return true;
    cause = cause.cause;
  }
  return false;
}

function toTimError(error: unknown, ctx: RequestContext, url: string, attempt: AbortSignal, redact: (text: string) => string): unknown {
  if (ctx.signal?.aborted) return ctx.signal.reason;
  if (attempt.aborted) return attempt.reason;
  if (isTimError(error)) return error;
  const endpoint = ctx.endpoint.name;
  if (isHTTPError(error)) {
    const { status, statusText, headers } = error.response;
    return new TimHttpError(status, redact(statusText), { endpoint, retryAfter: parseRetryAfter(headers.get('retry-after')) });
  }
  const hint = browserRefusalHint(error, url);
  const message = describeNetworkFailure(error, redact);
  return new TimNetworkError(hint === undefined ? message : `${message}: ${hint}`, { endpoint, notSent: failedBeforeSending(error) });
}

/**
 * Under Deno, an HTTP client that keeps no idle connection, for writes; undefined elsewhere.
 * Deno's fetch sends a POST again by itself when a kept-alive connection it reused closes before
 * the answer, so a write the server read could be applied twice behind the SDK's back; a
 * connection that is never reused is never resent (Deno 2.9.6). Made once, on the first write.
 */
function unpooledClient(): () => object | undefined {
  let client: object | undefined;
  return () => {
    const deno = (globalThis as { Deno?: { createHttpClient?: unknown } }).Deno;
    if (typeof deno?.createHttpClient !== 'function') return undefined;
    client ??= (deno.createHttpClient as (options: { poolMaxIdlePerHost: number }) => object)({ poolMaxIdlePerHost: 0 });
    return client;
  };
}

/**
 * The terminal step of every pipeline: one POST through ky (which never retries: the pipeline's
 * retry plugin owns retries), bounded by the per-attempt timeout and the caller's signal, and
 * decoded into the endpoint's typed answer.
 */
export function createTransport(config: TransportConfig): Terminal {
  const fetchImpl = config.fetch === undefined ? (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init) : checkedFetch(config.fetch);
  // ky builds the request (URL, headers, its signal); the body goes to fetch as the string it is.
  // A Request's body is a stream, which undici pipes and writes in pieces: sent as a string, a
  // 100-account request costs about a third less CPU.
  // The attempt's own signal goes to fetch beside ky, so that ky does not combine it with one of
  // its own (AbortSignal.any costs about 10 µs a request in Node).
  // Never `redirect: 'follow'`: see redirectRefusal.
  // `client` is Deno's own fetch option (see unpooledClient); other fetches ignore it.
  const sendBody = (request: Request, options?: { readonly payload?: string; readonly attemptSignal?: AbortSignal; readonly httpClient?: object | undefined }) => {
    const init: RequestInit & { client?: object } = { method: request.method, headers: request.headers, body: options?.payload ?? null, signal: options?.attemptSignal ?? null, redirect: 'manual' };
    if (options?.httpClient !== undefined) init.client = options.httpClient;
    return fetchImpl(request.url, init);
  };
  const writeClient = unpooledClient();
  // One ky instance per client, configured once: each attempt only adds its body and signal.
  // Only CORS-safelisted headers by default (`accept: application/json` is one), so that a
  // browser sends each request as is, without an OPTIONS round trip before it.
  const headers = { accept: 'application/json', 'content-type': contentTypeHeaders[config.contentType ?? 'text/plain'] };
  let http: KyInstance | undefined;
  let httpLoading: Promise<KyInstance> | undefined;
  const loadHttp = () =>
    (httpLoading ??= loadKy().then((module) =>
      (http = module.default.create({
        headers,
        retry: 0,
        timeout: false,
        // A non-2xx answer below 400 is a redirect (a 3xx, or a browser's opaque one with
        // status 0): redirectRefusal names its target, which ky's HTTPError would not.
        throwHttpErrors: (status) => status >= 400,
        fetch: sendBody as typeof fetch,
      })),
    ));
  const maxBytes = config.maxResponseBytes ?? defaultMaxResponseBytes;
  // Strings from outside (answers, status texts, fetch errors) lose the UserSig and the secret
  // key in any encoding; the redactor is rebuilt only when the UserSig changes.
  let redactor = { userSig: '', redact: secretRedactor(config.secrets ?? []) };
  const redactorFor = (userSig = '') => {
    if (redactor.userSig !== userSig) redactor = { userSig, redact: secretRedactor([userSig, ...(config.secrets ?? [])]) };
    return redactor.redact;
  };
  return async (ctx) => {
    checkBatchSize(ctx);
    const baseUrl = config.baseUrls.current();
    const url = buildUrl(baseUrl, ctx);
    const extra = extraHeaders(ctx);
    const payload = serialise(ctx);
    // One limit for the whole attempt (connection, headers and body), and a signal of its own
    // that the caller's abort reaches through a listener removed when the attempt ends.
    const attempt = new AbortController();
    const timeout = setTimeout(() => attempt.abort(new TimTimeoutError(ctx.timeout, { endpoint: ctx.endpoint.name })), ctx.timeout);
    const onAbort = () => attempt.abort(ctx.signal?.reason);
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    const { signal } = attempt;
    const redact = redactorFor(ctx.query.usersig);
    const started = performance.now();
    let status: number | undefined;
    let bytes = 0;
    try {
      // Raced with the signal too: not every fetch (happy-dom's during a CORS preflight) honours it.
      const client = http ?? (await abortable(loadHttp(), signal));
      const httpClient = ctx.endpoint.effect === 'write' ? writeClient() : undefined;
      const response = await abortable(client.post(url, { payload, attemptSignal: signal, httpClient, ...(extra === undefined ? {} : { headers: extra }) } as KyOptions), signal);
      status = response.status;
      const refusal = redirectRefusal(response, url, ctx.endpoint.name, redact);
      if (refusal !== undefined) {
        await discard(response);
        throw refusal;
      }
      const body = await abortable(readBody(response, maxBytes, ctx.endpoint.name), signal);
      bytes = body.byteLength;
      const decoded = decodeResponse(ctx.endpoint, redact(utf8.decode(body)));
      // Nothing lost, chunked or not: one result per requested account, in order.
      const shape = batchShape(ctx.endpoint, ctx.body);
      const answer = shape === undefined ? decoded : alignAnswer(decoded, shape, requestedAccounts(ctx.body, shape));
      return attachTransportInfo(answer, { status, bytes, duration: performance.now() - started });
    } catch (error) {
      const failure = toTimError(error, ctx, url, signal, redact);
      if (isTimNetworkError(failure)) config.baseUrls.unreachable(baseUrl);
      status ??= isHTTPError(error) ? error.response.status : undefined;
      throw attachTransportInfo(failure, { status, bytes, duration: performance.now() - started });
    } finally {
      clearTimeout(timeout);
      ctx.signal?.removeEventListener('abort', onAbort);
    }
  };
}
