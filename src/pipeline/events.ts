/**
 * What plugins report about their work (a finished chunk, a retry, a wait, a renewal, a
 * reconciliation), for the plugins outside them and the caller: one union, {@link PipelineEvent},
 * that emitters and listeners share, so that a listener narrows by `type` without casts.
 */

/**
 * How far a batch call has come, for progress bars and logs: reported to the call option
 * `onProgress` each time a chunk finishes. Accounts count once each (duplicates collapsed);
 * `completed` includes `failed`.
 *
 * @example
 * ```ts
 * await tim.friendCheck(body, {
 *   onProgress: ({ completedAccounts, totalAccounts }) => console.log(`${completedAccounts}/${totalAccounts}`),
 * });
 * ```
 */
export interface BatchProgress {
  /** Accounts with a final result, successful or not. */
  readonly completedAccounts: number;
  /** Accounts whose final result is a failure (non-zero `ResultCode`). */
  readonly failedAccounts: number;
  /** Distinct accounts in the call; for a streamed list, the accounts read from it so far. */
  readonly totalAccounts: number;
  /** Chunks that finished, answered or failed. */
  readonly completedChunks: number;
  /** Chunks that failed as a whole after their retries. */
  readonly failedChunks: number;
  /** Chunks the call was split into; for a streamed list, the chunks read from it so far. */
  readonly totalChunks: number;
}

/**
 * The event the `chunking` plugin emits each time a chunk finishes, for plugins that
 * follow a call's progress; the client hands its `progress` to the call option `onProgress`.
 *
 * @example
 * ```ts
 * const progressLog: Plugin = {
 *   name: 'progress-log',
 *   phase: 'call',
 *   run: (ctx, next) =>
 *     next({
 *       ...ctx,
 *       emit(event) {
 *         if (event.type === 'progress') console.log(event.progress.completedChunks);
 *         ctx.emit(event);
 *       },
 *     }),
 * };
 * ```
 */
export interface BatchProgressEvent {
  /** Always `progress`. */
  readonly type: 'progress';
  /** Where the call stands. */
  readonly progress: BatchProgress;
}

/**
 * The event the `retry` plugin emits before it waits to repeat a request, so that logs
 * and metrics can count retries and their causes.
 *
 * @example
 * ```ts
 * const onEvent = (event: PipelineEvent) => {
 *   if (event.type === 'retry') console.warn(`retry ${event.retry} in ${event.delay} ms`);
 * };
 * ```
 */
export interface RetryEvent {
  /** Always `retry`. */
  readonly type: 'retry';
  /** 1 for the first repeat of the request, 2 for the second … */
  readonly retry: number;
  /** Milliseconds it waits before repeating. */
  readonly delay: number;
  /** Why: `error` (the whole request failed), or `accounts` (some accounts failed transiently). */
  readonly reason: 'error' | 'accounts';
  /** The failed request's error code (for `error`). */
  readonly code?: number | undefined;
  /** The failed request's error class, for example `TimHttpError` (for `error`). */
  readonly error?: string | undefined;
  /** How many accounts are asked again (for `accounts`). */
  readonly accounts?: number | undefined;
}

/**
 * The event the `rateLimit` plugin emits when an attempt had to wait for its slot (a
 * millisecond or more), just before the attempt starts: to see how much the limit slows calls.
 *
 * @example
 * ```ts
 * const waits: number[] = [];
 * const listener: Plugin = {
 *   name: 'waits',
 *   phase: 'call',
 *   run: (ctx, next) => next({ ...ctx, emit: (e) => (e.type === 'rate-limit-wait' && waits.push(e.wait), ctx.emit(e)) }),
 * };
 * ```
 */
export interface RateLimitWaitEvent {
  /** Always `rate-limit-wait`. */
  readonly type: 'rate-limit-wait';
  /** The budget's key, `<SDKAppID>:<endpoint path>`. */
  readonly key: string;
  /** Milliseconds the attempt waited for its slot (behind earlier callers, and for the window). */
  readonly wait: number;
  /** The limit in force for the key (lower than `limit` while slowed down). */
  readonly limit: number;
}

