import type { AnyEndpoint } from './define-endpoint.js';
import { isRetryableCode } from '../errors/error-codes.js';
import type { ApiResponse } from '../pipeline/plugin.js';

/**
 * One per-account result of a batch answer, such as a friend_check `InfoItem` entry: what every
 * batch endpoint's results share, for code that handles any of them (a plugin gets them from
 * {@link answerItems}). The built-in endpoints' own item types ({@link FriendCheckItem},
 * {@link FriendGetListItem}) are more precise; {@link isOk} narrows any of them.
 *
 * @example
 * ```ts
 * const failed = (items: readonly BatchItem[]) => items.filter((item) => !isOk(item));
 * const { InfoItem } = await tim.friendCheck(body);
 * console.log(failed(InfoItem).length);
 * ```
 */
export interface BatchItem {
  /** 0 when this account succeeded, otherwise the IM error code. */
  readonly ResultCode: number;
  /** The service's (or the SDK's) description of the result; empty or absent on success. */
  readonly ResultInfo?: string | undefined;
  /** The account (`To_Account` for the built-in endpoints) and the endpoint's own fields. */
  readonly [field: string]: unknown;
}

/**
 * A batch declaration ({@link timfetch!BatchDeclaration}) with its defaults filled in, as
 * {@link batchShape} returns it: where a request carries its accounts and an answer its results.
 *
 * @example
 * ```ts
 * const shape: BatchShape | undefined = batchShape(ctx.endpoint);
 * if (shape !== undefined) console.log(`${ctx.endpoint.name} sends its accounts in ${shape.field}`);
 * ```
 */
export interface BatchShape {
  /** The request field holding the list of accounts, for example `To_Account`. */
  readonly field: string;
  /** The most accounts the service accepts in one request. */
  readonly max: number;
  /** The answer field holding one result per account (`InfoItem` unless declared). */
  readonly items: string;
  /** The field of each result naming its account (`To_Account` unless declared). */
  readonly key: string;
}

/**
 * The endpoint's batch declaration with its defaults filled in, or undefined for an endpoint
 * without one: the test a plugin uses to tell batch calls from others.
 *
 * @param endpoint - the endpoint, usually `ctx.endpoint`.
 * @returns its {@link BatchShape}, or undefined.
 *
 * @example
 * ```ts
 * const shape = batchShape(friendCheck); // { field: 'To_Account', max: 1000, items: 'InfoItem', key: 'To_Account' }
 * ```
 */
export function batchShape(endpoint: AnyEndpoint): BatchShape | undefined {
  const { batch } = endpoint;
  if (batch === undefined) return undefined;
  return { field: batch.field, max: batch.max, items: batch.items ?? 'InfoItem', key: batch.key ?? 'To_Account' };
}

// The shape of `batch`: a shape as it is, an endpoint's declaration with defaults.
function shapeOf(batch: BatchShape | AnyEndpoint): BatchShape | undefined {
  return 'field' in batch ? batch : batchShape(batch);
}

/**
 * The accounts a request body asks about: the list in the batch field (`To_Account` for the
 * built-in endpoints), typed, where `ctx.body` itself only says `unknown`. Empty for an endpoint
 * without a batch declaration. Every plugin inside the `validation` plugin (all of them, unless
 * one is placed before it) sees a validated body; before it, a value that is not an array gives
 * an empty list and the items are not checked.
 *
 * @param body - the request body, usually `ctx.body`.
 * @param batch - the endpoint (usually `ctx.endpoint`) or its {@link BatchShape}.
 * @returns the requested accounts, as sent (duplicates included).
 *
 * @example
 * ```ts
 * const audit: Plugin = {
 *   name: 'audit',
 *   phase: 'sub-call',
 *   run(ctx, next) {
 *     const accounts = requestedAccounts(ctx.body, ctx.endpoint); // readonly string[], [] if not a batch endpoint
 *     console.log(`${ctx.endpoint.name}: ${accounts.length} accounts`);
 *     return next(ctx);
 *   },
 * };
 * ```
 */
export function requestedAccounts(body: Readonly<Record<string, unknown>>, batch: BatchShape | AnyEndpoint): readonly string[] {
  const shape = shapeOf(batch);
  const accounts = shape === undefined ? undefined : body[shape.field];
  return Array.isArray(accounts) ? (accounts as string[]) : [];
}

