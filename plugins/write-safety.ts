/**
 * The {@link writeSafety} plugins: a write whose outcome is unknown is never sent again blindly,
 * and two writes for one account never run at once.
 *
 * @module timfetch/plugins/write-safety
 */
import * as v from 'valibot';
import {
  accountOf,
  answerItems,
  batchShape,
  distinctAccounts,
  failureItem,
  isTimError,
  mayHaveApplied,
  optionsObject,
  parseOrThrow,
  requestedAccounts,
  TimError,
  unknownOutcomeCode,
  withAccounts,
  withItems,
  type ApiResponse,
  type BatchItem,
  type BatchShape,
  type Next,
  type Plugin,
  type ReconcileEvent,
  type Reconciliation,
  type RequestContext,
} from '../src/plugin-kit.js';

export type { ReconcileEvent } from '../src/plugin-kit.js';

/**
 * How patiently the {@link writeSafety} plugins find out what a write did: the argument of
 * `writeSafety()`. Bad values make it throw {@link timfetch!TimValidationError}.
 *
 * @example
 * ```ts
 * const options: WriteSafetyOptions = { rounds: 5 };
 * const [reconcile, lock] = writeSafety(options);
 * ```
 */
export interface WriteSafetyOptions {
  /**
   * How many reconciliation reads one request may take: after an unknown outcome, a read, then
   * a resend of the accounts it shows not applied; when that resend's outcome is unknown too,
   * another read … Accounts still unknown after the last round get -6. A whole number from 1 to 10.
   * @defaultValue 3
   */
  rounds?: number;
}

const optionsSchema = optionsObject(
  { rounds: v.optional(v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(10, 'must be at most 10'))) },
  'a write-safety option',
);

const okEnvelope: ApiResponse = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' };

/** Whether `error` leaves a write's outcome open (a caller's abort or a bug is thrown as it is). */
function unknownOutcome(error: unknown, ctx: RequestContext): error is TimError {
  return isTimError(error) && ctx.signal?.aborted !== true && mayHaveApplied(error);
}

/** The -6 a write without a reconciliation rule fails with (the error itself when it is one already). */
function outcomeUnknownError(cause: TimError, ctx: RequestContext): TimError {
  if (cause.code === unknownOutcomeCode) return cause;
  const message = `Outcome unknown, not sent again (${ctx.endpoint.name} has no reconciliation and is not idempotent): ${cause.message}`;
  return new TimError(message, unknownOutcomeCode, { endpoint: ctx.endpoint.name, cause });
}

/** What reconciling a batch write needs: its shape, its rule and the shape of the rule's read. */
interface Reconcilable {
  readonly shape: BatchShape;
  readonly rule: Reconciliation;
  readonly readShape: BatchShape;
}

function reconcilable(ctx: RequestContext): Reconcilable | undefined {
  const shape = batchShape(ctx.endpoint, ctx.body);
  const rule = ctx.endpoint.reconcile;
  const readShape = rule === undefined ? undefined : batchShape(rule.read);
  return shape === undefined || rule === undefined || readShape === undefined ? undefined : { shape, rule, readShape };
}

/**
 * One request's reconciliation: reads what the write did for the accounts whose outcome is
 * unknown (all of them after a failed attempt, or those `answer` marks -6), reports those it
 * applied as done, sends the others again, and repeats while a resend's outcome is unknown or
 * refused (an account refused may have been applied by the first attempt after the read), for at
 * most `rounds` reads. `why` is the unknown outcome's message.
 */
