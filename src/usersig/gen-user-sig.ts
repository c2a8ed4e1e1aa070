/** Generating a UserSig (TLSSigAPIv2 format) with platform APIs only. */
import * as v from 'valibot';
import { userIdSchema } from '../user-id.js';
import { objectMessage, parseOrThrow } from '../validate.js';
import { bytesToBase64, toUserSigBase64 } from './base64.js';
import { deflate } from './deflate.js';
import {
  defaultUserSigExpire,
  expireSchema,
  nowSchema,
  sdkAppIdSchema,
  secretKeySchema,
} from './option-schemas.js';
import { signUserSigContent, userSigContent } from './signature.js';

/**
 * Options of {@link genUserSig}.
 *
 * @example
 * ```ts
 * const options: GenUserSigOptions = { sdkAppId: 1400000000, secretKey, identifier: 'administrator', expire: 3600 };
 * const userSig = await genUserSig(options);
 * ```
 */
export interface GenUserSigOptions {
  /** SDKAppID of the IM application: a positive integer. */
  sdkAppId: number;
  /** Secret key of the application (IM console → Application → Basic config). Never logged. */
  secretKey: string;
  /** UserID to issue the UserSig for: non-empty, at most 32 bytes in UTF-8. */
  identifier: string;
  /** Validity in seconds; defaults to 15552000 (180 days) like the official generators. */
  expire?: number;
  /** Issue time in milliseconds since the Unix epoch; defaults to `Date.now()`. Meant for tests. */
  now?: number;
}

const optionsSchema = v.object(
  {
    sdkAppId: sdkAppIdSchema,
    secretKey: secretKeySchema,
    identifier: userIdSchema,
    expire: v.optional(expireSchema, defaultUserSigExpire),
    now: nowSchema,
  },
  objectMessage,
);

/**
 * Generates a UserSig, the credential that authenticates an IM identifier (for REST calls, the
 * administrator account). Byte-for-byte the JSON of the official TLSSigAPIv2 generators; the final
 * string may still differ from theirs because deflate implementations choose different encodings.
 *
 * Works in browsers, Node, Bun and Deno (WebCrypto + CompressionStream). Generating a UserSig in
 * client-side code exposes the secret key: do it on a server in production.
 *
 * @param options - SDKAppID, secret key, identifier and optionally validity and issue time.
 * @returns the UserSig, made only of `[A-Za-z0-9*_-]`.
 * @throws {@link TimValidationError} when an option is invalid (the message never contains the key).
 *
 * @example
 * ```ts
 * const userSig = await genUserSig({
 *   sdkAppId: 1400000000,
 *   secretKey: process.env.TIM_SECRET_KEY!,
 *   identifier: 'administrator',
 *   expire: 86400, // one day
 * });
 * ```
 */
export async function genUserSig(options: GenUserSigOptions): Promise<string> {
  const { sdkAppId, secretKey, identifier, expire, now } = parseOrThrow(optionsSchema, options, 'genUserSig options');
  const time = Math.floor(now / 1000);
  const sig = await signUserSigContent(secretKey, userSigContent({ identifier, sdkAppId, time, expire }));
  // Insertion order is JSON order; this is the key order every official generator writes.
  const document = {
    'TLS.ver': '2.0',
    'TLS.identifier': identifier,
    'TLS.sdkappid': sdkAppId,
    'TLS.time': time,
    'TLS.expire': expire,
    'TLS.sig': sig,
  };
  const compressed = deflate(new TextEncoder().encode(JSON.stringify(document)));
  return toUserSigBase64(bytesToBase64(compressed));
}
