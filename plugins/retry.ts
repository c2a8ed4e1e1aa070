/**
 * The {@link retry} plugin: the pipeline's one retry owner, for whole requests and for the
 * accounts a batch answer reports as transiently failed.
 *
 * @module timfetch/plugins/retry
 */
import * as v from 'valibot';
import {
  accountOf,
  answerItems,
  batchShape,
  delay,
  failureItem,
  isRetryableItem,
  isTimError,
  isTimHttpError,
  mayHaveApplied,
  optionsObject,
  functionSchema,
  parseOrThrow,
  requestedAccounts,
  unknownOutcomeCode,
  withAccounts,
  withItems,
  type ApiResponse,
  type BatchItem,
  type BatchShape,
  type Plugin,
  type RequestContext,
  type RetryEvent,
  type TimError,
} from '../src/plugin-kit.js';

export type { RetryEvent } from '../src/plugin-kit.js';

/**
 * How often and how patiently the {@link retry} plugin repeats failed requests: the client's
 * `retry` option, or the argument of `retry()` in a custom stack. Bad values (or a `minDelay`
 * over `maxDelay`) make it throw {@link timfetch!TimValidationError}.
 *
 * @example
 * ```ts
 * const tim = createClient({ sdkAppId, identifier, secretKey, retry: { retries: 5, maxDelay: 3000, deadline: 20_000 } });
 * ```
 */
export interface RetryOptions {
  /**
   * How many times one request (one chunk) may be repeated, counting both repeats of a failed
   * request and follow-up requests for transiently failed accounts. A whole number from 0 to 100.
   * @defaultValue 3
   */
  retries?: number;
  /**
   * Shortest wait before a retry, in milliseconds. The wait before retry `n` is drawn uniformly
   * from `[minDelay, min(maxDelay, minDelay * 2^n)]` (exponential backoff with full jitter).
   * @defaultValue 200
   */
  minDelay?: number;
  /**
   * Longest wait before a retry, in milliseconds; also the cap on a server's `Retry-After`.
   * @defaultValue 10000
   */
  maxDelay?: number;
  /**
   * Time budget of one request including its retries, in milliseconds: no retry starts whose
   * wait would end past it (an attempt in flight still runs to its own `timeout`), and the rate
   * limiter does not wait past it for a slot.
   * @defaultValue none (retries × timeout bound the time)
   */
  deadline?: number;
  /**
   * Source of uniform numbers in [0, 1) for the jitter; inject one in tests.
   * @defaultValue Math.random
   */
  random?: () => number;
  /**
   * Clock in milliseconds, for the deadline; inject one in tests.
   * @defaultValue Date.now
   */
  now?: () => number;
}

const nonNegativeInteger = (what: string) =>
  v.pipe(v.number('must be a number'), v.safeInteger(`must be a whole number of ${what}`), v.minValue(0, 'must not be negative'));
const optionsSchema = v.pipe(
  optionsObject(
    {
      retries: v.optional(v.pipe(nonNegativeInteger('retries'), v.maxValue(100, 'must be at most 100'))),
      minDelay: v.optional(nonNegativeInteger('milliseconds')),
      maxDelay: v.optional(nonNegativeInteger('milliseconds')),
      deadline: v.optional(v.pipe(nonNegativeInteger('milliseconds'), v.minValue(1, 'must be at least 1 ms'))),
      random: v.optional(functionSchema<() => number>()),
      now: v.optional(functionSchema<() => number>()),
    },
    'a retry option',
  ),
  v.check((o) => (o.minDelay ?? 200) <= (o.maxDelay ?? 10_000), 'minDelay must not exceed maxDelay'),
);

function retryableError(error: unknown): error is TimError {
  return isTimError(error) && error.retryable;
}

/** The last error of a request that was repeated, saying how often and for how long. */
function gaveUp(failure: TimError, attempts: number, elapsed: number): TimError {
  failure.attempts = attempts;
  failure.message = `${failure.message} (after ${attempts} attempts over ${(elapsed / 1000).toFixed(1)} s)`;
  return failure;
}

/** `answer` with the accounts of a follow-up whose outcome is unknown marked -6: it may have applied them. */
function markUnknown(answer: ApiResponse, shape: BatchShape, followUp: RequestContext, failure: TimError): ApiResponse {
  const asked = new Set(requestedAccounts(followUp.body, shape));
  const info = `outcome unknown, not sent again: ${failure.message}`;
  const items = answerItems(answer, shape).map((item) => (asked.has(accountOf(item, shape)) ? failureItem(shape, accountOf(item, shape), unknownOutcomeCode, info) : item));
  return withItems(answer, shape, items);
}

/** `answer` with the results of `retried` accounts replaced by their new results. */
function mergeRetried(answer: ApiResponse, retried: ApiResponse, shape: BatchShape): ApiResponse {
  const fresh = new Map<string, BatchItem>();
  for (const item of answerItems(retried, shape)) fresh.set(accountOf(item, shape), item);
  const items = answerItems(answer, shape).map((item) => fresh.get(accountOf(item, shape)) ?? item);
  return withItems(answer, shape, items);
}

