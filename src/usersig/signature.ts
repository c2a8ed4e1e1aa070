/** The HMAC part of a UserSig: the exact text that is signed and the `TLS.sig` value. */
import { bytesToBase64 } from './base64.js';
import { hmacSha256, hmacSha256Key } from './sha256.js';

/** The fields that the signature covers. */
export interface SignedFields {
  /** UserID the UserSig is issued for. */
  readonly identifier: string;
  /** SDKAppID of the IM application. */
  readonly sdkAppId: number;
  /** Issue time in seconds since the Unix epoch. */
  readonly time: number;
  /** Validity in seconds, counted from `time`. */
  readonly expire: number;
}

/**
 * Builds the text that `TLS.sig` signs. Every line ends in `\n`, the last one too, exactly as
 * the official generators build it; any deviation changes the HMAC.
 *
 * @param fields - identifier, SDKAppID, issue time and validity.
 * @returns the content string.
 */
export function userSigContent(fields: SignedFields): string {
  return (
    `TLS.identifier:${fields.identifier}\n` +
    `TLS.sdkappid:${fields.sdkAppId}\n` +
    `TLS.time:${fields.time}\n` +
    `TLS.expire:${fields.expire}\n`
  );
}

/**
 * Computes `TLS.sig`: standard base64 of HMAC-SHA256 with the UTF-8 bytes of the secret key as the
 * key and the UTF-8 bytes of `content` as the message. Synchronous: a WebCrypto promise round trip
 * cost more than the rest of a UserSig put together.
 *
 * @param secretKey - the application's secret key.
 * @param content - the string from {@link userSigContent}.
 * @returns the 44-character base64 signature.
 */
export function signUserSigContent(secretKey: string, content: string): string {
  return bytesToBase64(hmacSha256(hmacKey(secretKey), content));
}

// Preparing a key costs two SHA-256 blocks: keep the last few, one preparation per secret.
const preparedKeys = new Map<string, Int32Array>();
const maxPreparedKeys = 8;

function hmacKey(secretKey: string): Int32Array {
  let key = preparedKeys.get(secretKey);
  if (key === undefined) {
    if (preparedKeys.size >= maxPreparedKeys) preparedKeys.delete(preparedKeys.keys().next().value as string);
    key = hmacSha256Key(secretKey);
    preparedKeys.set(secretKey, key);
  }
  return key;
}

/**
 * Compares two signatures without stopping at the first difference, so the time taken does not
 * reveal how long a matching prefix a forged signature has. ("Constant time" as far as a
 * JavaScript engine allows.)
 *
 * @param expected - the recomputed signature.
 * @param actual - the signature found in the UserSig.
 * @returns whether both strings are identical.
 */
export function signaturesEqual(expected: string, actual: string): boolean {
  let difference = expected.length ^ actual.length;
  for (let index = 0; index < expected.length; index++) {
    // Out-of-range reads give NaN → 0; the length check above already records the mismatch.
    difference |= expected.charCodeAt(index) ^ actual.charCodeAt(index);
  }
  return difference === 0;
}
