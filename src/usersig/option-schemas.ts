/**
 * valibot schemas shared by genUserSig and verifyUserSig options.
 * Every check carries its own message: valibot's defaults quote the received value, and a
 * secret key must never end up in an error message or a log line.
 */
import * as v from 'valibot';

/** Default UserSig validity in seconds: 180 days, as in the official generators. */
export const defaultUserSigExpire = 15_552_000;

/** SDKAppID: a positive safe integer. */
export const sdkAppIdSchema = v.pipe(
  v.number('must be a positive integer'),
  v.safeInteger('must be a positive integer'),
  v.minValue(1, 'must be a positive integer'),
);

/** Secret key of the application: any non-empty string. */
export const secretKeySchema = v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'));

/**
 * Validity in seconds: a positive safe integer (valibot schema), as `genUserSig`'s `expire`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * const schema = v.object({ expire: v.optional(expireSchema) }, objectMessage);
 * ```
 */
export const expireSchema = v.pipe(
  v.number('must be a positive integer'),
  v.safeInteger('must be a positive integer'),
  v.minValue(1, 'must be a positive integer'),
);

/** Current time in milliseconds since the Unix epoch, defaulting to `Date.now()`. */
export const nowSchema = v.optional(
  v.pipe(
    v.number('must be a finite number >= 0'),
    v.finite('must be a finite number >= 0'),
    v.minValue(0, 'must be a finite number >= 0'),
  ),
  () => Date.now(),
);
