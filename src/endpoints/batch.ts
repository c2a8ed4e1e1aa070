import { TimValidationError } from '../errors/tim-validation-error.js';
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
 * {@link batchShape} returns it: where a request carries its list and an answer its results.
 *
 * @example
 * ```ts
 * const shape: BatchShape | undefined = batchShape(ctx.endpoint);
 * if (shape !== undefined) console.log(`${ctx.endpoint.name} sends its accounts in ${shape.list}`);
 * ```
 */
export interface BatchShape {
  /** The request field holding the list, for example `To_Account` or `AddFriendItem`. */
  readonly list: string;
  /** For a list of objects, the field of each entry holding its account; undefined for a list of ids. */
  readonly account: string | undefined;
  /** The most entries the service accepts in one request. */
  readonly max: number;
  /** The answer field holding one result per account, for example `InfoItem`. */
  readonly results: string;
  /** The field of each result naming its account (`To_Account` unless declared). */
  readonly key: string;
  /** The list is sent in one request: not split, streamed or retried account by account. */
  readonly whole: boolean;
}

/**
 * The endpoint's batch declaration with its defaults filled in, or undefined for an endpoint
 * without one: the test a plugin uses to tell batch calls from others. Given the call's body, it
 * is undefined too when the body leaves out an optional list (group_add without `To_Account`):
 * such a call is one plain request, with no results to split, align or merge.
 *
 * @param endpoint - the endpoint, usually `ctx.endpoint`.
 * @param body - the call's body, usually `ctx.body`.
 * @returns its {@link BatchShape}, or undefined.
 *
 * @example
 * ```ts
 * const shape = batchShape(friendCheck); // { list: 'To_Account', account: undefined, max: 1000, results: 'InfoItem', key: 'To_Account', whole: false }
 * const none = batchShape(groupAdd, { From_Account: 'alice', GroupName: ['Work'] }); // undefined: no list sent
 * ```
 */
export function batchShape(endpoint: AnyEndpoint, body?: Readonly<Record<string, unknown>>): BatchShape | undefined {
  const { batch } = endpoint;
  if (batch === undefined || (body !== undefined && body[batch.list] === undefined)) return undefined;
  return { list: batch.list, account: batch.account, max: batch.max, results: batch.results, key: batch.key ?? 'To_Account', whole: batch.whole === true };
}

// The shape of `batch`: a shape as it is, an endpoint's declaration with defaults.
function shapeOf(batch: BatchShape | AnyEndpoint): BatchShape | undefined {
  return 'path' in batch ? batchShape(batch) : batch;
}

/**
 * The accounts a request body asks about, typed, where `ctx.body` itself only says `unknown`:
 * the ids of the batch list (`To_Account` for friend_check), or the account field of each of its
 * objects (`To_Account` of each `AddFriendItem` for friend_add). Empty for an endpoint without a
 * batch declaration, or a body without the list. Every plugin inside the `validation` plugin (all
 * of them, unless one is placed before it) sees a validated body; before it, a value that is not
 * an array gives an empty list and the entries are not checked.
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
  const entries = shape === undefined ? undefined : body[shape.list];
  if (!Array.isArray(entries)) return [];
  const { account } = shape as BatchShape;
  return account === undefined ? (entries as string[]) : entries.map((entry) => String((entry as Record<string, unknown> | null)?.[account]));
}

/**
 * How many entries the request's batch list holds (duplicates included), without reading them:
 * for logs, spans and metrics. Undefined for an endpoint without a batch list, or a list that is
 * not an array (a streamed one, read as it is sent).
 *
 * @example
 * ```ts
 * const sizes: Plugin = {
 *   name: 'sizes',
 *   phase: 'call',
 *   run(ctx, next) {
 *     console.log(ctx.endpoint.name, requestedAccountCount(ctx.body, ctx.endpoint) ?? 'not a batch');
 *     return next(ctx);
 *   },
 * };
 * ```
 */
export function requestedAccountCount(body: Readonly<Record<string, unknown>>, batch: BatchShape | AnyEndpoint): number | undefined {
  const shape = shapeOf(batch);
  const entries = shape === undefined ? undefined : body[shape.list];
  return Array.isArray(entries) ? entries.length : undefined;
}

