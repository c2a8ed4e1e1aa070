import { describeErrorCode, isRetryableCode, type RetryClass } from './error-codes.js';
import { brandErrorClass, hasErrorBrand } from './brand.js';
import { TimError } from './tim-error.js';

/**
 * The error fields of an IM REST answer whose `ErrorCode` is not 0, from which
 * {@link TimApiError} is built.
 *
 * @example
 * ```ts
 * const fields: ApiErrorFields = { ActionStatus: 'FAIL', ErrorCode: 30003, ErrorInfo: 'account not found' };
 * const error = new TimApiError(fields, { endpoint: 'friendCheck' }); // error.meaning: 'account does not exist'
 * ```
 */
export interface ApiErrorFields {
  /** The non-zero error code. */
  readonly ErrorCode: number;
  /** The service's description of the error. */
  readonly ErrorInfo?: string | undefined;
  /** A message meant for end users, when the service sends one. */
  readonly ErrorDisplay?: string | undefined;
  /** `FAIL`, when sent. */
  readonly ActionStatus?: string | undefined;
  /** The service's id of the request. */
  readonly RequestId?: string | undefined;
}

/**
 * The IM service answered with a non-zero `ErrorCode`. `code` is that `ErrorCode`, `meaning` and
 * `retryClass` come from the SDK's code table, and `retryable` is true for transient and
 * throttled codes (UserSig renewal is handled by the signing plugin).
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (error instanceof TimApiError && error.code === 30003) console.log('From_Account does not exist');
 * }
 * ```
 */
export class TimApiError extends TimError {
  override name = 'TimApiError';
  /** `ErrorInfo` as the server sent it. */
  readonly errorInfo: string;
  /** `ErrorDisplay` as the server sent it. */
  readonly errorDisplay: string;
  /** `RequestId`, when the server sent one. */
  readonly requestId: string | undefined;
  /** Meaning of the code from the SDK's table. */
  readonly meaning: string;
  /** What to do about the code. */
  readonly retryClass: RetryClass;

  /**
   * Builds the error from the answer's error fields; the message is
   * `IM error <code> (<meaning>): <ErrorInfo>`.
   *
   * @param fields - `ErrorCode` and the other envelope fields of the failed answer.
   * @param options - the endpoint name of the call.
   */
  constructor(fields: ApiErrorFields, options: { endpoint?: string } = {}) {
    const { meaning, retry } = describeErrorCode(fields.ErrorCode);
    const info = fields.ErrorInfo ?? '';
    super(`IM error ${fields.ErrorCode} (${meaning})${info === '' ? '' : `: ${info}`}`, fields.ErrorCode, {
      endpoint: options.endpoint,
      retryable: isRetryableCode(fields.ErrorCode),
    });
    this.errorInfo = info;
    this.errorDisplay = fields.ErrorDisplay ?? '';
    this.requestId = fields.RequestId;
    this.meaning = meaning;
    this.retryClass = retry;
  }
}

brandErrorClass(TimApiError, 'TimApiError');

/**
 * Whether `value` is a {@link TimApiError}: the IM service answered with a non-zero `ErrorCode`.
 * Recognises the error by its brand, so it also holds for errors from another build of timfetch
 * (an ESM client with a CommonJS plugin), where `instanceof` does not.
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (isTimApiError(error) && error.code === 30003) console.log('From_Account does not exist');
 * }
 * ```
 */
export function isTimApiError(value: unknown): value is TimApiError {
  return hasErrorBrand(value, 'TimApiError');
}
