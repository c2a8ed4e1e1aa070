import * as v from 'valibot';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { batchAnswerCheck, batchAnswerSchema, batchItemCheck, batchItemEntries } from '../envelope.js';
import { isRequestRecord, isString } from '../quick-check.js';
import { isUserId, isUserIdList, userIdListSchema, userIdSchema } from '../user-id.js';
import { objectMessage } from '../../util/validate.js';

/**
 * `CheckResult_Type_Single` (only B in A's list counts) or `CheckResult_Type_Both` (both directions).
 *
 * @example
 * ```ts
 * const CheckType: FriendCheckType = 'CheckResult_Type_Both';
 * await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType });
 * ```
 */
export type FriendCheckType = 'CheckResult_Type_Single' | 'CheckResult_Type_Both';

/**
 * Relation between `From_Account` (A) and `To_Account` (B). Single check: `AWithB` or
 * `NoRelation`; both-way check: `BothWay`, `AWithB` (B in A's list only), `BWithA` (A in B's
 * list only) or `NoRelation`. Meaningless when the item's `ResultCode` is not 0 ({@link isOk}
 * tells). The answer's `Relation` is typed `FriendRelation | (string & {})`, so a value the
 * service adds later does not fail the call.
 *
 * @example
 * ```ts
 * const { InfoItem } = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' });
 * const labels: Record<FriendRelation, string> = {
 *   CheckResult_Type_BothWay: 'friends',
 *   CheckResult_Type_AWithB: "bob is in alice's list",
 *   CheckResult_Type_BWithA: "alice is in bob's list",
 *   CheckResult_Type_NoRelation: 'no relation',
 * };
 * for (const item of InfoItem) {
 *   if (isOk(item)) console.log(item.To_Account, labels[item.Relation as FriendRelation] ?? item.Relation);
 * }
 * ```
 */
export type FriendRelation =
  | 'CheckResult_Type_BothWay'
  | 'CheckResult_Type_AWithB'
  | 'CheckResult_Type_BWithA'
  | 'CheckResult_Type_NoRelation';

/**
 * A successful {@link friendCheck} result for one account (`ResultCode` 0): what {@link isOk}
 * narrows a {@link FriendCheckItem} to. Its `Relation` is always present.
 *
 * @example
 * ```ts
 * const { InfoItem } = await tim.friendCheck(body);
 * const checked: FriendCheckSuccessItem[] = InfoItem.filter(isOk);
 * const friends = checked.filter((item) => item.Relation === 'CheckResult_Type_BothWay').map((item) => item.To_Account);
 * ```
 */
export interface FriendCheckSuccessItem {
  /** The account checked against `From_Account`. */
  To_Account: string;
  /** 0: this account was checked. */
  ResultCode: 0;
  /** Empty or absent on success. */
  ResultInfo?: string | undefined;
  /** How the two accounts relate; see {@link FriendRelation}. */
  Relation: FriendRelation | (string & {});
  /** Fields the service may add later, kept as they arrive. */
  [field: string]: unknown;
}

/**
 * A failed {@link friendCheck} result for one account (`ResultCode` not 0, for example 30006 or
 * a failure the SDK wrote for a chunk that failed for good): what a {@link FriendCheckItem} is
 * when {@link isOk} returned false. Its account is in the answer's `Fail_Account`.
 *
 * @example
 * ```ts
 * const { InfoItem } = await tim.friendCheck(body);
 * for (const item of InfoItem) {
 *   if (!isOk(item)) console.warn(`${item.To_Account}: ${item.ResultCode} ${item.ResultInfo ?? ''}`);
 * }
 * ```
 */
export interface FriendCheckFailedItem {
  /** The account that could not be checked. */
  To_Account: string;
  /** The IM error code (see {@link describeErrorCode}). */
  ResultCode: number;
  /** The service's (or the SDK's) description of the failure. */
  ResultInfo?: string | undefined;
  /** Meaningless on a failed item, though the service may send one (its docs' own sample does). */
  Relation?: FriendRelation | (string & {}) | undefined;
  /** Fields the service may add later, kept as they arrive. */
  [field: string]: unknown;
}

