import { brandErrorClass, hasErrorBrand } from './brand.js';
import { TimError } from './tim-error.js';

/**
 * One HTTP attempt took longer than the `timeout` option (the whole attempt: connection, headers
 * and body), or a `getUserSig` provider took longer than `userSigTimeout`. `retryable`, except
 * for a provider that already timed out twice in the call. Code -2.
 *
 * @example
 * ```ts
 * const tim = createClient({ sdkAppId, identifier, secretKey, timeout: 5000 });
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (error instanceof TimTimeoutError) console.error(`no answer within ${error.timeout} ms`);
 * }
 * ```
 */
export class TimTimeoutError extends TimError {
  override name = 'TimTimeoutError';
  /** The limit that was exceeded, in milliseconds. */
  readonly timeout: number;
  /**
   * What did not answer when it was not the HTTP attempt, for example `getUserSig`: then no
   * request was sent. Undefined for an HTTP attempt, which may have reached the service.
   */
  readonly source: string | undefined;

  /**
   * Creates the error, with message `No answer within <timeout> ms`, or `No answer from <source>
   * within <timeout> ms` when something else than the HTTP attempt was waited for.
   *
   * @param timeout - the exceeded limit, in milliseconds.
   * @param options - the endpoint name, what did not answer (for example `getUserSig`), and
   *   whether asking again may help (default `true`).
   */
  constructor(timeout: number, options: { endpoint?: string | undefined; source?: string | undefined; retryable?: boolean } = {}) {
    const from = options.source === undefined ? '' : ` from ${options.source}`;
    super(`No answer${from} within ${timeout} ms`, -2, { endpoint: options.endpoint, retryable: options.retryable ?? true });
    this.timeout = timeout;
    this.source = options.source;
  }
}

brandErrorClass(TimTimeoutError, 'TimTimeoutError');

/**
 * Whether `value` is a {@link TimTimeoutError}: an HTTP attempt outlived its timeout. Recognises
 * the error by its brand, so it also holds for errors from another build of timfetch (an ESM
 * client with a CommonJS plugin), where `instanceof` does not.
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (isTimTimeoutError(error)) console.error(`no answer within ${error.timeout} ms`);
 * }
 * ```
 */
export function isTimTimeoutError(value: unknown): value is TimTimeoutError {
  return hasErrorBrand(value, 'TimTimeoutError');
}
