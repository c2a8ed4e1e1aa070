import { brandErrorClass, hasErrorBrand } from './brand.js';
import { TimError } from './tim-error.js';

/**
 * The request never got an HTTP answer: connection refused or reset, DNS failure, TLS failure,
 * CORS refusal in a browser. Always `retryable`. Code -1.
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
   * Creates the error, with message `Network error: <message>`.
   *
   * @param message - what failed, already stripped of secrets.
   * @param options - the endpoint name and the underlying error.
   */
  constructor(message: string, options: { endpoint?: string; cause?: unknown } = {}) {
    super(`Network error: ${message}`, -1, { ...options, retryable: true });
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