/**
 * The event the `rateLimit` plugin emits when a throttling answer makes it slow a key down,
 * or a 70050 makes it hold the app: a sign that the budget is set too high or shared with
 * something else.
 *
 * @example
 * ```ts
 * const onEvent = (event: PipelineEvent) => {
 *   if (event.type === 'rate-limit-slowdown') console.warn('throttled: limit now', event.limit);
 * };
 * ```
 */
export interface RateLimitSlowdownEvent {
  /** Always `rate-limit-slowdown`. */
  readonly type: 'rate-limit-slowdown';
  /** The budget's key, `<SDKAppID>:<endpoint path>`. */
  readonly key: string;
  /** The IM error code that caused it. */
  readonly code: number;
  /** The key's new limit. */
  readonly limit: number;
  /** For a 70050: milliseconds every request of the app is held. */
  readonly hold?: number | undefined;
}

/**
 * The event the `signing-renewal` plugin emits when the service rejected the UserSig and the
 * attempt is repeated with a new one, so that logs show why a call made an extra request.
 *
 * @example
 * ```ts
 * const onEvent = (event: PipelineEvent) => {
 *   if (event.type === 'usersig-renewal') console.info('UserSig renewed after', event.code);
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
 * The event the `write-reconcile` plugin (`timfetch/plugins/write-safety`) emits after each
 * reconciliation read: a write's outcome was unknown, the read told which accounts it applied
 * (reported done, never sent again) and which it did not (sent again).
 *
 * @example
 * ```ts
 * const onEvent = (event: PipelineEvent) => {
 *   if (event.type === 'reconcile') console.warn(`round ${event.round}: ${event.applied} of ${event.accounts} were applied, ${event.resent} sent again`);
 * };
 * ```
 */
export interface ReconcileEvent {
  /** Always `reconcile`. */
  readonly type: 'reconcile';
  /** 1 for the first read after an unknown outcome of the request, 2 after a resend's … */
  readonly round: number;
  /** Accounts read this round: those whose outcome was unknown, and those a resend was refused for (the first attempt may have been applied after the last read). */
  readonly accounts: number;
  /** Accounts the read showed applied: reported done (ResultCode 0), not sent again (a refusal of their resend is not reported). */
  readonly applied: number;
  /** Accounts the read showed not applied: sent again. The rest the read could not tell. */
  readonly resent: number;
}

/**
 * An event of your own plugin. Its `type` holds a colon, `<plugin>:<what>`, so that it never
 * takes the name of one of timfetch's own events and listeners still narrow those by `type`.
 *
 * @example
 * ```ts
 * const cacheHit: CustomPipelineEvent = { type: 'cache:hit', key: 'alice' };
 * ctx.emit(cacheHit);
 * ```
 */
export interface CustomPipelineEvent {
  /** `<plugin>:<what>`, for example `cache:hit`. */
  readonly type: `${string}:${string}`;
  /** Whatever the plugin reports. */
  readonly [field: string]: unknown;
}

/**
 * Something a plugin reports about its work, for the plugins outside it (a logger, a metrics
 * collector) and the caller (`onProgress`): timfetch's own events, told apart by `type`, or one
 * of your plugins' ({@link CustomPipelineEvent}).
 *
 * @example
 * ```ts
 * const onEvent = (event: PipelineEvent) => {
 *   if (event.type === 'retry') console.warn(`retry ${event.retry} after ${event.reason}`);
 *   if (event.type === 'rate-limit-wait') console.info(`waited ${event.wait} ms for ${event.key}`);
 * };
 * ```
 */
export type PipelineEvent = BatchProgressEvent | RetryEvent | RateLimitWaitEvent | RateLimitSlowdownEvent | UserSigRenewalEvent | ReconcileEvent | CustomPipelineEvent;
