import { TimError } from './tim-error.js';

/**
 * A chunked call gave up early (`failFast`) after a chunk failed for good. `result` holds what
 * was answered so far, with every account of the failed and unsent chunks listed in
 * `Fail_Account`; `cause` is the chunk's error and `code` its code.
 *
 * @example
 * ```ts
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
   * Wraps the error of the failed chunk; `code`, `endpoint` and `retryable` are copied from it.
   *
   * @param cause - the chunk's final error.
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