/**
 * The per-account results of an answer (its `InfoItem`, or the endpoint's declared `items`
 * field), typed as {@link BatchItem}s, where a plugin's answer type ({@link ApiResponse}) only
 * has the envelope. {@link timfetch!isOk} tells successes from failures. Empty for an endpoint without a
 * batch declaration.
 *
 * @param answer - an answer a plugin got from `next`.
 * @param batch - the endpoint (usually `ctx.endpoint`) or its {@link BatchShape}.
 * @returns the answer's results, as they are (no copy).
 *
 * @example
 * ```ts
 * import { isOk, type Plugin } from 'timfetch';
 * import { answerItems, requestedAccounts } from 'timfetch/plugin-kit';
 *
 * const failureCounter: Plugin = {
 *   name: 'failure-counter',
 *   phase: 'call',
 *   async run(ctx, next) {
 *     const answer = await next(ctx);
 *     const failed = answerItems(answer, ctx.endpoint).filter((item) => !isOk(item));
 *     console.log(`${failed.length} of ${requestedAccounts(ctx.body, ctx.endpoint).length} accounts failed`);
 *     return answer;
 *   },
 * };
 * ```
 */
export function answerItems(answer: ApiResponse, batch: BatchShape | AnyEndpoint): readonly BatchItem[] {
  const shape = shapeOf(batch);
  const items = shape === undefined ? undefined : (answer as unknown as Record<string, unknown>)[shape.items];
  return Array.isArray(items) ? (items as BatchItem[]) : [];
}

/**
 * The account a result belongs to (its `key` field, as a string).
 *
 * @param item - one result of the answer.
 * @param shape - the endpoint's {@link BatchShape}.
 * @returns the account.
 *
 * @example
 * ```ts
 * const shape = batchShape(friendCheck)!;
 * const answer = await tim.friendCheck(body);
 * const byAccount = new Map(answerItems(answer, shape).map((item) => [accountOf(item, shape), item]));
 * ```
 */
export function accountOf(item: BatchItem, shape: BatchShape): string {
  return String(item[shape.key]);
}

/**
 * A failed result the SDK writes for an account the service did not answer successfully, shaped
 * like the service's own failures (the account in the `key` field, `ResultCode`, `ResultInfo`).
 *
 * @param shape - the endpoint's {@link BatchShape}.
 * @param account - the account that failed.
 * @param code - its IM error code (not 0).
 * @param info - why it failed.
 * @returns the new result.
 *
 * @example
 * ```ts
 * const shape = batchShape(friendCheck)!;
 * const item = failureItem(shape, 'bob', -1, 'quota plugin refused the request'); // { To_Account: 'bob', ResultCode: -1, … }
 * ```
 */
export function failureItem(shape: BatchShape, account: string, code: number, info: string): BatchItem {
  return { [shape.key]: account, ResultCode: code, ResultInfo: info };
}

/**
 * `base` with its results replaced by `items` and `Fail_Account` listing exactly the failed
 * accounts (absent when none failed, as the service does). `base` itself is not modified; it is
 * returned as it is when nothing changes.
 *
 * @param base - the answer to start from.
 * @param shape - the endpoint's {@link BatchShape}.
 * @param items - the results the new answer carries, in order.
 * @returns the answer with `items` and a matching `Fail_Account`.
 *
 * @example
 * ```ts
 * // Rewrites every failure's ResultInfo, keeping Fail_Account right.
 * const plainFailures: Plugin = {
 *   name: 'plain-failures',
 *   phase: 'call',
 *   async run(ctx, next) {
 *     const answer = await next(ctx);
 *     const shape = batchShape(ctx.endpoint);
 *     if (shape === undefined) return answer;
 *     const items = answerItems(answer, shape).map((item) =>
 *       isOk(item) ? item : failureItem(shape, accountOf(item, shape), item.ResultCode, describeErrorCode(item.ResultCode).meaning),
 *     );
 *     return withItems(answer, shape, items);
 *   },
 * };
 * ```
 */
export function withItems(base: ApiResponse, shape: BatchShape, items: readonly BatchItem[]): ApiResponse {
  const failed: string[] = [];
  for (const item of items) if (item.ResultCode !== 0) failed.push(accountOf(item, shape));
  const record = base as unknown as Record<string, unknown>;
  // Nothing to change (the usual successful answer): no copy.
  if (failed.length === 0 && record.Fail_Account === undefined && record[shape.items] === items) return base;
  const { Fail_Account: _previous, ...rest } = base as ApiResponse & { Fail_Account?: unknown };
  return { ...rest, [shape.items]: items, ...(failed.length > 0 ? { Fail_Account: failed } : {}) };
}

// Account lists known to hold no duplicate: alignAnswer need not check them again.
const distinctLists = new WeakSet<readonly string[]>();

