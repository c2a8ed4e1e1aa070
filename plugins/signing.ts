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
  isTimApiError,
  isTimTimeoutError,
  maxTimerDelay,
  optionsObject,
  functionSchema,
  parseOrThrow,
  TimTimeoutError,
  TimValidationError,
  userSigPattern,
  type Credentials,
  type Plugin,
  type RequestContext,
  type TimApiError,
  type UserSigRenewalEvent,
} from '../src/plugin-kit.js';

export type { UserSigRenewalEvent } from '../src/plugin-kit.js';

/**
 * What the {@link signing} plugins sign with: the app, its admin, a fixed `userSig` or a
 * `getUserSig` provider (for a secret key, `userSigFromSecretKey` makes one), and how long a
 * provider is awaited. Bad values make `signing()` throw {@link timfetch!TimValidationError}.
 *
 * @example
 * ```ts
 * import { userSigFromSecretKey } from 'timfetch';
 *
 * const options: SigningOptions = {
 *   sdkAppId: 1400000000,
 *   identifier: 'administrator',
 *   getUserSig: userSigFromSecretKey({ sdkAppId: 1400000000, identifier: 'administrator', secretKey, expire: 3600 }), // renewed every 54 minutes
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
   * Longest wait for a `getUserSig` provider, in milliseconds. A provider that does not settle
   * fails the attempt with a retryable {@link TimTimeoutError}, and the next attempt asks again
   * (attempts waiting at the same time share one ask). When it times out a second time in the
   * same call, the call gives up on it: that attempt and every later one of the call, other
   * chunks included, fail at once with a {@link TimTimeoutError} that is not retryable, so a
   * provider that never answers costs a call about twice `userSigTimeout`. The next call asks again.
   * @defaultValue 10000
   */
  userSigTimeout?: number;
  /**
   * Clock in milliseconds since the epoch; inject one in tests.
   * @defaultValue Date.now
   */
  now?: () => number;
} & Exclude<Credentials, { secretKey: string }>;

