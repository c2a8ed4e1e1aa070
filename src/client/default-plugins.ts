import { chunking, type ChunkingOptions } from '../../plugins/chunking.js';
import { nonce } from '../../plugins/nonce.js';
import { rateLimit, type RateLimitOptions } from '../../plugins/rate-limit.js';
import { retry, type RetryOptions } from '../../plugins/retry.js';
import { signing, type SigningOptions } from '../../plugins/signing.js';
import type { UserSigProvider } from './credentials.js';
import { writeSafety } from '../../plugins/write-safety.js';
import { TimValidationError } from '../errors/tim-validation-error.js';
import type { Plugin } from '../pipeline/plugin.js';
import { checkPluginShape } from '../pipeline/resolve-order.js';
import { validation } from '../pipeline/validation.js';

/** The options that shape a client's stack of plugins. */
export interface StackOptions {
  readonly chunking?: ChunkingOptions | false | undefined;
  readonly retry?: RetryOptions | false | undefined;
  readonly rateLimit?: RateLimitOptions | false | undefined;
  readonly plugins?: readonly Plugin[] | ((defaults: readonly Plugin[]) => readonly Plugin[]) | undefined;
}

/** What the signing plugin takes of a client's options: the app, and its one credential. */
export interface SigningSource {
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly userSigTimeout?: number | undefined;
  readonly userSig?: string | undefined;
  readonly getUserSig?: UserSigProvider | undefined;
}

/** The signing plugin's options from a client's (checked) options. */
export function signingOptionsOf({ sdkAppId, identifier, userSigTimeout, userSig, getUserSig }: SigningSource): SigningOptions {
  const base = { sdkAppId, identifier, ...(userSigTimeout === undefined ? {} : { userSigTimeout }) };
  return userSig !== undefined ? { ...base, userSig } : { ...base, getUserSig: getUserSig as UserSigProvider };
}

/**
 * The default plugins (and `outermost` ones before them), then the caller's `plugins`: placed
 * by their phase among the defaults, or, given as a function, the whole stack it returns.
 */
export function stackOf(options: StackOptions, signingOptions: SigningOptions, outermost: readonly Plugin[] = []): Plugin[] {
  const [renewal, signer] = signing(signingOptions);
  const [reconcile, writeLock] = writeSafety();
  const defaults = [
    ...outermost,
    validation(),
    ...(options.chunking === false ? [] : [chunking(options.chunking)]),
    reconcile,
    ...(options.retry === false ? [] : [retry(options.retry)]),
    renewal,
    writeLock,
    ...(options.rateLimit === false ? [] : [rateLimit(options.rateLimit)]),
    nonce(),
    signer,
  ];
  const { plugins } = options;
  if (typeof plugins !== 'function') {
    // Checked here, where a malformed one is named by its place in the caller's own list, not
    // after the defaults before it.
    plugins?.forEach(checkPluginShape);
    return [...defaults, ...(plugins ?? [])];
  }
  const chosen: unknown = plugins(Object.freeze([...defaults]));
  if (!Array.isArray(chosen)) {
    throw new TimValidationError('client options', [{ path: 'plugins', reason: 'the function must return a list of plugins' }]);
  }
  return chosen as Plugin[];
}