// Each list of objects's entries by account, built once per list (chunks and follow-ups reuse it).
const entryIndexes = new WeakMap<readonly unknown[], ReadonlyMap<string, unknown>>();

/** The entries of `entries` by their account; a repeated account with other fields is bad input. */
function entryIndex(entries: readonly unknown[], shape: BatchShape, account: string): ReadonlyMap<string, unknown> {
  let index = entryIndexes.get(entries);
  if (index !== undefined) return index;
  const built = new Map<string, { entry: unknown; at: number }>();
  entries.forEach((entry, at) => {
    const id = String((entry as Record<string, unknown> | null)?.[account]);
    const first = built.get(id);
    if (first === undefined) built.set(id, { entry, at });
    else if (JSON.stringify(first.entry) !== JSON.stringify(entry)) {
      throw new TimValidationError('request', [{ path: `${shape.list}[${at}]`, reason: `repeats the account ${JSON.stringify(id)} of ${shape.list}[${first.at}] with other fields` }]);
    }
  });
  index = new Map([...built].map(([id, { entry }]) => [id, entry]));
  entryIndexes.set(entries, index);
  return index;
}

/**
 * `body` with its batch list narrowed to `accounts`, in that order: the ids themselves, or for a
 * list of objects the entry of each account, unchanged (every field). Chunking builds each
 * chunk's body with it, and so do item retries; so may a plugin that builds requests. An
 * account repeated with the same fields is one entry; repeated with other fields it is bad
 * input, refused before anything is sent.
 *
 * @param body - the whole request body, usually `ctx.body`.
 * @param batch - the endpoint (usually `ctx.endpoint`) or its {@link BatchShape}.
 * @param accounts - accounts of the body's list.
 * @returns a new body (`body` itself is not modified).
 * @throws {@link timfetch!TimValidationError} when the list repeats an account with other fields.
 *
 * @example
 * ```ts
 * // Sends the first account of a call alone, ahead of the others.
 * const firstAlone: Plugin = {
 *   name: 'first-alone',
 *   phase: 'sub-call',
 *   async run(ctx, next) {
 *     const [first, ...rest] = requestedAccounts(ctx.body, ctx.endpoint);
 *     if (first === undefined || rest.length === 0) return next(ctx);
 *     await next({ ...ctx, body: withAccounts(ctx.body, ctx.endpoint, [first]) });
 *     return next({ ...ctx, body: withAccounts(ctx.body, ctx.endpoint, rest) });
 *   },
 * };
 * ```
 */
export function withAccounts(body: Readonly<Record<string, unknown>>, batch: BatchShape | AnyEndpoint, accounts: readonly string[]): Record<string, unknown> {
  const shape = shapeOf(batch);
  if (shape === undefined) return { ...body };
  const entries = body[shape.list];
  if (shape.account === undefined || !Array.isArray(entries)) return { ...body, [shape.list]: accounts };
  const index = entryIndex(entries, shape, shape.account);
  return { ...body, [shape.list]: accounts.map((account) => index.get(account)) };
}

/**
 * The per-account results of an answer (its declared `results` field, `InfoItem` for
 * friend_check), typed as {@link BatchItem}s, where a plugin's answer type ({@link ApiResponse}) only
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
  const items = shape === undefined ? undefined : (answer as unknown as Record<string, unknown>)[shape.results];
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
  if (failed.length === 0 && record.Fail_Account === undefined && record[shape.results] === items) return base;
  const { Fail_Account: _previous, ...rest } = base as ApiResponse & { Fail_Account?: unknown };
  return { ...rest, [shape.results]: items, ...(failed.length > 0 ? { Fail_Account: failed } : {}) };
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
  if (alignedAnswers.get(answer) === accounts) return answer;
  const aligned = alignedAnswer(answer, shape, accounts);
  alignedAnswers.set(aligned, accounts);
  return aligned;
}

// Answers alignAnswer made (or passed on), by the list they were aligned to: aligning one again
// to the same list (the transport's, then the chunking plugin's) costs nothing.
const alignedAnswers = new WeakMap<ApiResponse, readonly string[]>();

function alignedAnswer(answer: ApiResponse, shape: BatchShape, accounts: readonly string[]): ApiResponse {
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
