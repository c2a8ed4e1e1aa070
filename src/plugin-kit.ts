/**
 * Everything a plugin author needs, and everything the built-in plugins use: the plugin
 * contract, the error classes and their brand guards, the abort-aware wait, the batch helpers
 * that chunking and retry are built from, redaction of secrets, option validation, the UserSig
 * helpers, and what the transport measured of an attempt. The built-in plugins in
 * `timfetch/plugins/*` import nothing else from timfetch.
 *
 * @example
 * ```ts
 * import type { Plugin } from 'timfetch';
 * import { delay, isTimApiError } from 'timfetch/plugin-kit';
 *
 * // Waits a second and repeats once when the service is busy.
 * const patience: Plugin = {
 *   name: 'patience',
 *   phase: 'sub-call',
 *   async run(ctx, next) {
 *     try {
 *       return await next(ctx);
 *     } catch (error) {
 *       if (!isTimApiError(error) || error.code !== 30006) throw error;
 *       await delay(1000, ctx.signal);
 *       return next(ctx);
 *     }
 *   },
 * };
 * ```
 *
 * @module timfetch/plugin-kit
 */
export { abortable } from './abort.js';
export {
  accountOf,
  alignAnswer,
  chunkAccounts,
  distinctAccounts,
  answerItems,
  batchShape,
  failureItem,
  isRetryableItem,
  requestedAccounts,
  withItems,
  type BatchItem,
  type BatchShape,
} from './batch.js';
export { credentialEntries, exactlyOneCredential, userSigPattern, type Credentials, type UserSigProvider } from './credentials.js';
export { delay, maxTimerDelay } from './delay.js';
export type { AnyEndpoint } from './endpoint.js';
export { describeErrorCode, isRetryableCode, type ErrorCodeInfo, type RetryClass } from './error-codes.js';
export * from './errors/index.js';
export { limiterStoreSchema, type LimiterStore, type SlotGrant, type SlotRequest } from './limiter-store.js';
export * from './pipeline/plugin.js';
export { redactSecrets, secretRedactor } from './redact.js';
export { transportInfo, type TransportInfo } from './transport-info.js';
export { decodeUserSig, genUserSig, type GenUserSigOptions, type UserSigPayload } from './usersig/index.js';
export { expireSchema } from './usersig/option-schemas.js';
export { functionSchema, isPlainObject, objectMessage, optionsObject, parseOrThrow, toValidationIssues } from './validate.js';