/**
 * The distinct accounts of `accounts` in first-seen order, as a list that {@link alignAnswer}
 * knows holds no duplicate (so it skips that check on every answer to it). The list is frozen:
 * the mark stays true. Chunking builds its chunks with it; so may a plugin that builds requests.
 *
 * @param accounts - the accounts, possibly repeated.
 * @returns the distinct accounts, frozen.
 *
 * @example
 * ```ts
 * distinctAccounts(['bob', 'carol', 'bob']); // ['bob', 'carol'], frozen
 *
 * // Sends each account once.
 * const dedupe: Plugin = {
 *   name: 'dedupe',
 *   phase: 'sub-call',
 *   run: (ctx, next) => next({ ...ctx, body: { ...ctx.body, To_Account: distinctAccounts(requestedAccounts(ctx.body, ctx.endpoint)) } }),
 * };
 * ```
 */
export function distinctAccounts(accounts: readonly string[]): readonly string[] {
  if (distinctLists.has(accounts)) return accounts;
  const unique = new Set(accounts);
  const list = Object.freeze(unique.size === accounts.length ? accounts.slice() : [...unique]);
  distinctLists.add(list);
  return list;
}

/**
 * The distinct accounts of `accounts` (see {@link distinctAccounts}) in consecutive chunks of at
 * most `size`, each known to {@link alignAnswer} to hold no duplicate.
 *
 * @param accounts - the accounts, possibly repeated.
 * @param size - the most accounts in one chunk (the endpoint's `max`), at least 1.
 * @returns the chunks, in order; one chunk (maybe empty) when all fit.
 *
 * @example
 * ```ts
 * chunkAccounts(['a', 'b', 'c', 'a'], 2); // [['a', 'b'], ['c']]
 * ```
 */
export function chunkAccounts(accounts: readonly string[], size: number): (readonly string[])[] {
  const distinct = distinctAccounts(accounts);
  if (distinct.length <= size) return [distinct];
  const chunks: (readonly string[])[] = [];
  for (let start = 0; start < distinct.length; start += size) {
    const chunk = Object.freeze(distinct.slice(start, start + size));
    distinctLists.add(chunk);
    chunks.push(chunk);
  }
  return chunks;
}

/**
 * `answer` with exactly one result per distinct account of `accounts`, in that order: results
 * for accounts never asked and repeated results are dropped, an account the answer left out gets
 * a failure result (-3), and `Fail_Account` lists exactly the failed ones. Every batch answer
 * passes through it (the transport aligns each one to its request), so nothing is ever lost.
 *
 * @param answer - the answer to align.
 * @param shape - the endpoint's {@link BatchShape}.
 * @param accounts - the accounts the request asked about.
 * @returns the aligned answer (`answer` itself when it already was).
 *
 * @example
 * ```ts
 * const shape = batchShape(friendCheck)!;
 * const answer = await tim.friendCheck(body);
 * const aligned = alignAnswer(answer, shape, body.To_Account);
 * answerItems(aligned, shape).length; // the number of distinct requested accounts
 * ```
 */
export function alignAnswer(answer: ApiResponse, shape: BatchShape, accounts: readonly string[]): ApiResponse {
  const items = answerItems(answer, shape);
  // The usual answer: one result per account, in order (then only Fail_Account is rebuilt).
  const inOrder = items.length === accounts.length && items.every((item, i) => accountOf(item, shape) === accounts[i]);
  if (inOrder && (distinctLists.has(accounts) || new Set(accounts).size === accounts.length)) {
    return withItems(answer, shape, items);
  }
  const byAccount = new Map<string, BatchItem>();
  for (const item of items) {
    const account = accountOf(item, shape);
    if (!byAccount.has(account)) byAccount.set(account, item);
  }
  const aligned = new Map<string, BatchItem>();
  for (const account of accounts) {
    if (!aligned.has(account)) aligned.set(account, byAccount.get(account) ?? failureItem(shape, account, -3, 'the answer had no result for this account'));
  }
  return withItems(answer, shape, [...aligned.values()]);
}

/**
 * Whether a per-account failure is worth asking again (30006, 30007 …; see
 * {@link isRetryableCode}): what the `retry` plugin repeats. False for a success.
 *
 * @param item - one result of the answer.
 * @returns true for a failure whose code is retryable.
 *
 * @example
 * ```ts
 * const shape = batchShape(friendCheck)!;
 * const answer = await tim.friendCheck(body);
 * const again = answerItems(answer, shape).filter(isRetryableItem).map((item) => accountOf(item, shape));
 * ```
 */
export function isRetryableItem(item: BatchItem): boolean {
  return item.ResultCode !== 0 && isRetryableCode(item.ResultCode);
}
