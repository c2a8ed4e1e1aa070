import type { AnyEndpoint } from './endpoint.js';
import { isRetryableCode } from './error-codes.js';
import type { ApiResponse } from './pipeline/plugin.js';

/**
 * One per-account result of a batch answer, such as a friend_check `InfoItem` entry: what every
 * batch endpoint's results share, for code that handles any of them.
 *
 * @example
 * ```ts
 * const failed = (items: readonly BatchItem[]) => items.filter((item) => item.ResultCode !== 0);
 * const { InfoItem } = await tim.friendCheck(body);
 * console.log(failed(InfoItem).length);
 * ```
 */
export interface BatchItem {
  readonly ResultCode: number;
  readonly ResultInfo?: string | undefined;
  readonly [field: string]: unknown;
}

/**
 * A batch declaration with its defaults filled in, as {@link batchShape} returns it.
 *
 * @example
 * ```ts
 * const shape: BatchShape | undefined = batchShape(ctx.endpoint);
 * if (shape !== undefined) console.log(`${ctx.endpoint.name} sends its accounts in ${shape.field}`);
 * ```
 */
export interface BatchShape {
  readonly field: string;
  readonly max: number;
  readonly items: string;
  readonly key: string;
}

/**
 * The endpoint's batch declaration with defaults, or undefined for a non-batch endpoint.
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

/**
 * The accounts a request body asks about (the validated `field` list).
 *
 * @example
 * ```ts
 * const accounts = requestedAccounts(ctx.body, shape); // ['bob', 'carol']
 * ```
 */
export function requestedAccounts(body: Readonly<Record<string, unknown>>, shape: BatchShape): readonly string[] {
  const accounts = body[shape.field];
  return Array.isArray(accounts) ? (accounts as string[]) : [];
}

/**
 * The per-account results of an answer (validated by the endpoint's response schema).
 *
 * @example
 * ```ts
 * const failed = answerItems(answer, shape).filter((item) => item.ResultCode !== 0);
 * ```
 */
export function answerItems(answer: ApiResponse, shape: BatchShape): readonly BatchItem[] {
  const items = (answer as unknown as Record<string, unknown>)[shape.items];
  return Array.isArray(items) ? (items as BatchItem[]) : [];
}

/**
 * The account a result belongs to.
 *
 * @example
 * ```ts
 * const byAccount = new Map(answerItems(answer, shape).map((item) => [accountOf(item, shape), item]));
 * ```
 */
export function accountOf(item: BatchItem, shape: BatchShape): string {
  return String(item[shape.key]);
}

/**
 * A result the SDK writes for an account the service did not answer successfully.
 *
 * @example
 * ```ts
 * const item = failureItem(shape, 'bob', -1, 'quota plugin refused the request'); // { To_Account: 'bob', ResultCode: -1, … }
 * ```
 */
export function failureItem(shape: BatchShape, account: string, code: number, info: string): BatchItem {
  return { [shape.key]: account, ResultCode: code, ResultInfo: info };
}

/**
 * `base` with its results replaced by `items` and `Fail_Account` listing exactly the failed
 * accounts (absent when none failed, as the service does).
 *
 * @example
 * ```ts
 * const items = answerItems(answer, shape).map((item) => (item.ResultCode === 0 ? item : failureItem(shape, accountOf(item, shape), item.ResultCode, 'failed')));
 * return withItems(answer, shape, items);
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
 * @example
 * ```ts
 * const accounts = distinctAccounts(['bob', 'carol', 'bob']); // ['bob', 'carol'], frozen
 * return next({ ...ctx, body: { ...ctx.body, To_Account: accounts } });
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
 * @example
 * ```ts
 * const aligned = alignAnswer(answer, shape, requestedAccounts(ctx.body, shape));
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
 * Whether a per-account failure is worth asking again (30006, 30007 …).
 *
 * @example
 * ```ts
 * const again = answerItems(answer, shape).filter(isRetryableItem).map((item) => accountOf(item, shape));
 * ```
 */
export function isRetryableItem(item: BatchItem): boolean {
  return item.ResultCode !== 0 && isRetryableCode(item.ResultCode);
}
