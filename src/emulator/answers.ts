/** The HTTP answers the emulator sends: JSON envelopes, CORS, and the shapes of injected faults. */

/**
 * How the emulator answers browsers: `'permissive'` lets any origin send POST with any
 * content type; `'documented'` answers exactly as the service's documentation shows.
 *
 * @example
 * ```ts
 * const mode: CorsMode = 'documented';
 * const emu = await startEmulator({ sdkAppId, secretKey, cors: mode });
 * ```
 */
export type CorsMode = 'permissive' | 'documented';

/** The CORS headers of a mode: on every answer, and on the answer to a preflight. */
interface CorsHeaders {
  readonly answer: Readonly<Record<string, string>>;
  readonly preflight: Readonly<Record<string, string>>;
}

// Any origin may read answers: the emulator holds no user data.
const anyOrigin = { 'access-control-allow-origin': '*' };

// The service's sample, on every answer: a preflight asking for `content-type` is refused, so
// only CORS-simple requests (no custom header, a simple content type) get through.
const documented = { ...anyOrigin, 'access-control-allow-headers': 'X-Requested-With', 'access-control-allow-methods': 'POST' };

const corsModes: Readonly<Record<CorsMode, CorsHeaders>> = {
  permissive: {
    answer: anyOrigin,
    preflight: { ...anyOrigin, 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' },
  },
  documented: { answer: documented, preflight: documented },
};

/** The CORS modes, for option validation. */
export const corsModeNames = Object.keys(corsModes) as CorsMode[];

/** `response` with the CORS headers of `mode` added (every answer but a preflight's). */
export function withCors(response: Response, mode: CorsMode): Response {
  for (const [name, value] of Object.entries(corsModes[mode].answer)) response.headers.set(name, value);
  return response;
}

/**
 * A per-account result of a batch answer (an `InfoItem` or `ResultItem` entry), plus its
 * endpoint's own fields.
 */
export interface AccountResult {
  readonly To_Account: string;
  readonly ResultCode: number;
  readonly ResultInfo: string;
  readonly [field: string]: unknown;
}

/**
 * The answer to a CORS preflight: 204 with the preflight headers of `mode`. In `'permissive'`
 * mode it allows POST with a JSON body from any origin.
 */
export function preflightResponse(mode: CorsMode): Response {
  return new Response(null, { status: 204, headers: corsModes[mode].preflight });
}

/** A JSON answer (the handler adds the CORS headers). */
export function jsonResponse(body: unknown, status = 200, extraHeaders: Record<string, string> = {}): Response {
  return textResponse(JSON.stringify(body), status, 'application/json; charset=utf-8', extraHeaders);
}

/** A text answer of the given content type (the handler adds the CORS headers). */
export function textResponse(text: string, status: number, contentType: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { 'content-type': contentType, ...extraHeaders } });
}

/**
 * The request-level failure envelope, in the service's field order:
 * `{ ActionStatus: 'FAIL', ErrorCode, ErrorInfo, ErrorDisplay: '' }`.
 */
export function failEnvelope(code: number, info: string): Record<string, unknown> {
  return { ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info, ErrorDisplay: '' };
}

/** A successful answer: the endpoint's fields, then the status fields, in the docs' order. */
export function okEnvelope(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...fields, ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' };
}

/**
 * The fields of a batch answer, in the docs' order: the results under `resultsField`
 * (`InfoItem`, `ResultItem`), then `Fail_Account` when an item failed.
 */
export function batchFields(resultsField: string, items: readonly AccountResult[]): Record<string, unknown> {
  const failed = failedAccounts(items);
  return { [resultsField]: items, ...(failed.length > 0 ? { Fail_Account: failed } : {}) };
}

/** The accounts of the items whose `ResultCode` is not 0, once per item. */
export function failedAccounts(items: readonly AccountResult[]): string[] {
  return items.filter((item) => item.ResultCode !== 0).map((item) => item.To_Account);
}

/** A per-account result without fields of its own: `{ To_Account, ResultCode, ResultInfo }`. */
export function accountResult(account: string, code = 0, info = ''): AccountResult {
  return { To_Account: account, ResultCode: code, ResultInfo: info };
}

const statusTexts: Readonly<Record<number, string>> = { 502: 'Bad Gateway', 503: 'Service Unavailable' };

/** A gateway error page, as a proxy in front of the service sends it: HTML, not JSON. */
export function gatewayErrorResponse(status: 502 | 503): Response {
  const statusText = statusTexts[status] ?? '';
  const title = `${status} ${statusText}`;
  const page = `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`;
  return new Response(page, { status, statusText, headers: { 'content-type': 'text/html' } });
}

/**
 * The first half of a JSON text, as a connection cut mid-body leaves it: never valid JSON, since
 * a JSON object only ends at its closing brace (`{"ErrorCode":0}` becomes `{"ErrorC`).
 */
export function truncate(json: string): string {
  return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
}
