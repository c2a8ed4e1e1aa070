import { brandErrorClass, hasErrorBrand } from './brand.js';
import { TimError } from './tim-error.js';

/**
 * The server answered with something that is not a valid IM REST answer: a body that is not JSON,
 * an envelope without `ErrorCode`, or a result of the wrong shape. A body that is not JSON (for
 * example a truncated one) is `retryable`; a well-formed answer of the wrong shape is not.
 * Code -3.
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (error instanceof TimResponseError) console.error(`unexpected answer at ${error.path}: ${error.reason}`);
 * }
 * ```
 */
export class TimResponseError extends TimError {
  override name = 'TimResponseError';
  /** Where in the answer the problem is (`InfoItem[2].ResultCode`); empty for the whole body. */
  readonly path: string;
  /** What is wrong with it. */
  readonly reason: string;

  /**
   * Creates the error, with message `Unexpected response at <path>: <reason>`.
   *
   * @param reason - what is wrong with the answer.
   * @param options - where in the answer, the endpoint name, and whether a repeat may succeed
   *   (default `false`).
   */
  constructor(reason: string, options: { path?: string; endpoint?: string; retryable?: boolean } = {}) {
    const path = options.path ?? '';
    super(`Unexpected response${path === '' ? '' : ` at ${path}`}: ${reason}`, -3, options);
    this.path = path;
    this.reason = reason;
  }
}

brandErrorClass(TimResponseError, 'TimResponseError');

/**
 * Whether `value` is a {@link TimResponseError}: the answer was not a valid IM REST answer.
 * Recognises the error by its brand, so it also holds for errors from another build of timfetch
 * (an ESM client with a CommonJS plugin), where `instanceof` does not.
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (isTimResponseError(error)) console.error(error.path, error.reason);
 * }
 * ```
 */
export function isTimResponseError(value: unknown): value is TimResponseError {
  return hasErrorBrand(value, 'TimResponseError');
}