async function reconcile(ctx: RequestContext, next: Next, { shape, rule, readShape }: Reconcilable, rounds: number, answer: ApiResponse | undefined, why: string): Promise<ApiResponse> {
  const accounts = distinctAccounts(requestedAccounts(ctx.body, shape));
  const results = new Map<string, BatchItem>();
  for (const item of answer === undefined ? [] : answerItems(answer, shape)) results.set(accountOf(item, shape), item);
  let unknown = accounts.filter((account) => (results.get(account)?.ResultCode ?? unknownOutcomeCode) === unknownOutcomeCode);
  let base = answer;
  const confirmed = `applied: confirmed by reconciling (${rule.read.name}) after an unknown outcome (${why})`;

  // Accounts a resend was refused for: the attempt whose outcome was unknown may have reached the
  // service after the read that showed them not applied (held up on its way). The next read looks
  // again; one it shows applied was applied by that attempt, and the refusal is not reported.
  let refused: string[] = [];

  for (let round = 1; unknown.length + refused.length > 0 && round <= rounds; round++) {
    const asked = [...unknown, ...refused];
    let read: ApiResponse;
    try {
      // The pipeline resolves to the read's validated answer.
      read = (await ctx.request(rule.read, rule.body(ctx.body, asked))) as ApiResponse;
    } catch (error) {
      if (!isTimError(error) || ctx.signal?.aborted === true) throw error;
      why = `${why}; the reconciliation read failed: ${error.message}`;
      break;
    }
    const seen = new Map(answerItems(read, readShape).map((item) => [accountOf(item, readShape), item]));
    const resend: string[] = [];
    const unread: string[] = [];
    let applied = 0;
    for (const [index, account] of asked.entries()) {
      const item = seen.get(account);
      if (item?.ResultCode === 0 && rule.applied(item, ctx.body)) {
        results.set(account, { [shape.key]: account, ResultCode: 0, ResultInfo: confirmed });
        applied++;
      } else if (index < unknown.length) (item?.ResultCode === 0 ? resend : unread).push(account); // past them, the refused keep their refusal
    }
    const event: ReconcileEvent = { type: 'reconcile', round, accounts: asked.length, applied, resent: resend.length };
    ctx.emit(event);
    unknown = unread;
    refused = [];
    if (resend.length === 0) continue;
    try {
      const again = await next({ ...ctx, body: withAccounts(ctx.body, shape, resend) });
      base ??= again;
      for (const item of answerItems(again, shape)) {
        const account = accountOf(item, shape);
        results.set(account, item);
        if (item.ResultCode !== 0) (item.ResultCode === unknownOutcomeCode ? unknown : refused).push(account);
      }
    } catch (error) {
      if (!isTimError(error) || ctx.signal?.aborted === true) throw error;
      if (mayHaveApplied(error)) {
        unknown.push(...resend);
        why = error.message;
      } else if (resend.length === accounts.length) {
        throw error; // none applied, all refused: the request failed as a whole, as a first attempt would
      } else {
        for (const account of resend) results.set(account, failureItem(shape, account, error.code, error.message));
        refused.push(...resend);
      }
    }
  }
  for (const account of unknown) results.delete(account);
  const stillUnknown = (account: string) => failureItem(shape, account, unknownOutcomeCode, `outcome unknown, not sent again: ${why}`);
  return withItems(base ?? okEnvelope, shape, accounts.map((account) => results.get(account) ?? stillUnknown(account)));
}

/** FIFO locks by key, kept only while held or waited for. */
function keyedLocks(): (key: string, signal: AbortSignal | undefined) => Promise<() => void> {
  const queues = new Map<string, (() => void)[]>();
  return async (key, signal) => {
    signal?.throwIfAborted();
    const waiting = queues.get(key);
    if (waiting === undefined) queues.set(key, []);
    else {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          waiting.splice(waiting.indexOf(turn), 1);
          reject(signal?.reason);
        };
        const turn = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        waiting.push(turn);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      // Handed straight to the next in line (FIFO); the key is forgotten when nobody waits.
      const nextInLine = queues.get(key)?.shift();
      if (nextInLine === undefined) queues.delete(key);
      else nextInLine();
    };
  };
}

