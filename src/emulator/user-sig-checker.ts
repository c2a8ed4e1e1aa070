/** UserSig verification for the emulator, with the accepted ones remembered. */
import { decodeUserSig } from '../usersig/decode-user-sig.js';
import { verifyUserSig, type UserSigRejection } from '../usersig/verify-user-sig.js';

/** How many accepted UserSigs are remembered; the cache starts over when it is full. */
const maxRemembered = 1024;

/**
 * Checks a UserSig for an identifier and resolves to the rejection reason, or `undefined` when
 * it is accepted.
 */
export type UserSigChecker = (identifier: string, userSig: string) => Promise<UserSigRejection | undefined>;

/**
 * A checker that verifies like the service (see verifyUserSig) and remembers each accepted
 * UserSig with its expiry: a client reuses its UserSig for hours, so from the second request on
 * only the expiry is checked, instead of inflating and hashing again (about 1 ms each).
 */
export function createUserSigChecker(app: { readonly sdkAppId: number; readonly secretKey: string; readonly now: () => number }): UserSigChecker {
  // identifier + '\n' + UserSig → the last second it is valid (time + expire).
  const accepted = new Map<string, number>();
  return async (identifier, userSig) => {
    const key = `${identifier}\n${userSig}`;
    const now = app.now();
    const validUntil = accepted.get(key);
    if (validUntil !== undefined) return Math.floor(now / 1000) > validUntil ? 'expired' : undefined;
    const { reason } = await verifyUserSig({ sdkAppId: app.sdkAppId, secretKey: app.secretKey, identifier, userSig, now });
    if (reason !== undefined) return reason;
    const payload = await decodeUserSig(userSig);
    if (payload !== undefined) {
      if (accepted.size >= maxRemembered) accepted.clear();
      accepted.set(key, payload.time + payload.expire);
    }
    return undefined;
  };
}
