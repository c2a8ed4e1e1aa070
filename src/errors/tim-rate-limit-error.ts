import { brandErrorClass, hasErrorBrand } from './brand.js';
import { TimError } from './tim-error.js';

/**
 * The rate limiter could not give a request a slot: its limiter store failed (Redis unreachable,
 * a script error) and no fallback store was configured, or the next slot lies past the request's
 * retry deadline. Never `retryable` (repeating would meet the same store or the same deadline).
 * Code -5.
 *
 * @example
 * ```ts
 * declare function alertOps(message: string): void;
 *
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (isTimRateLimitError(error) && error.reason === 'store') alertOps(`limiter store ${error.store} is down`);
 * }
 * ```
 */
export class TimRateLimitError extends TimError {
  override name = 'TimRateLimitError';
  /** `store`: the limiter store failed; `deadline`: the next slot lies past the retry deadline. */
  readonly reason: 'store' | 'deadline';
  /** The name of the limiter store (for example `redis`). */
  readonly store: string;

  /**
   * Creates the error.
   *
   * @param reason - why no slot was given.
   * @param message - what happened, already stripped of secrets.
   * @param options - the store's name, the endpoint name and the underlying error.
   */
  constructor(reason: 'store' | 'deadline', message: string, options: { store: string; endpoint?: string; cause?: unknown }) {
    super(message, -5, { endpoint: options.endpoint, cause: options.cause });
    this.reason = reason;
    this.store = options.store;
  }
}

brandErrorClass(TimRateLimitError, 'TimRateLimitError');

/**
 * Whether `value` is a {@link TimRateLimitError}: the rate limiter gave no slot. Recognises the
 * error by its brand, so it also holds for errors from another build of timfetch (an ESM client
 * with a CommonJS plugin), where `instanceof` does not.
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (isTimRateLimitError(error)) console.error(error.reason, error.store);
 * }
 * ```
 */
export function isTimRateLimitError(value: unknown): value is TimRateLimitError {
  return hasErrorBrand(value, 'TimRateLimitError');
}
