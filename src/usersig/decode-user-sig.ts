/** Reading a UserSig back into its fields, without checking the signature. */
import * as v from 'valibot';
import { base64ToBytes, fromUserSigBase64 } from './base64.js';
import { inflate } from './deflate.js';

/**
 * The fields inside a UserSig, as {@link decodeUserSig} reads them (without checking the
 * signature): whom it is for, which app, and when it was issued and expires.
 *
 * @example
 * ```ts
 * const payload: UserSigPayload | undefined = await decodeUserSig(userSig);
 * const expiresAt = payload && new Date((payload.time + payload.expire) * 1000);
 * ```
 */
export interface UserSigPayload {
  /** `TLS.ver`, `"2.0"` for TLSSigAPIv2. */
  version: string;
  /** `TLS.identifier`: the UserID the UserSig was issued for. */
  identifier: string;
  /** `TLS.sdkappid`: SDKAppID of the application. */
  sdkAppId: number;
  /** `TLS.time`: issue time in seconds since the Unix epoch. */
  time: number;
  /** `TLS.expire`: validity in seconds, counted from `time`. */
  expire: number;
  /** `TLS.sig`: standard base64 of the HMAC-SHA256 signature. */
  sig: string;
}

/** The UserSig alphabet: base64 with `*`, `-`, `_` in place of `+`, `/`, `=`. */
const userSigPattern = /^[A-Za-z0-9*_-]+$/;

/**
 * The real JSON is about 200 bytes; anything far larger is not a UserSig, and the cap stops a
 * small "deflate bomb" from allocating gigabytes in a verifier.
 */
const maxJsonBytes = 16 * 1024;

// Integers as the generators write them; `TLS.userbuf` (PrivateMapKey) and other keys are ignored.
const integerSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const documentSchema = v.object({
  'TLS.ver': v.string(),
  'TLS.identifier': v.string(),
  'TLS.sdkappid': integerSchema,
  'TLS.time': integerSchema,
  'TLS.expire': integerSchema,
  'TLS.sig': v.string(),
});

/** Reverses the UserSig encoding: alphabet, base64, zlib, UTF-8, JSON. Throws on any failure. */
async function decodeDocument(userSig: string): Promise<unknown> {
  if (!userSigPattern.test(userSig)) throw new SyntaxError('not in the UserSig alphabet');
  const json = await inflate(base64ToBytes(fromUserSigBase64(userSig)), maxJsonBytes);
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
}

/**
 * Reads a UserSig's fields, to learn when it expires or whom and which app it is for. Does not
 * verify the signature or the expiry: use {@link verifyUserSig} for that.
 *
 * @param userSig - a UserSig from {@link genUserSig} or any official generator.
 * @returns the fields, or `undefined` when `userSig` cannot be parsed (characters outside
 *   `[A-Za-z0-9*_-]`, bad base64, bad zlib data, not JSON, a field missing or of the wrong type).
 *   Never throws for malformed input.
 *
 * @example
 * ```ts
 * const payload = await decodeUserSig(userSig);
 * if (payload) console.log(payload.identifier, new Date((payload.time + payload.expire) * 1000));
 * ```
 */
export async function decodeUserSig(userSig: string): Promise<UserSigPayload | undefined> {
  let document: unknown;
  try {
    document = await decodeDocument(userSig);
  } catch {
    // Every decoding failure means the same thing to the caller: this is not a UserSig.
    return undefined;
  }
  const result = v.safeParse(documentSchema, document);
  if (!result.success) return undefined;
  const fields = result.output;
  return {
    version: fields['TLS.ver'],
    identifier: fields['TLS.identifier'],
    sdkAppId: fields['TLS.sdkappid'],
    time: fields['TLS.time'],
    expire: fields['TLS.expire'],
    sig: fields['TLS.sig'],
  };
}
