/** Checking a UserSig the way the IM service does: fields, expiry, then the HMAC. */
import * as v from 'valibot';
import { userIdSchema } from '../endpoints/user-id.js';
import { objectMessage, parseOrThrow } from '../util/validate.js';
import { decodeUserSig } from './decode-user-sig.js';
import { nowSchema, sdkAppIdSchema, secretKeySchema } from './option-schemas.js';
import { signaturesEqual, signUserSigContent, userSigContent } from './signature.js';

/**
 * Why {@link verifyUserSig} rejected a UserSig, to tell the user what to fix. The IM service reports these as error codes
 * 70003 (`malformed`), 70014 (`sdkappid-mismatch`), 70013 (`identifier-mismatch`),
 * 70001 (`expired`) and 70009 (`bad-signature`).
 *
 * @example
 * ```ts
 * const advice: Record<UserSigRejection, string> = {
 *   malformed: 'not a UserSig',
 *   expired: 'generate a new one',
 *   'identifier-mismatch': 'issued for another account',
 *   'sdkappid-mismatch': 'issued for another app',
 *   'bad-signature': 'signed with another key',
 * };
 * const { valid, reason } = await verifyUserSig({ sdkAppId, secretKey, identifier: 'alice', userSig });
 * if (reason !== undefined) console.log(advice[reason]);
 * ```
 */
export type UserSigRejection = 'malformed' | 'expired' | 'identifier-mismatch' | 'sdkappid-mismatch' | 'bad-signature';

/**
 * Result of {@link verifyUserSig}: whether the UserSig would be accepted, and if not why.
 *
 * @example
 * ```ts
 * const result: UserSigVerification = await verifyUserSig({ sdkAppId, secretKey, identifier: 'alice', userSig });
 * if (!result.valid) console.log(`rejected: ${result.reason}`);
 * ```
 */
export interface UserSigVerification {
  /** Whether the UserSig is accepted. */
  valid: boolean;
  /** The first failed check; absent when `valid` is `true`. */
  reason?: UserSigRejection;
}

/**
 * What {@link verifyUserSig} checks a UserSig against: the app, its secret key, the expected
 * UserID, and the time. Bad values make it reject with {@link TimValidationError}.
 *
 * @example
 * ```ts
 * const options: VerifyUserSigOptions = { sdkAppId: 1400000000, secretKey, identifier: 'alice', userSig, now: Date.now() };
 * const { valid } = await verifyUserSig(options);
 * ```
 */
export interface VerifyUserSigOptions {
  /** SDKAppID the UserSig must be issued for. */
  sdkAppId: number;
  /** Secret key of the application. Never logged. */
  secretKey: string;
  /** UserID the UserSig must be issued for. */
  identifier: string;
  /** The UserSig to check. A malformed value is a rejection, not an exception. */
  userSig: string;
  /**
   * Current time in milliseconds since the Unix epoch, for the expiry check: a finite number, not negative.
   * @defaultValue `Date.now()`
   */
  now?: number;
}

const optionsSchema = v.object(
  {
    sdkAppId: sdkAppIdSchema,
    secretKey: secretKeySchema,
    identifier: userIdSchema,
    userSig: v.string('must be a string'),
    now: nowSchema,
  },
  objectMessage,
);

/**
 * Checks a UserSig the way the IM service would, without a request: for a backend that accepts
 * UserSigs, or to find out why the service rejects one. Checks run in this order and the first
 * failure is reported: `malformed`, `sdkappid-mismatch`, `identifier-mismatch`, `expired` (valid
 * while `floor(now / 1000) <= time + expire`), `bad-signature` (HMAC recomputed over the decoded
 * fields and compared in constant time).
 *
 * @param options - expected SDKAppID and identifier, the secret key, the UserSig and optionally the time.
 * @returns `{ valid: true }` or `{ valid: false, reason }`.
 * @throws {@link TimValidationError} when an option is invalid (the promise rejects; the message
 *   never contains the key). A malformed or wrong `userSig` is a result, not an error.
 *
 * @example
 * ```ts
 * const result = await verifyUserSig({ sdkAppId: 1400000000, secretKey, identifier: 'alice', userSig });
 * if (!result.valid) console.log(`rejected: ${result.reason}`); // for example "expired"
 * ```
 */
export async function verifyUserSig(options: VerifyUserSigOptions): Promise<UserSigVerification> {
  const { sdkAppId, secretKey, identifier, userSig, now } = parseOrThrow(optionsSchema, options, 'verifyUserSig options');
  const payload = await decodeUserSig(userSig);
  if (payload === undefined) return { valid: false, reason: 'malformed' };
  if (payload.sdkAppId !== sdkAppId) return { valid: false, reason: 'sdkappid-mismatch' };
  if (payload.identifier !== identifier) return { valid: false, reason: 'identifier-mismatch' };
  if (Math.floor(now / 1000) > payload.time + payload.expire) return { valid: false, reason: 'expired' };
  // Sign what the UserSig claims; the checks above already tied identifier and sdkappid to the expected ones.
  const expected = signUserSigContent(secretKey, userSigContent(payload));
  if (!signaturesEqual(expected, payload.sig)) return { valid: false, reason: 'bad-signature' };
  return { valid: true };
}
