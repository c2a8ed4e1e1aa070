import { brandErrorClass, hasErrorBrand } from './brand.js';
import { TimError } from './tim-error.js';

/**
 * A chunked call with `chunking: { failFast: true }` gave up after one of its requests failed for
 * good (after its retries). `result` holds what was answered so far, with every account of the
 * failed and unsent requests listed in `Fail_Account`; `cause` is the failed request's error and
 * `code` its code. Without `failFast` the call goes on and marks those accounts failed instead.
 *
 * @typeParam Result - the type of the partial result, usually the endpoint's answer type.
 *
 * @example
 * ```ts
 * declare function save(partial: unknown): void;
 *
 * const tim = createClient({ sdkAppId, identifier, secretKey, chunking: { failFast: true } });
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (error instanceof TimBatchError) save(error.result); // keep what was answered
 * }
 * ```
 */
export class TimBatchError<Result = unknown> extends TimError {
  override name = 'TimBatchError';
  /** The partial, merged result. */
  readonly result: Result;

  /**
   * Wraps the error of the failed request; `code`, `endpoint` and `retryable` are copied from it.
   *
   * @param cause - the request's final error.
   * @param result - the partial, merged result.
   */
  constructor(cause: TimError, result: Result) {
    super(`Batch stopped after a chunk failed: ${cause.message}`, cause.code, {
      endpoint: cause.endpoint,
      retryable: cause.retryable,
      cause,
    });
    this.result = result;
  }
}

brandErrorClass(TimBatchError, 'TimBatchError');

/**
 * Whether `value` is a {@link TimBatchError}: a failFast batch call gave up after a chunk failed.
 * Recognises the error by its brand, so it also holds for errors from another build of timfetch
 * (an ESM client with a CommonJS plugin), where `instanceof` does not.
 *
 * @example
 * ```ts
 * declare function save(partial: unknown): void;
 *
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (isTimBatchError(error)) save(error.result);
 * }
 * ```
 */
export function isTimBatchError(value: unknown): value is TimBatchError {
  return hasErrorBrand(value, 'TimBatchError');
}