/**
 * Keeps writes from being applied twice or running into each other, as two plugins:
 * - `write-reconcile` (sub-call phase, outside `retry`): when a write's attempt ends with an
 *   unknown outcome (its request may have reached the service: an attempt timeout, a reset after
 *   sending, HTTP 500/502/504, an answer that could not be read; see `mayHaveApplied`), it does
 *   not send it again blindly. A batch write with a `reconcile` rule (friend_add, friend_delete)
 *   reads what it did for each account through `ctx.request` (friend_check): accounts the read
 *   shows applied are reported done (`ResultCode` 0, a `ResultInfo` saying so), the others are
 *   sent again; a resend whose outcome is unknown again is reconciled again, for at most `rounds`
 *   reads, then its accounts get -6. Accounts a resend is refused for are read again too: the
 *   first attempt may have reached the service after the read (held up past its timeout), and
 *   one the read now shows applied is reported done rather than refused. A write without a rule
 *   (and not `idempotent`) is not sent again: a batch write's accounts get -6 in `Fail_Account` (the call resolves, unless
 *   `failFast`), any other write rejects with a {@link timfetch!TimError} of code -6. Emits a
 *   `reconcile` event per read. Reads and `idempotent` writes pass through.
 * - `write-lock` (attempt phase, outermost): each HTTP attempt of a write waits until no other
 *   write for the same `From_Account` (and SDKAppID) is in flight in this client, first come
 *   first served, so that the client's own writes never cause a 30008 (write conflict); one
 *   caused by another client is retried after a pause. It waits before the rate limiter, so no
 *   slot is held while waiting; it keeps nothing for accounts with no write in flight.
 *
 * The client adds both to its default stack; a custom stack (`plugins: (defaults) => …`) may
 * leave them out. Without them the `retry` plugin still never repeats an unknown outcome of such
 * a write: the chunk fails with that error.
 *
 * @param options - how many reconciliation rounds; see {@link WriteSafetyOptions}.
 * @returns `[reconcile, lock]`: the `write-reconcile` plugin (phase `sub-call`) and the
 *   `write-lock` plugin (phase `attempt`, priority `high`).
 * @throws {@link timfetch!TimValidationError} when an option is invalid or unknown.
 *
 * @example
 * ```ts
 * import { writeSafety } from 'timfetch/plugins/write-safety';
 *
 * const [reconcile, lock] = writeSafety({ rounds: 5 });
 * const tim = createClient({
 *   sdkAppId, identifier, secretKey,
 *   plugins: [{ ...reconcile, replaces: 'write-reconcile' }, { ...lock, replaces: 'write-lock' }],
 * });
 * ```
 */
export function writeSafety(options: WriteSafetyOptions = {}): readonly [reconcile: Plugin, lock: Plugin] {
  parseOrThrow(optionsSchema, options, 'write-safety options');
  const { rounds = 3 } = options;
  const acquire = keyedLocks();

  const reconciler: Plugin = {
    name: 'write-reconcile',
    phase: 'sub-call',
    async run(ctx, next) {
      const { endpoint } = ctx;
      if (endpoint.effect !== 'write' || endpoint.idempotent === true) return next(ctx);
      const write = reconcilable(ctx);
      let answer: ApiResponse;
      try {
        answer = await next(ctx);
      } catch (error) {
        if (!unknownOutcome(error, ctx)) throw error;
        if (write === undefined) throw outcomeUnknownError(error, ctx);
        return reconcile(ctx, next, write, rounds, undefined, error.message);
      }
      // Accounts the retry plugin marked unknown: a follow-up request whose outcome is unknown.
      const open = write === undefined ? undefined : answerItems(answer, write.shape).find((item) => item.ResultCode === unknownOutcomeCode);
      if (write === undefined || open === undefined) return answer;
      // Its ResultInfo says why, after the words every -6 result starts with.
      return reconcile(ctx, next, write, rounds, answer, String(open.ResultInfo ?? '').replace(/^outcome unknown, not sent again: /, ''));
    },
  };

  const lock: Plugin = {
    name: 'write-lock',
    phase: 'attempt',
    priority: 'high', // outermost: waits before the rate limiter takes a slot
    async run(ctx, next) {
      const owner = ctx.body.From_Account;
      if (ctx.endpoint.effect !== 'write' || typeof owner !== 'string') return next(ctx);
      const release = await acquire(`${ctx.query.sdkappid}:${owner}`, ctx.signal);
      try {
        return await next(ctx);
      } finally {
        release();
      }
    },
  };

  return [reconciler, lock];
}
