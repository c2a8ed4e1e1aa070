/**
 * The {@link signing} plugins: UserSig signing of every HTTP attempt and one renewal when the
 * service rejects an expired or invalidated UserSig. The client builds them from its own
 * credential options; import them to rebuild or reposition them in a custom stack.
 *
 * @module timfetch/plugins/signing
 */
import * as v from 'valibot';
import {
  abortable,
  credentialEntries,
  decodeUserSig,
  exactlyOneCredential,
  expireSchema,
  genUserSig,
  isTimApiError,
  objectMessage,
  parseOrThrow,
  TimValidationError,
  userSigPattern,
  type Credentials,
  type Plugin,
  type TimApiError,
} from '../src/plugin-kit.js';

/**
 * Options of the {@link signing} plugins: the app, its admin, and one kind of credentials.
 *
 * @example
 * ```ts
 * const options: SigningOptions = {
 *   sdkAppId: 1400000000,
 *   identifier: 'administrator',
 *   secretKey,
 *   expire: 3600, // renew every 54 minutes
 * };
 * const [renewal, signer] = signing(options);
 * ```
 */
export type SigningOptions = {
  /** The app's SDKAppID. */
  sdkAppId: number;
  /** The app admin the UserSig is for. */
  identifier: string;
  /**
   * Lifetime of the UserSigs generated from `secretKey`, in seconds. They are renewed once 90 %
   * of it has passed, never generated per request.
   * @default 86400 (one day)
   */
  expire?: number;
  /**
   * Clock in milliseconds since the epoch; inject one in tests.
   * @default Date.now
   */
  now?: () => number;
} & Credentials;

const optionsSchema = v.pipe(
  v.object({
    ...credentialEntries,
    expire: v.optional(expireSchema),
    now: v.optional(v.custom<() => number>((f) => typeof f === 'function', 'must be a function')),
  }, objectMessage),
  exactlyOneCredential(),
);

// Renew after this share of a UserSig's lifetime, well before the service would reject it.
const renewAfterShare = 0.9;

interface CachedUserSig {
  readonly userSig: string;
  readonly renewAt: number;
}

/**
 * The UserSig cache of one client: loads lazily, shares one load between concurrent callers,
 * renews before expiry, and can be told that the current UserSig was rejected.
 */
class UserSigSource {
  readonly #options: SigningOptions;
  readonly #now: () => number;
  #cached: CachedUserSig | undefined;
  #loading: Promise<CachedUserSig> | undefined;

  constructor(options: SigningOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Whether a rejected UserSig can be replaced by another one (not for a fixed `userSig`). */
  get renewable(): boolean {
    return this.#options.userSig === undefined;
  }

  get(signal: AbortSignal | undefined): Promise<string> {
    const cached = this.#cached;
    if (cached !== undefined && this.#now() < cached.renewAt) return Promise.resolve(cached.userSig);
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    return abortable(this.#loading, signal).then((loaded) => loaded.userSig);
  }

  /** Drops `userSig` from the cache after the service rejected it, unless it was already replaced. */
  reject(userSig: string): void {
    if (this.#cached?.userSig === userSig) this.#cached = undefined;
  }

  async #load(): Promise<CachedUserSig> {
    const { sdkAppId, identifier } = this.#options;
    const now = this.#now();
    let loaded: CachedUserSig;
    if (this.#options.secretKey !== undefined) {
      const expire = this.#options.expire ?? 86_400;
      const userSig = await genUserSig({ sdkAppId, identifier, secretKey: this.#options.secretKey, expire, now });
      loaded = { userSig, renewAt: now + expire * 1000 * renewAfterShare };
    } else {
      const userSig = this.#options.userSig ?? (await this.#options.getUserSig());
      if (typeof userSig !== 'string' || !userSigPattern.test(userSig)) {
        throw new TimValidationError('getUserSig result', [{ path: '', reason: 'must be a UserSig string (only A-Z a-z 0-9 * _ -)' }]);
      }
      loaded = { userSig, renewAt: await renewTimeOf(userSig) };
    }
    this.#cached = loaded;
    return loaded;
  }
}

// A UserSig from elsewhere is renewed by its own expiry when it can be read; otherwise it is kept
// until the service rejects it.
async function renewTimeOf(userSig: string): Promise<number> {
  const payload = await decodeUserSig(userSig);
  if (payload === undefined) return Number.POSITIVE_INFINITY;
  return (payload.time + payload.expire * renewAfterShare) * 1000;
}

function isSignatureRejection(error: unknown): error is TimApiError {
  return isTimApiError(error) && error.retryClass === 'renew-signature';
}

/**
 * The event the `signing-renewal` plugin emits when the service rejected the UserSig and the
 * attempt is repeated with a new one.
 *
 * @example
 * ```ts
 * const onEvent = (event: PipelineEvent) => {
 *   if (event.type === 'usersig-renewal') console.info('UserSig renewed after', (event as UserSigRenewalEvent).code);
 * };
 * ```
 */
export interface UserSigRenewalEvent {
  /** Always `usersig-renewal`. */
  readonly type: 'usersig-renewal';
  /** The service's answer: 70001 (expired) or 70052 (invalidated). */
  readonly code: number;
}

/**
 * UserSig signing, as two plugins sharing one cache:
 * - `signing` (attempt phase) sets the `usersig` query parameter on every HTTP attempt from the
 *   cache, generating or fetching a UserSig only when there is none or it nears expiry;
 * - `signing-renewal` (sub-call phase) drops the cached UserSig when the service answers
 *   70001 (expired) or 70052 (invalidated) and repeats the attempt once with a new one (not
 *   with a fixed `userSig`, which cannot be renewed).
 *
 * The client adds both to its default stack from its own options.
 *
 * @example
 * ```ts
 * import { signing } from 'timfetch/plugins/signing';
 *
 * const [renewal, signer] = signing({ sdkAppId: 1400000000, identifier: 'administrator', getUserSig: fetchSigFromBackend });
 * const tim = createClient({
 *   sdkAppId: 1400000000, identifier: 'administrator', getUserSig: fetchSigFromBackend,
 *   plugins: [{ ...signer, replaces: 'signing' }, { ...renewal, replaces: 'signing-renewal' }],
 * });
 * ```
 */
export function signing(options: SigningOptions): readonly [renewal: Plugin, signer: Plugin] {
  parseOrThrow(optionsSchema, options, 'signing options');
  const source = new UserSigSource(options);
  const renewal: Plugin = {
    name: 'signing-renewal',
    phase: 'sub-call',
    priority: 'low', // it repeats, like retry
    async run(ctx, next) {
      try {
        return await next(ctx);
      } catch (error) {
        if (!isSignatureRejection(error) || !source.renewable) throw error;
        const event: UserSigRenewalEvent = { type: 'usersig-renewal', code: error.code };
        ctx.emit(event);
        return next(ctx); // a new attempt: a new attempt number, nonce and UserSig
      }
    },
  };
  const signer: Plugin = {
    name: 'signing',
    phase: 'attempt',
    async run(ctx, next) {
      const userSig = await source.get(ctx.signal);
      try {
        return await next({ ...ctx, query: { ...ctx.query, usersig: userSig } });
      } catch (error) {
        // The signer knows which UserSig this attempt used: drop exactly that one.
        if (isSignatureRejection(error)) source.reject(userSig);
        throw error;
      }
    },
  };
  return [renewal, signer];
}
