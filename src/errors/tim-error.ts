import { brandErrorClass, hasErrorBrand } from './brand.js';

/**
 * Options shared by every {@link TimError}.
 *
 * @example
 * ```ts
 * // An error of a custom plugin: retryable, tied to the call's endpoint.
 * const options: TimErrorOptions = { endpoint: ctx.endpoint.name, retryable: true };
 * throw new TimError('audit service unavailable', -100, options);
 * ```
 */
export interface TimErrorOptions {
  /** Endpoint name (for example `friendCheck`) when the error belongs to a call. */
  endpoint?: string | undefined;
  /** Whether repeating the same request may succeed. */
  retryable?: boolean;
  /** Underlying error, already stripped of secrets. */
  cause?: unknown;
}

/**
 * Base class of every error timfetch throws. `code` is numeric everywhere so that a failed
 * account in a batch result can carry it as its `ResultCode`: the server's `ErrorCode` for
 * {@link TimApiError}, the HTTP status for {@link TimHttpError}, and a negative SDK-local code
 * for failures that never reached the server's logic (-1 network, -2 timeout, -3 response,
 * -4 validation, -5 rate limiter), and -6 for a write whose outcome is unknown (its request may
 * have reached the service; see {@link unknownOutcomeCode}).
 *
 * @example
 * ```ts
 * declare function scheduleLater(): void;
 *
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (error instanceof TimError && error.retryable) scheduleLater();
 *   else throw error;
 * }
 * ```
 */
export class TimError extends Error {
  override name = 'TimError';
  /** Numeric error code (see the class description for the ranges). */
  readonly code: number;
  /** Whether repeating the same request may succeed. */
  readonly retryable: boolean;
  /** Endpoint name of the failed call, when known. */
  readonly endpoint: string | undefined;
  /**
   * How many HTTP attempts were made for the request before it failed for good, when it was
   * repeated (set by the `retry` plugin, which also says so at the end of the message).
   */
  attempts: number | undefined;

  /**
   * Creates an error; plugins that fail on their own use it (or a subclass) so callers can rely on
   * `code` and `retryable`.
   *
   * @param message - human-readable description; must not contain secrets.
   * @param code - numeric code, see the class description for the ranges.
   * @param options - endpoint, retryability (default `false`) and cause.
   */
  constructor(message: string, code: number, options: TimErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.endpoint = options.endpoint;
    this.attempts = undefined;
  }
}

brandErrorClass(TimError, 'TimError');

/**
 * Whether `value` is a {@link TimError}: any error timfetch throws (every class extends it).
 * Recognises the error by its brand, so it also holds for errors from another build of timfetch
 * (an ESM client with a CommonJS plugin), where `instanceof` does not.
 *
 * @example
 * ```ts
 * declare function scheduleLater(): void;
 *
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (isTimError(error) && error.retryable) scheduleLater();
 * }
 * ```
 */
export function isTimError(value: unknown): value is TimError {
  return hasErrorBrand(value);
}
