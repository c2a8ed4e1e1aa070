/**
 * Everything a plugin author needs, and everything the built-in plugins use: the plugin
 * contract, the error classes and their brand guards, the abort-aware wait, the batch helpers
 * that chunking and retry are built from, redaction of secrets, option validation, the UserSig
 * helpers, and what the transport measured of an attempt. The built-in plugins in
 * `timfetch/plugins/*` import nothing else from timfetch.
 *
 * A plugin sees every endpoint's body and answer untyped (`ctx.body.To_Account` is `unknown`,
 * an {@link ApiResponse} has no `InfoItem`); the batch helpers read them typed, for any batch
 * endpoint: {@link requestedAccounts}`(ctx.body, ctx.endpoint)` is the request's account list,
 * {@link answerItems}`(answer, ctx.endpoint)` the answer's per-account results (both empty for an
 * endpoint without a batch declaration), and `isOk` from `timfetch` narrows a result.
 *
 * @example
 * ```ts
 * import { isOk, type Plugin } from 'timfetch';
 * import { answerItems, requestedAccounts } from 'timfetch/plugin-kit';
 *
 * // Counts the accounts a call asked about and those that failed.
 * const batchStats: Plugin = {
 *   name: 'batch-stats',
 *   phase: 'call',
 *   async run(ctx, next) {
 *     const asked: readonly string[] = requestedAccounts(ctx.body, ctx.endpoint);
 *     const answer = await next(ctx);
 *     const failed = answerItems(answer, ctx.endpoint).filter((item) => !isOk(item));
 *     console.log(`${ctx.endpoint.name}: ${failed.length} of ${asked.length} accounts failed`);
 *     return answer;
 *   },
 * };
 * ```
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
export { abortable } from './util/abort.js';
export {
  accountOf,
  alignAnswer,
  chunkAccounts,
  distinctAccounts,
  answerItems,
  batchShape,
  failureItem,
  isRetryableItem,
  requestedAccountCount,
  requestedAccounts,
  withAccounts,
  withItems,
  type BatchItem,
  type BatchShape,
} from './endpoints/batch.js';
export { isStreamedList } from './endpoints/streamed-list.js';
export { entryReader, type EntryReader } from './endpoints/entry-reader.js';
export { credentialEntries, exactlyOneCredential, userSigPattern, type Credentials, type UserSigProvider } from './client/credentials.js';
export { delay, maxTimerDelay } from './util/delay.js';
export { timeSlices } from './util/time-slices.js';
export type { AnyEndpoint, Reconciliation } from './endpoints/define-endpoint.js';
export { describeErrorCode, isRetryableCode, unknownOutcomeCode, type ErrorCodeInfo, type RetryClass } from './errors/error-codes.js';
export * from './errors/index.js';
export { mayHaveApplied } from './errors/may-have-applied.js';
export { limiterStoreSchema, type LimiterStore, type SlotGrant, type SlotRequest } from './rate-limit/limiter-store.js';
export { memoryStore, type MemoryStoreOptions } from './rate-limit/memory-store.js';
export type * from './pipeline/events.js';
export * from './pipeline/plugin.js';
export { redactSecrets, secretRedactor } from './util/redact.js';
export { transportInfo, type TransportInfo } from './transport/transport-info.js';
export { decodeUserSig, genUserSig, userSigFromSecretKey, type GenUserSigOptions, type UserSigPayload } from './usersig/index.js';
export { expireSchema } from './usersig/option-schemas.js';
export { functionSchema, isPlainObject, objectMessage, optionsObject, parseOrThrow, toValidationIssues } from './util/validate.js';
export { version } from './util/version.js';
