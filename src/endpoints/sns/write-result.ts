import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import type { AnyEndpoint, Reconciliation } from '../define-endpoint.js';
import { batchAnswerSchema, batchItemEntries } from '../envelope.js';
import { friendCheck, type FriendRelation } from './friend-check.js';

/**
 * A successful result of a relationship-chain write for one account (`ResultCode` 0): what
 * {@link isOk} narrows a {@link WriteResultItem} to.
 *
 * @example
 * ```ts
 * const { ResultItem } = await tim.friendDelete({ From_Account: 'alice', To_Account: ['bob'] });
 * const done: WriteSuccessItem[] = ResultItem.filter(isOk);
 * ```
 */
export interface WriteSuccessItem {
  /** The account the write was for. */
  To_Account: string;
  /** 0: the write was applied for this account. */
  ResultCode: 0;
  /** Empty or absent on success (the SDK notes here a success it found out by reconciling). */
  ResultInfo?: string | undefined;
  /** Fields the service may add later, kept as they arrive. */
  [field: string]: unknown;
}

/**
 * A failed (or pending) result of a relationship-chain write for one account: its account is in
 * the answer's `Fail_Account`. 30539 / 30525 from `friendAdd` mean the request waits for the
 * other side's approval: pending, not failed. -6 means the SDK could not find out whether the
 * write was applied (its request may have reached the service, and no answer came).
 *
 * @example
 * ```ts
 * const { ResultItem } = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Admin' }] });
 * for (const item of ResultItem) if (!isOk(item)) console.warn(item.To_Account, describeErrorCode(item.ResultCode).meaning);
 * ```
 */
export interface WriteFailedItem {
  /** The account the write was for. */
  To_Account: string;
  /** The IM error code (see {@link describeErrorCode}), or one of the SDK's (-1 … -6). */
  ResultCode: number;
  /** The service's (or the SDK's) description of the failure. */
  ResultInfo?: string | undefined;
  /** Fields the service may add later, kept as they arrive. */
  [field: string]: unknown;
}

/**
 * One per-account result of a relationship-chain write (a `ResultItem` entry): a
 * {@link WriteSuccessItem} or a {@link WriteFailedItem}; {@link isOk} tells them apart.
 *
 * @example
 * ```ts
 * const describe = (item: WriteResultItem) => (isOk(item) ? `${item.To_Account}: done` : `${item.To_Account}: ${item.ResultCode}`);
 * ```
 */
export type WriteResultItem = WriteSuccessItem | WriteFailedItem;

const resultItemSchema = v.looseObject(batchItemEntries, objectMessage) as v.GenericSchema<unknown, WriteResultItem>;

/** The answer of a batch write: the envelope, `ResultItem` and `Fail_Account`. */
export const writeAnswerSchema = batchAnswerSchema('ResultItem', resultItemSchema);

/**
 * How a write is reconciled after an unknown outcome by reading its accounts back: `read` (a
 * batch check whose results carry a `Relation`) of the accounts whose result is unknown, both
 * ways; `applied` tells from each relation whether the write took.
 */
export function readBackReconciliation(
  read: AnyEndpoint,
  checkType: string,
  applied: (relation: string, write: Readonly<Record<string, unknown>>) => boolean,
): Reconciliation {
  return {
    read,
    body: (write, accounts) => ({ From_Account: write.From_Account, To_Account: accounts, CheckType: checkType }),
    applied: (item, write) => typeof item.Relation === 'string' && applied(item.Relation, write),
  };
}

/** A friendship write, read back with friend_check both ways; `applied` reads the relation. */
export const friendshipReconciliation = (applied: (relation: FriendRelation | (string & {}), write: Readonly<Record<string, unknown>>) => boolean): Reconciliation =>
  readBackReconciliation(friendCheck, 'CheckResult_Type_Both', applied);
