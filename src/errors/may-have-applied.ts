import { describeErrorCode } from './error-codes.js';
import { isTimApiError } from './tim-api-error.js';
import { isTimError } from './tim-error.js';
import { isTimHttpError } from './tim-http-error.js';
import { isTimNetworkError } from './tim-network-error.js';
import { isTimRateLimitError } from './tim-rate-limit-error.js';
import { isTimTimeoutError } from './tim-timeout-error.js';
import { isTimValidationError } from './tim-validation-error.js';

// Transient codes that still say the service did not do the work: it was busy (30006), timed out
// before it (30007) or refused a conflicting write (30008). The other transient codes (60008,
// 70169, 70500, 9099x) are internal timeouts and errors, after which it may have.
const refusedTransient = new Set([30006, 30007, 30008]);

/** Whether an answer with this `ErrorCode` / `ResultCode` leaves open that a write was applied. */
function codeMayHaveApplied(code: number): boolean {
  return code === 0 || (describeErrorCode(code).retry === 'transient' && !refusedTransient.has(code));
}

/**
 * Whether a write that ended with `outcome` may have been applied by the service, so that sending
 * it again could apply it twice: the one place that tells an unknown outcome from a refusal.
 *
 * `outcome` is the error an attempt failed with, or one account's result of a batch answer.
 * - False (nothing was applied, sending again is safe): an IM error code that refuses the request
 *   (30006, 30007, 30008, the throttled 60007 family, 70001 / 70052, every `never` code); HTTP
 *   408, 429, 503 and every status below 500; a {@link TimNetworkError} whose `notSent` is true
 *   (connection refused, DNS, TLS); a `getUserSig` timeout; {@link TimValidationError} and
 *   {@link TimRateLimitError}, which come before sending.
 * - True (the outcome is unknown): an attempt timeout, a network error after sending (a reset, a
 *   browser's `Failed to fetch`), HTTP 500, 502, 504 …, an answer that could not be read
 *   ({@link TimResponseError}), the internal codes 60008, 70169, 70500 and 9099x, a successful
 *   result (ResultCode 0), and anything else, a custom plugin's error included: when in doubt,
 *   the outcome is unknown.
 *
 * The `retry` plugin does not repeat a write (unless `idempotent`) after an outcome it returns
 * true for; `writeSafety` finds out what such a write did.
 *
 * @param outcome - the error a write's attempt failed with, or one of its per-account results.
 * @returns true when the write may have been applied.
 *
 * @example
 * ```ts
 * import type { Plugin } from 'timfetch';
 * import { delay, isTimError, mayHaveApplied } from 'timfetch/plugin-kit';
 *
 * // Repeats a failed write once, only when the failure proves it was not applied.
 * const onceMore: Plugin = {
 *   name: 'once-more',
 *   phase: 'sub-call',
 *   async run(ctx, next) {
 *     try {
 *       return await next(ctx);
 *     } catch (error) {
 *       if (!isTimError(error) || !error.retryable || (ctx.endpoint.effect === 'write' && mayHaveApplied(error))) throw error;
 *       await delay(500, ctx.signal);
 *       return next(ctx);
 *     }
 *   },
 * };
 * ```
 */
export function mayHaveApplied(outcome: unknown): boolean {
  if (isTimValidationError(outcome) || isTimRateLimitError(outcome)) return false;
  if (isTimApiError(outcome)) return codeMayHaveApplied(outcome.code);
  if (isTimHttpError(outcome)) return outcome.status >= 500 && outcome.status !== 503;
  if (isTimNetworkError(outcome)) return !outcome.notSent;
  if (isTimTimeoutError(outcome)) return outcome.source === undefined;
  if (isTimError(outcome)) return true;
  const resultCode = typeof outcome === 'object' && outcome !== null ? (outcome as { ResultCode?: unknown }).ResultCode : undefined;
  return typeof resultCode === 'number' ? codeMayHaveApplied(resultCode) : true;
}
