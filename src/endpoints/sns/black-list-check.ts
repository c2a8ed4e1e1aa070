import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { batchAnswerSchema, batchItemEntries } from '../envelope.js';
import { userIdListSchema, userIdSchema } from '../user-id.js';

/**
 * How `From_Account` (A) and `To_Account` (B) block each other: `BlackCheckResult_Type_BothWay`
 * (each blocks the other), `_AWithB` (B is in A's block list), `_BWithA` (A is in B's) or `_NO`.
 * A single check (`BlackCheckResult_Type_Single`) looks at A's list only. Meaningless when the
 * item's `ResultCode` is not 0; typed open (`| (string & {})`) so that a value the service adds
 * later does not fail the call.
 *
 * @example
 * ```ts
 * const { BlackListCheckItem } = await tim.blackListCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'BlackCheckResult_Type_Both' });
 * const blocked = BlackListCheckItem.filter((item) => isOk(item) && item.Relation !== 'BlackCheckResult_Type_NO');
 * ```
 */
export type BlackListRelation = 'BlackCheckResult_Type_BothWay' | 'BlackCheckResult_Type_AWithB' | 'BlackCheckResult_Type_BWithA' | 'BlackCheckResult_Type_NO';

/**
 * A successful {@link blackListCheck} result for one account (`ResultCode` 0): what {@link isOk}
 * narrows a {@link BlackListCheckItem} to. Its `Relation` is always present.
 *
 * @example
 * ```ts
 * const { BlackListCheckItem } = await tim.blackListCheck({ From_Account: 'alice', To_Account: ['bob', 'mallory'], CheckType: 'BlackCheckResult_Type_Both' });
 * const checked: BlackListCheckSuccessItem[] = BlackListCheckItem.filter(isOk);
 * const blockedByAlice = checked.filter((item) => item.Relation === 'BlackCheckResult_Type_AWithB').map((item) => item.To_Account);
 * ```
 */
export interface BlackListCheckSuccessItem {
  /** The account checked against `From_Account`. */
  To_Account: string;
  /** 0: this account was checked. */
  ResultCode: 0;
  /** Empty or absent on success. */
  ResultInfo?: string | undefined;
  /** How the two block each other; see {@link BlackListRelation}. */
  Relation: BlackListRelation | (string & {});
  /** Fields the service may add later, kept as they arrive. */
  [field: string]: unknown;
}

/**
 * A failed {@link blackListCheck} result for one account (`ResultCode` not 0): what a
 * {@link BlackListCheckItem} is when {@link isOk} returned false. Its account is in the answer's
 * `Fail_Account`.
 *
 * @example
 * ```ts
 * const { BlackListCheckItem } = await tim.blackListCheck({ From_Account: 'alice', To_Account: ['bob', 'mallory'], CheckType: 'BlackCheckResult_Type_Both' });
 * for (const item of BlackListCheckItem) if (!isOk(item)) console.warn(item.To_Account, item.ResultCode);
 * ```
 */
export interface BlackListCheckFailedItem {
  /** The account that could not be checked. */
  To_Account: string;
  /** The IM error code (see {@link describeErrorCode}). */
  ResultCode: number;
  /** The service's (or the SDK's) description of the failure. */
  ResultInfo?: string | undefined;
  /** Meaningless on a failed item. */
  Relation?: BlackListRelation | (string & {}) | undefined;
  /** Fields the service may add later, kept as they arrive. */
  [field: string]: unknown;
}

/**
 * One per-account result of {@link blackListCheck} (a `BlackListCheckItem` entry): a
 * {@link BlackListCheckSuccessItem} or a {@link BlackListCheckFailedItem}; {@link isOk} tells
 * them apart and narrows.
 *
 * @example
 * ```ts
 * const describe = (item: BlackListCheckItem) => (isOk(item) ? `${item.To_Account}: ${item.Relation}` : `${item.To_Account}: error ${item.ResultCode}`);
 * ```
 */
export type BlackListCheckItem = BlackListCheckSuccessItem | BlackListCheckFailedItem;

const checkItemSchema = v.pipe(
  v.looseObject(
    {
      ...batchItemEntries,
      Relation: v.optional(v.custom<BlackListRelation | (string & {})>((r) => typeof r === 'string', 'must be a string')),
    },
    objectMessage,
  ),
  v.check((item) => item.ResultCode !== 0 || item.Relation !== undefined, 'a successful item must have a Relation'),
) as v.GenericSchema<unknown, BlackListCheckItem>;

/**
 * The declaration of `v4/sns/black_list_check`, which checks whether one account and each of up
 * to 1,000 others per request block each other: what `tim.blackListCheck` calls, and how a block
 * or an unblock whose outcome is unknown is read back.
 *
 * @example
 * ```ts
 * const answer = await tim.request(blackListCheck, { From_Account: 'alice', To_Account: ['bob', 'carol'], CheckType: 'BlackCheckResult_Type_Both' });
 * ```
 */
export const blackListCheck = declareBuiltIn({
  name: 'blackListCheck',
  path: 'v4/sns/black_list_check',
  summary: 'Checks whether From_Account and each account of To_Account block each other',
  effect: 'read',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      To_Account: userIdListSchema,
      CheckType: v.pipe(
        v.picklist(['BlackCheckResult_Type_Both', 'BlackCheckResult_Type_Single'], 'must be BlackCheckResult_Type_Both or BlackCheckResult_Type_Single'),
        v.metadata({ flag: 'type', flagDefault: 'BlackCheckResult_Type_Both' }),
      ),
    },
    objectMessage,
  ),
  response: batchAnswerSchema('BlackListCheckItem', checkItemSchema),
  batch: { list: 'To_Account', max: 1000, results: 'BlackListCheckItem' },
});

/**
 * Request body of {@link blackListCheck}: `From_Account`, a non-empty `To_Account` list and
 * `CheckType` (`BlackCheckResult_Type_Both`: both lists; `BlackCheckResult_Type_Single`:
 * `From_Account`'s only).
 *
 * @example
 * ```ts
 * const body: BlackListCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'BlackCheckResult_Type_Both' };
 * const { BlackListCheckItem } = await tim.blackListCheck({ From_Account: 'alice', To_Account: ['bob', 'mallory'], CheckType: 'BlackCheckResult_Type_Both' });
 * ```
 *
 * @useDeclaredType
 */
export type BlackListCheckRequest = EndpointRequest<typeof blackListCheck>;

/**
 * Answer of {@link blackListCheck}: one `BlackListCheckItem` per account, `Fail_Account` listing
 * the accounts that could not be checked.
 *
 * @example
 * ```ts
 * const answer: BlackListCheckResponse = await tim.blackListCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'BlackCheckResult_Type_Both' });
 * for (const item of answer.BlackListCheckItem) if (isOk(item)) console.log(item.To_Account, item.Relation);
 * ```
 *
 * @useDeclaredType
 */
export type BlackListCheckResponse = v.InferOutput<typeof blackListCheck.response>;
