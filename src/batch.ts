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

/** A batch declaration with its defaults filled in. */
export interface BatchShape {
  readonly field: string;
  readonly max: number;
  readonly items: string;
  readonly key: string;
}

/**
 * How far a batch call has come, reported to `onProgress` each time a chunk finishes.
 * Accounts count once each (duplicates collapsed); `completed` includes `failed`.
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
  /** Distinct accounts in the call. */
  readonly totalAccounts: number;
  /** Chunks that finished, answered or failed. */
  readonly completedChunks: number;
  /** Chunks that failed as a whole after their retries. */
  readonly failedChunks: number;
  /** Chunks the call was split into. */
  readonly totalChunks: number;
}

/** The endpoint's batch declaration with defaults, or undefined for a non-batch endpoint. */
export function batchShape(endpoint: AnyEndpoint): BatchShape | undefined {
  const { batch } = endpoint;
  if (batch === undefined) return undefined;
  return { field: batch.field, max: batch.max, items: batch.items ?? 'InfoItem', key: batch.key ?? 'To_Account' };
}

/** The accounts a request body asks about (the validated `field` list). */
export function requestedAccounts(body: Readonly<Record<string, unknown>>, shape: BatchShape): readonly string[] {
  const accounts = body[shape.field];
  return Array.isArray(accounts) ? (accounts as string[]) : [];
}

/** The per-account results of an answer (validated by the endpoint's response schema). */
export function answerItems(answer: ApiResponse, shape: BatchShape): readonly BatchItem[] {
  const items = (answer as unknown as Record<string, unknown>)[shape.items];
  return Array.isArray(items) ? (items as BatchItem[]) : [];
}

/** The account a result belongs to. */
export function accountOf(item: BatchItem, shape: BatchShape): string {
  return String(item[shape.key]);
}

/** A result the SDK writes for an account the service did not answer successfully. */
export function failureItem(shape: BatchShape, account: string, code: number, info: string): BatchItem {
  return { [shape.key]: account, ResultCode: code, ResultInfo: info };
}

/**
 * `base` with its results replaced by `items` and `Fail_Account` listing exactly the failed
 * accounts (absent when none failed, as the service does).
 */
export function withItems(base: ApiResponse, shape: BatchShape, items: readonly BatchItem[]): ApiResponse {
  const failed: string[] = [];
  for (const item of items) if (item.ResultCode !== 0) failed.push(accountOf(item, shape));
  const { Fail_Account: _previous, ...rest } = base as ApiResponse & { Fail_Account?: unknown };
  return { ...rest, [shape.items]: items, ...(failed.length > 0 ? { Fail_Account: failed } : {}) };
}

/** Whether a per-account failure is worth asking again (30006, 30007 …). */
export function isRetryableItem(item: BatchItem): boolean {
  return item.ResultCode !== 0 && isRetryableCode(item.ResultCode);
}
