/** Generating a UserSig (TLSSigAPIv2 format), synchronously inside and the same code in every runtime. */
import * as v from 'valibot';
import { isUserId, userIdSchema } from '../endpoints/user-id.js';
import { objectMessage, parseOrThrow } from '../util/validate.js';
import { bytesToUserSigBase64 } from './base64.js';
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
 * What {@link genUserSig} signs: the app, its secret key, the UserID, and the UserSig's validity.
 * Bad values make it reject with {@link TimValidationError}.
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
  /**
   * Validity in seconds, counted from the issue time: a positive integer.
   * @defaultValue 15552000 (180 days, like the official generators)
   */
  expire?: number;
  /**
   * Issue time in milliseconds since the Unix epoch: a finite number, not negative. Meant for tests.
   * @defaultValue `Date.now()`
   */
  now?: number;
}

/** The options genUserSig accepts; its fast path must agree with it (test/unit/usersig.test.ts). */
export const genUserSigOptionsSchema = v.object(
  {
    sdkAppId: sdkAppIdSchema,
    secretKey: secretKeySchema,
    identifier: userIdSchema,
    expire: v.optional(expireSchema, defaultUserSigExpire),
    now: nowSchema,
  },
  objectMessage,
);

const encoder = new TextEncoder();

type ParsedOptions = v.InferOutput<typeof genUserSigOptionsSchema>;

const positiveInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/**
 * `genUserSigOptionsSchema` by hand for the common case, valid options: the same reads in the same order
 * (`key in options`, then `options[key]`, as `v.object` does) and the same checks, several times
 * faster. `undefined` means "let valibot decide", so every error, message and path stays valibot's.
 */
function validOptions(options: unknown): ParsedOptions | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  const read = (key: keyof GenUserSigOptions): unknown => (key in options ? (options as Record<string, unknown>)[key] : undefined);
  const sdkAppId = read('sdkAppId');
  const secretKey = read('secretKey');
  const identifier = read('identifier');
  // Defaults replace `undefined` only: valibot refuses a null expire or now, so the fast path must too.
  let expire = read('expire');
  if (expire === undefined) expire = defaultUserSigExpire;
  let now = read('now');
  if (now === undefined) now = Date.now();
  if (!positiveInteger(sdkAppId) || !positiveInteger(expire) || typeof secretKey !== 'string' || secretKey === '') return undefined;
  if (typeof now !== 'number' || !Number.isFinite(now) || now < 0) return undefined;
  if (typeof identifier !== 'string' || !isUserId(identifier)) return undefined;
  return { sdkAppId, secretKey, identifier, expire, now };
}

/**
 * Issues a UserSig on your server, for a backend that serves UserSigs to browsers or a tool
 * that signs its own requests. A UserSig is the credential that authenticates an IM identifier (for REST calls, the
 * administrator account). Byte-for-byte the JSON of the official TLSSigAPIv2 generators; the final
 * string may still differ from theirs because deflate implementations choose different encodings.
 *
 * Works in browsers, Node, Bun and Deno: plain TypeScript (SHA-256, stored zlib blocks), no platform
 * crypto. Generating a UserSig in client-side code exposes the secret key: do it on a server in production.
 *
 * @param options - SDKAppID, secret key, identifier and optionally validity and issue time.
 * @returns the UserSig, made only of `[A-Za-z0-9*_-]`.
 * @throws {@link TimValidationError} when an option is invalid (the promise rejects; the message
 *   never contains the key).
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
  let parsed: ParsedOptions | undefined;
  try {
    parsed = validOptions(options);
  } catch {
    // A getter or a Proxy threw: valibot reads again and reports it as parseOrThrow does.
  }
  const { sdkAppId, secretKey, identifier, expire, now } = parsed ?? parseOrThrow(genUserSigOptionsSchema, options, 'genUserSig options');
  const time = Math.floor(now / 1000);
  const sig = signUserSigContent(secretKey, userSigContent({ identifier, sdkAppId, time, expire }));
  // Insertion order is JSON order; this is the key order every official generator writes.
  const document = {
    'TLS.ver': '2.0',
    'TLS.identifier': identifier,
    'TLS.sdkappid': sdkAppId,
    'TLS.time': time,
    'TLS.expire': expire,
    'TLS.sig': sig,
  };
  return bytesToUserSigBase64(deflate(encoder.encode(JSON.stringify(document))));
}

/**
 * A `getUserSig` provider that generates each UserSig it is asked for from the app's secret key,
 * valid for `expire` seconds: what a client given a `secretKey` signs with. The signing plugin
 * caches what it gets and asks again once 90 % of its life has passed, so this generates about
 * once per `expire`, never per request. For a server that holds the key; a browser must not.
 *
 * @param options - the app, the admin, the secret key, the lifetime, and `now`: a clock in
 *   milliseconds for tests (each UserSig is issued when it is asked for).
 * @returns the provider, to give as `getUserSig` (to `createCoreClient`, or to `signing`).
 * @throws {@link TimValidationError} when an option is invalid (checked at once; the message never
 *   contains the key).
 *
 * @example
 * ```ts
 * import { userSigFromSecretKey } from 'timfetch';
 * import { createCoreClient } from 'timfetch/core';
 *
 * const tim = createCoreClient({
 *   sdkAppId: 1400000000,
 *   identifier: 'administrator',
 *   getUserSig: userSigFromSecretKey({ sdkAppId: 1400000000, identifier: 'administrator', secretKey: process.env.TIM_SECRET_KEY!, expire: 86_400 }),
 * });
 * ```
 */
export function userSigFromSecretKey(options: Omit<GenUserSigOptions, 'now'> & { readonly now?: (() => number) | undefined }): () => Promise<string> {
  const { now = Date.now, ...generate } = options;
  parseOrThrow(genUserSigOptionsSchema, generate, 'userSigFromSecretKey options');
  return () => genUserSig({ ...generate, now: now() });
}
