import * as v from 'valibot';
import { defineEndpoint, type EndpointRequest } from '../endpoint.js';
import { batchAnswerCheck, batchItemChecks, batchItemEntries, envelopeEntries, failAccountEntry } from '../envelope.js';
import { fieldChecks, fieldsPass, isExactInteger, isRecord, isRequestRecord, isString } from '../quick-check.js';
import { isUserId, isUserIdList, userIdSchema } from '../user-id.js';
import { objectMessage } from '../validate.js';

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
 * list only) or `NoRelation`. Meaningless when the item's `ResultCode` is not 0. The answer's
 * `Relation` is typed `FriendRelation | string`, so a value the service adds later does not fail
 * the call.
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
 *   if (item.ResultCode === 0) console.log(item.To_Account, labels[item.Relation as FriendRelation] ?? item.Relation);
 * }
 * ```
 */
export type FriendRelation =
  | 'CheckResult_Type_BothWay'
  | 'CheckResult_Type_AWithB'
  | 'CheckResult_Type_BWithA'
  | 'CheckResult_Type_NoRelation';

const itemChecks = fieldChecks({ ...batchItemChecks, Relation: isString });

/** The schemas below, by hand: a 1,000-item answer is checked in place, without a copy. */
const quickCheck = {
  request: (body: unknown) =>
    isRequestRecord(body) &&
    isUserId(body.From_Account) &&
    isUserIdList(body.To_Account) &&
    (body.CheckType === 'CheckResult_Type_Single' || body.CheckType === 'CheckResult_Type_Both'),
  response: batchAnswerCheck(
    (item) =>
      isRecord(item) &&
      isString(item.To_Account) &&
      isExactInteger(item.ResultCode) &&
      (item.ResultCode !== 0 || item.Relation !== undefined) &&
      fieldsPass(item, itemChecks),
  ),
};

/**
 * `v4/sns/friend_check`: checks the relation between one account and up to 1,000 others per
 * request.
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
export const friendCheck = defineEndpoint({
  name: 'friendCheck',
  path: 'v4/sns/friend_check',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      To_Account: v.pipe(v.array(userIdSchema, 'must be an array of UserIDs'), v.nonEmpty('must not be empty')),
      CheckType: v.picklist(
        ['CheckResult_Type_Single', 'CheckResult_Type_Both'] satisfies FriendCheckType[],
        'must be CheckResult_Type_Single or CheckResult_Type_Both',
      ),
    },
    objectMessage,
  ),
  response: v.looseObject(
    {
      ...envelopeEntries,
      ...failAccountEntry,
      InfoItem: v.array(
        v.pipe(
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
        ),
        'must be an array',
      ),
    },
    objectMessage,
  ),
  batch: { field: 'To_Account', max: 1000 },
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
 * Answer of {@link friendCheck}, in the API's wire shape: one `InfoItem` per account with its
 * `ResultCode` and, when that is 0, its `Relation`; `Fail_Account` lists the failed accounts.
 *
 * @example
 * ```ts
 * const answer: FriendCheckResponse = await tim.friendCheck(body);
 * for (const item of answer.InfoItem) {
 *   if (item.ResultCode === 0) console.log(item.To_Account, item.Relation);
 * }
 * ```
 *
 * @useDeclaredType
 */
export type FriendCheckResponse = v.InferOutput<typeof friendCheck.response>;