const optionsSchema = v.pipe(
  optionsObject({
    sdkAppId: credentialEntries.sdkAppId,
    identifier: credentialEntries.identifier,
    userSig: credentialEntries.userSig,
    getUserSig: credentialEntries.getUserSig,
    userSigTimeout: v.optional(v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number'), v.minValue(1, 'must be at least 1 ms'), v.maxValue(maxTimerDelay, `must be at most ${maxTimerDelay} ms`))),
    now: v.optional(functionSchema<() => number>()),
  }, 'a signing option'),
  exactlyOneCredential(['userSig', 'getUserSig']),
);

// Renew after this share of a UserSig's lifetime, well before the service would reject it.
const renewAfterShare = 0.9;

interface CachedUserSig {
  readonly userSig: string;
  readonly renewAt: number;
}

/** Settles like `promise`, or rejects with a TimTimeoutError after `ms`. */
function within<T>(promise: Promise<T>, ms: number, source: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimTimeoutError(ms, { source })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * When a UserSig from elsewhere should be replaced: at 90 % of its life, or, for one already past
 * that, at its expiry (asking again at once would give the same one). Never for one that cannot
 * be read: it is kept until the service rejects it. An expired one is refused.
 */
async function renewTimeOf(userSig: string, now: number, subject: string): Promise<number> {
  const payload = await decodeUserSig(userSig);
  if (payload === undefined) return Number.POSITIVE_INFINITY;
  const expiresAt = (payload.time + payload.expire) * 1000;
  if (now >= expiresAt) throw new TimValidationError(subject, [{ path: '', reason: 'is an expired UserSig' }]);
  const renewAt = (payload.time + payload.expire * renewAfterShare) * 1000;
  return now < renewAt ? renewAt : expiresAt;
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
    const now = this.#now();
    const { getUserSig, userSigTimeout = 10_000 } = this.#options;
    const subject = getUserSig === undefined ? 'userSig option' : 'getUserSig result';
    const userSig = this.#options.userSig ?? (await within(Promise.resolve().then(getUserSig), userSigTimeout, 'getUserSig'));
    if (typeof userSig !== 'string' || !userSigPattern.test(userSig)) {
      throw new TimValidationError(subject, [{ path: '', reason: 'must be a UserSig string (only A-Z a-z 0-9 * _ -)' }]);
    }
    const loaded = { userSig, renewAt: await renewTimeOf(userSig, now, subject) };
    this.#cached = loaded;
    return loaded;
  }
}


function isSignatureRejection(error: unknown): error is TimApiError {
  return isTimApiError(error) && error.retryClass === 'renew-signature';
}

/**
 * Authenticates every request: UserSig signing, as two plugins sharing one cache:
 * - `signing` (attempt phase) sets the `usersig` query parameter on every HTTP attempt from the
 *   cache, generating or fetching a UserSig only when there is none or it nears expiry;
 * - `signing-renewal` (sub-call phase) drops the cached UserSig when the service answers
 *   70001 (expired) or 70052 (invalidated) and repeats the attempt once with a new one (not
 *   with a fixed `userSig`, which cannot be renewed).
 *
 * The client adds both to its default stack from its own options.
 *
 * @param options - the app, admin and credentials; see {@link SigningOptions}.
 * @returns `[renewal, signer]`: the `signing-renewal` plugin (phase `sub-call`) and the `signing`
 *   plugin (phase `attempt`). An attempt fails with {@link timfetch!TimValidationError} when the
 *   `userSig` or `getUserSig`'s result is not a UserSig or has expired, and with
 *   {@link TimTimeoutError} when `getUserSig` does not settle within `userSigTimeout` (not
 *   retryable once it timed out twice in the call: see `userSigTimeout`).
 * @throws {@link timfetch!TimValidationError} when an option is invalid, or not exactly one of
 *   `userSig` and `getUserSig` is given.
 *
 * @example
 * ```ts
 * import { signing } from 'timfetch/plugins/signing';
 *
 * declare function fetchSigFromBackend(): Promise<string>;
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
  // Calls (by their context object) whose renewal already failed: their other chunks fail at once
  // instead of each spending two more requests on a UserSig the service keeps rejecting.
  const failedRenewals = new WeakMap<object, TimApiError>();
  // Calls (by their context object) whose provider timed out: its first timeout (retryable), or,
  // after a second, the error that fails every later attempt of the call at once instead of each
  // waiting `userSigTimeout` again.
  const providerTimeouts = new WeakMap<object, TimTimeoutError>();
  const timedOut = (ctx: RequestContext, timeout: TimTimeoutError): TimTimeoutError => {
    const earlier = providerTimeouts.get(ctx.context);
    // Attempts that waited on one load share its error: one timeout, however many attempts.
    if (earlier === undefined || earlier === timeout) {
      providerTimeouts.set(ctx.context, timeout);
      return timeout;
    }
    if (!earlier.retryable) return earlier;
    const gaveUp = new TimTimeoutError(timeout.timeout, { endpoint: ctx.endpoint.name, source: 'getUserSig', retryable: false });
    gaveUp.message += ', twice: not asked again in this call';
    providerTimeouts.set(ctx.context, gaveUp);
    return gaveUp;
  };
  const renewal: Plugin = {
    name: 'signing-renewal',
    phase: 'sub-call',
    priority: 'low', // it repeats, like retry
    async run(ctx, next) {
      const failed = failedRenewals.get(ctx.context);
      if (failed !== undefined) throw failed;
      try {
        return await next(ctx);
      } catch (error) {
        if (!isSignatureRejection(error) || !source.renewable) throw error;
        const event: UserSigRenewalEvent = { type: 'usersig-renewal', code: error.code };
        ctx.emit(event);
        try {
          return await next(ctx); // a new attempt: a new attempt number, nonce and UserSig
        } catch (again) {
          if (isSignatureRejection(again)) failedRenewals.set(ctx.context, again);
          throw again;
        }
      }
    },
  };
  const signer: Plugin = {
    name: 'signing',
    phase: 'attempt',
    async run(ctx, next) {
      const gaveUp = providerTimeouts.get(ctx.context);
      if (gaveUp?.retryable === false) throw gaveUp;
      let userSig: string;
      try {
        userSig = await source.get(ctx.signal);
      } catch (error) {
        throw isTimTimeoutError(error) && ctx.signal?.aborted !== true ? timedOut(ctx, error) : error;
      }
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
