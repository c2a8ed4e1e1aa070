import * as v from 'valibot';
import { userIdSchema } from '../endpoints/user-id.js';
import { functionSchema } from '../util/validate.js';
import { sdkAppIdSchema, secretKeySchema } from '../usersig/option-schemas.js';

/**
 * Supplies a UserSig for the app admin; called again when the cached one nears expiry or is
 * rejected. Its result must be a UserSig string, or the call fails with {@link TimValidationError}.
 *
 * @example
 * ```ts
 * const getUserSig: UserSigProvider = async () => {
 *   const response = await fetch('/api/im-usersig', { credentials: 'include' });
 *   return response.text();
 * };
 * const tim = createClient({ sdkAppId: 1400000000, identifier: 'administrator', getUserSig });
 * ```
 */
export type UserSigProvider = () => string | Promise<string>;

/**
 * How requests are signed: exactly one of
 * - `secretKey`: the app's key; timfetch generates UserSigs itself (server-side tools);
 * - `userSig`: a ready UserSig, used as is until it expires;
 * - `getUserSig`: an async provider (for browsers: fetch one from your backend), cached and
 *   called again before the UserSig it returned expires or when the service rejects it.
 *
 * @example
 * ```ts
 * const credentials: Credentials = typeof window === 'undefined'
 *   ? { secretKey: process.env.TIM_SECRET_KEY! }
 *   : { getUserSig: () => fetch('/api/im-usersig').then((r) => r.text()) };
 * const tim = createClient({ sdkAppId: 1400000000, identifier: 'administrator', ...credentials });
 * ```
 */
export type Credentials =
  | { secretKey: string; userSig?: never; getUserSig?: never }
  | { userSig: string; secretKey?: never; getUserSig?: never }
  | { getUserSig: UserSigProvider; secretKey?: never; userSig?: never };

/**
 * The characters a UserSig is made of.
 *
 * @example
 * ```ts
 * declare function getUserSig(): Promise<string>;
 *
 * if (!userSigPattern.test(await getUserSig())) throw new TimValidationError('getUserSig result', [{ path: '', reason: 'not a UserSig' }]);
 * ```
 */
export const userSigPattern = /^[A-Za-z0-9*_-]+$/;

/**
 * Validation entries (valibot) for the app and credential options, `sdkAppId`, `identifier` and
 * one of `secretKey` / `userSig` / `getUserSig`; messages never quote the values.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * const schema = v.pipe(v.object({ ...credentialEntries, label: v.optional(v.string('must be a string')) }, objectMessage), exactlyOneCredential());
 * ```
 */
export const credentialEntries = {
  sdkAppId: sdkAppIdSchema,
  identifier: userIdSchema,
  secretKey: v.optional(secretKeySchema),
  userSig: v.optional(v.pipe(v.string('must be a string'), v.regex(userSigPattern, 'must be a UserSig (only A-Z a-z 0-9 * _ -)'))),
  getUserSig: v.optional(functionSchema<UserSigProvider>()),
};

/**
 * A valibot check that rejects options giving none or several of `kinds` (by default
 * `secretKey`, `userSig` and `getUserSig`).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * const schema = v.pipe(v.object(credentialEntries, objectMessage), exactlyOneCredential());
 * const parseCredentials = (options: unknown) => parseOrThrow(schema, options, 'my plugin options');
 * ```
 */
export function exactlyOneCredential<T extends { secretKey?: unknown; userSig?: unknown; getUserSig?: unknown }>(
  kinds: readonly ('secretKey' | 'userSig' | 'getUserSig')[] = ['secretKey', 'userSig', 'getUserSig'],
) {
  const names = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}` : String(kinds[0]);
  return v.check<T, string>((options) => kinds.filter((kind) => options[kind] !== undefined).length === 1, `give exactly one of ${names}`);
}