/**
 * Rides out transient failures: repeats failed requests and transiently failed accounts, as the
 * single retry owner of the pipeline (ky never retries), in the `sub-call` phase so every repeat
 * passes through the attempt phase again: its own rate-limit slot, a fresh `random`, a valid
 * UserSig.
 * - Request level: errors whose `retryable` is true (IM codes of the transient and throttled
 *   classes — 30006, 30007, 60007, 60008, 70169, 70500, 9099x …; HTTP 408/429/5xx; network
 *   errors; attempt timeouts; a body that is not JSON) are repeated with exponential backoff and
 *   full jitter, `Retry-After` honoured up to `maxDelay`. Anything else is thrown at once.
 * - Item level: accounts a batch answer reports with a transient `ResultCode` (30006/30007) are
 *   asked again in a follow-up request for just them, and their new results merged in place.
 *   Successful accounts are never sent again. Follow-ups spend the same `retries` budget; when it
 *   runs out, the accounts keep their last failure.
 * - Writes: a write endpoint that is not `idempotent` is never repeated after an outcome that
 *   may have applied it (`mayHaveApplied`: an attempt timeout, a reset after sending, HTTP
 *   500/502/504, an unreadable answer, 60008/70169/70500/9099x): the error is thrown at once
 *   (the `write-reconcile` plugin outside finds out what happened), and the accounts of a
 *   follow-up that ends so are marked -6 (outcome unknown). Refusals that prove nothing was
 *   applied (30006, 30007, 30008, 60007 …, HTTP 408/429/503, a connection refused) are retried
 *   as for reads; `idempotent` writes are retried like reads.
 *
 * When it gives up, the call rejects with the last error, its `attempts` set and its message
 * saying how many attempts over how long.
 *
 * @param options - retry budget, backoff and deadline; see {@link RetryOptions}.
 * @returns the `retry` plugin (phase `sub-call`, priority `low`).
 * @throws {@link timfetch!TimValidationError} when an option is invalid or unknown, or `minDelay` exceeds `maxDelay`.
 *
 * @example
 * ```ts
 * import { retry } from 'timfetch/plugins/retry';
 *
 * const tim = createClient({
 *   sdkAppId, identifier, secretKey,
 *   retry: false, // leave the default one out …
 *   plugins: [retry({ retries: 6, minDelay: 50 })], // … and place a tuned one
 * });
 * ```
 */
export function retry(options: RetryOptions = {}): Plugin {
  parseOrThrow(optionsSchema, options, 'retry options');
  const { retries = 3, minDelay = 200, maxDelay = 10_000, deadline, random = Math.random, now = Date.now } = options;

  const backoff = (retryNumber: number, failure: TimError | undefined): number => {
    const retryAfter = isTimHttpError(failure) ? failure.retryAfter : undefined;
    if (retryAfter !== undefined) return Math.min(retryAfter, maxDelay);
    const ceiling = Math.min(maxDelay, minDelay * 2 ** retryNumber);
    return minDelay + random() * (ceiling - minDelay);
  };

  return {
    name: 'retry',
    phase: 'sub-call',
    priority: 'low', // it repeats: innermost of its phase, so other sub-call plugins run once per chunk
    async run(ctx, next) {
      const started = now();
      const shape = batchShape(ctx.endpoint, ctx.body);
      // A write sent again after an unknown outcome could be applied twice (unless idempotent).
      const unsafeWrite = ctx.endpoint.effect === 'write' && ctx.endpoint.idempotent !== true;
      // Plugins that wait (the rate limiter) must not wait past the deadline either.
      const bounded = deadline === undefined ? ctx : { ...ctx, deadline: Math.min(started + deadline, ctx.deadline ?? Number.POSITIVE_INFINITY) };
      let request: RequestContext = bounded;
      let answer: ApiResponse | undefined;
      for (let retryNumber = 0; ; retryNumber++) {
        let failure: TimError | undefined;
        try {
          const result = await next(request);
          answer = answer === undefined || shape === undefined ? result : mergeRetried(answer, result, shape);
        } catch (error) {
          const unknownOutcome = unsafeWrite && isTimError(error) && mayHaveApplied(error);
          // A failed follow-up for a few accounts must not throw away the answer already had.
          if (!retryableError(error) || unknownOutcome) {
            if (answer === undefined) throw error;
            return unknownOutcome && shape !== undefined ? markUnknown(answer, shape, request, error) : answer;
          }
          failure = error;
        }
        const pending =
          // A whole list is not sent again account by account: its request does more than them.
          failure === undefined && answer !== undefined && shape !== undefined && !shape.whole
            ? answerItems(answer, shape)
                .filter((item) => isRetryableItem(item) && !(unsafeWrite && mayHaveApplied(item)))
                .map((item) => accountOf(item, shape))
            : [];
        if (failure === undefined && pending.length === 0 && answer !== undefined) return answer;

        const wait = backoff(retryNumber + 1, failure);
        const outOfTime = deadline !== undefined && now() + wait - started >= deadline;
        if (retryNumber >= retries || outOfTime) {
          if (answer !== undefined) return answer;
          throw retryNumber === 0 ? failure : gaveUp(failure as TimError, retryNumber + 1, now() - started);
        }
        const event: RetryEvent =
          failure === undefined
            ? { type: 'retry', retry: retryNumber + 1, delay: Math.round(wait), reason: 'accounts', accounts: pending.length }
            : { type: 'retry', retry: retryNumber + 1, delay: Math.round(wait), reason: 'error', code: failure.code, error: failure.name };
        ctx.emit(event);
        await delay(wait, ctx.signal);
        if (failure === undefined && shape !== undefined) request = { ...bounded, body: withAccounts(ctx.body, shape, pending) };
      }
    },
  };
}
