import { TimError } from './tim-error.js';

/**
 * One HTTP attempt took longer than the `timeout` option (the whole attempt: connection, headers
 * and body). Always `retryable`. Code -2.
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
   * Creates the error, with message `No answer within <timeout> ms`.
   *
   * @param timeout - the exceeded per-attempt limit, in milliseconds.
   * @param options - the endpoint name.
   */
  constructor(timeout: number, options: { endpoint?: string } = {}) {
    super(`No answer within ${timeout} ms`, -2, { ...options, retryable: true });
    this.timeout = timeout;
  }
}
