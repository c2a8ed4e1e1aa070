import { brandErrorClass, hasErrorBrand } from './brand.js';
import { TimError } from './tim-error.js';

/**
 * The request never got an HTTP answer: connection refused or reset, DNS failure, TLS failure,
 * CORS refusal in a browser. Always `retryable`. Code -1. `notSent` tells whether the request
 * surely never left (then a write may be sent again).
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (error instanceof TimNetworkError) console.error('IM service unreachable:', error.message);
 * }
 * ```
 */
export class TimNetworkError extends TimError {
  override name = 'TimNetworkError';
  /**
   * True when the failure came before anything was sent (connection refused, DNS failure, host
   * or network unreachable, connect timeout, TLS or certificate failure), so the service cannot
   * have seen the request. False when it may have: a reset or a close after sending, or a
   * failure fetch does not explain (a browser's `Failed to fetch`: a CORS-refused simple request
   * was sent).
   */
  readonly notSent: boolean;

  /**
   * Creates the error, with message `Network error: <message>`.
   *
   * @param message - what failed, already stripped of secrets.
   * @param options - the endpoint name, the underlying error, and whether the request surely
   *   never left (`notSent`, default `false`).
   */
  constructor(message: string, options: { endpoint?: string; cause?: unknown; notSent?: boolean } = {}) {
    super(`Network error: ${message}`, -1, { endpoint: options.endpoint, cause: options.cause, retryable: true });
    this.notSent = options.notSent ?? false;
  }
}

brandErrorClass(TimNetworkError, 'TimNetworkError');

/**
 * Whether `value` is a {@link TimNetworkError}: the request never got an HTTP answer. Recognises
 * the error by its brand, so it also holds for errors from another build of timfetch (an ESM
 * client with a CommonJS plugin), where `instanceof` does not.
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (isTimNetworkError(error)) console.error('IM service unreachable:', error.message);
 * }
 * ```
 */
export function isTimNetworkError(value: unknown): value is TimNetworkError {
  return hasErrorBrand(value, 'TimNetworkError');
}
