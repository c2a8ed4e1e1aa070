import { brandErrorClass, hasErrorBrand } from './brand.js';
import { TimError } from './tim-error.js';

/**
 * One rejected value: where it is and why. {@link TimValidationError} lists them in `issues`.
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (error instanceof TimValidationError) {
 *     for (const issue of error.issues) console.log(`${issue.path}: ${issue.reason}`);
 *   }
 * }
 * ```
 */
export interface ValidationIssue {
  /** Location inside the checked value, such as `To_Account[3]` or `sdkAppId`; empty for the value itself. */
  readonly path: string;
  /** Why the value was rejected, for example `must be at most 32 bytes in UTF-8`. */
  readonly reason: string;
}

/**
 * Bad input, detected before any network I/O: client options, a request body, UserSig options.
 * `path` and `reason` describe the first problem; `issues` lists all of them. Messages name the
 * place and the rule, never the rejected value (it may be a secret).
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck({ From_Account: 'alice', To_Account: [], CheckType: 'CheckResult_Type_Both' });
 * } catch (error) {
 *   if (error instanceof TimValidationError) console.log(error.path, error.reason); // To_Account, must not be empty
 * }
 * ```
 */
export class TimValidationError extends TimError {
  override name = 'TimValidationError';
  /** Path of the first problem. */
  readonly path: string;
  /** Reason of the first problem. */
  readonly reason: string;
  /** Every problem found. */
  readonly issues: readonly ValidationIssue[];

  /**
   * Creates the error, with message `Invalid <subject>: <path>: <reason>` for the first issue
   * (and a count of the others).
   *
   * @param subject - what was checked, for example `friendCheck request` or `client options`.
   * @param issues - at least one issue.
   * @param endpoint - the endpoint name, when the input belongs to a call.
   */
  constructor(subject: string, issues: readonly ValidationIssue[], endpoint?: string) {
    const [first = { path: '', reason: 'is invalid' }] = issues;
    const where = first.path === '' ? '' : `${first.path}: `;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`Invalid ${subject}: ${where}${first.reason}${more}`, -4, { endpoint });
    this.path = first.path;
    this.reason = first.reason;
    this.issues = issues;
  }
}

brandErrorClass(TimValidationError, 'TimValidationError');

/**
 * Whether `value` is a {@link TimValidationError}: bad input was refused before any network I/O.
 * Recognises the error by its brand, so it also holds for errors from another build of timfetch
 * (an ESM client with a CommonJS plugin), where `instanceof` does not.
 *
 * @example
 * ```ts
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (isTimValidationError(error)) console.log(error.path, error.reason);
 * }
 * ```
 */
export function isTimValidationError(value: unknown): value is TimValidationError {
  return hasErrorBrand(value, 'TimValidationError');
}
