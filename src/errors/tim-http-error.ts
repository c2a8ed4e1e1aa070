import { brandErrorClass, hasErrorBrand } from './brand.js';
import { TimError } from './tim-error.js';

/**
 * The server (or a proxy in front of it) answered with a non-2xx HTTP status. The IM service
 * itself answers 200 unless a network error happens, so this usually means a gateway problem.
 * `retryable` for 408, 429 and 5xx. `code` is the HTTP status. A redirect (3xx) is never
 * followed: the service does not redirect, and following one would carry the UserSig to its
 * target. It fails with this error, whose message names the target's host.
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (error instanceof TimHttpError && error.status === 502) console.warn('gateway hiccup');
 * }
 * ```
 */
export class TimHttpError extends TimError {
  override name = 'TimHttpError';
  /** HTTP status code. */
  readonly status: number;
  /** Delay the server asked for with `Retry-After`, in milliseconds, when it sent a valid one. */
  readonly retryAfter: number | undefined;

  /**
   * Creates the error, with message `HTTP <status> <statusText>: <detail>`; `retryable` for 408,
   * 429 and 5xx.
   *
   * @param status - the HTTP status; it also becomes `code`.
   * @param statusText - the status text, part of the message when not empty.
   * @param options - the endpoint name, the `Retry-After` delay in milliseconds, and `detail`:
   *   what the SDK adds to the status line (why it refused a redirect), free of secrets.
   */
  constructor(status: number, statusText: string, options: { endpoint?: string; retryAfter?: number | undefined; detail?: string } = {}) {
    const retryable = status === 408 || status === 429 || status >= 500;
    const detail = options.detail === undefined ? '' : `: ${options.detail}`;
    super(`HTTP ${status}${statusText === '' ? '' : ` ${statusText}`}${detail}`, status, { endpoint: options.endpoint, retryable });
    this.status = status;
    this.retryAfter = options.retryAfter;
  }
}

brandErrorClass(TimHttpError, 'TimHttpError');

/**
 * Whether `value` is a {@link TimHttpError}: the server or a proxy answered with a non-2xx HTTP
 * status. Recognises the error by its brand, so it also holds for errors from another build of
 * timfetch (an ESM client with a CommonJS plugin), where `instanceof` does not.
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (isTimHttpError(error) && error.status === 502) console.warn('gateway hiccup');
 * }
 * ```
 */
export function isTimHttpError(value: unknown): value is TimHttpError {
  return hasErrorBrand(value, 'TimHttpError');
}