/**
 * One per-account result of a {@link friendCheck} answer (an `InfoItem` entry): a
 * {@link FriendCheckSuccessItem} or a {@link FriendCheckFailedItem}. {@link isOk} tells them
 * apart and narrows.
 *
 * @example
 * ```ts
 * const describe = (item: FriendCheckItem) => (isOk(item) ? `${item.To_Account}: ${item.Relation}` : `${item.To_Account}: error ${item.ResultCode}`);
 * const { InfoItem } = await tim.friendCheck(body);
 * InfoItem.map(describe);
 * ```
 */
export type FriendCheckItem = FriendCheckSuccessItem | FriendCheckFailedItem;

// The item schema (its check guarantees a Relation on success), typed as the union that check makes true.
const infoItemSchema = v.pipe(
  v.looseObject(
    {
      ...batchItemEntries,
      // Kept open: an unknown relation must not fail the whole call.
      Relation: v.optional(v.custom<FriendRelation | (string & {})>((r) => typeof r === 'string', 'must be a string')),
    },
    objectMessage,
  ),
  // A failed item may carry a Relation (the docs' own sample does); a successful one must.
  v.check((item) => item.ResultCode !== 0 || item.Relation !== undefined, 'a successful item must have a Relation'),
) as v.GenericSchema<unknown, FriendCheckItem>;

/** The schemas below, by hand: a 1,000-item answer is checked in place, without a copy. */
const quickCheck = {
  request: (body: unknown) =>
    isRequestRecord(body) &&
    isUserId(body.From_Account) &&
    isUserIdList(body.To_Account) &&
    (body.CheckType === 'CheckResult_Type_Single' || body.CheckType === 'CheckResult_Type_Both'),
  // A failed item may carry a Relation; a successful one must.
  response: batchAnswerCheck(batchItemCheck({ Relation: isString }, (item) => item.ResultCode !== 0 || item.Relation !== undefined)),
};

/**
 * The declaration of `v4/sns/friend_check`, which checks the relation between one account and up
 * to 1,000 others per request: what {@link TimClient.friendCheck} calls, to pass to
 * {@link TimClient.request} or compare with `ctx.endpoint` in a plugin.
 *
 * @example
 * ```ts
 * const answer = await tim.request(friendCheck, {
 *   From_Account: 'alice',
 *   To_Account: ['bob', 'carol'],
 *   CheckType: 'CheckResult_Type_Both',
 * });
 * ```
 */
export const friendCheck = declareBuiltIn({
  name: 'friendCheck',
  path: 'v4/sns/friend_check',
  summary: 'Checks the relation between From_Account and each account of To_Account',
  effect: 'read',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      To_Account: userIdListSchema,
      CheckType: v.pipe(
        v.picklist(
          ['CheckResult_Type_Single', 'CheckResult_Type_Both'] satisfies FriendCheckType[],
          'must be CheckResult_Type_Single or CheckResult_Type_Both',
        ),
        // The command's `--type both|single`, both when not given (its name before commands were derived).
        v.metadata({ flag: 'type', flagDefault: 'CheckResult_Type_Both' }),
      ),
    },
    objectMessage,
  ),
  response: batchAnswerSchema('InfoItem', infoItemSchema),
  batch: { list: 'To_Account', max: 1000, results: 'InfoItem' },
  quickCheck,
});

/**
 * Request body of {@link friendCheck}: `From_Account`, a non-empty `To_Account` list and `CheckType`.
 * Longer lists than the service's 1,000 per request are refused before sending.
 *
 * @example
 * ```ts
 * const body: FriendCheckRequest = {
 *   From_Account: 'alice',
 *   To_Account: ['bob', 'carol'],
 *   CheckType: 'CheckResult_Type_Both',
 * };
 * const { InfoItem } = await tim.friendCheck(body);
 * ```
 *
 * @useDeclaredType
 */
export type FriendCheckRequest = EndpointRequest<typeof friendCheck>;

/**
 * Answer of {@link friendCheck}, in the API's wire shape: one `InfoItem` per account
 * ({@link FriendCheckItem}) with its `ResultCode` and, when that is 0, its `Relation`;
 * `Fail_Account` lists the failed accounts. {@link isOk} narrows an item to its success shape.
 *
 * @example
 * ```ts
 * const answer: FriendCheckResponse = await tim.friendCheck(body);
 * for (const item of answer.InfoItem) {
 *   if (isOk(item)) console.log(item.To_Account, item.Relation);
 * }
 * ```
 *
 * @useDeclaredType
 */
export type FriendCheckResponse = v.InferOutput<typeof friendCheck.response>;
