import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { userIdListSchema, userIdSchema } from '../user-id.js';
import { friendshipReconciliation, writeAnswerSchema } from './write-result.js';

/**
 * The declaration of `v4/sns/friend_delete`, which removes friends from one account's list (or
 * both lists), up to 1,000 per request: what `tim.friendDelete` calls. After an unknown outcome
 * the SDK reads each account's relation with `friendCheck` and reports what the delete did,
 * sending again only those it shows still there. An account that was no friend answers 31704.
 *
 * @example
 * ```ts
 * const { ResultItem } = await tim.request(friendDelete, { From_Account: 'alice', To_Account: ['bob'], DeleteType: 'Delete_Type_Both' });
 * ```
 */
export const friendDelete = declareBuiltIn({
  name: 'friendDelete',
  path: 'v4/sns/friend_delete',
  summary: "Removes friends from From_Account's list, or from both lists",
  effect: 'write',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      To_Account: userIdListSchema,
      DeleteType: v.optional(v.picklist(['Delete_Type_Single', 'Delete_Type_Both'], 'must be Delete_Type_Single or Delete_Type_Both')),
    },
    objectMessage,
  ),
  response: writeAnswerSchema,
  batch: { list: 'To_Account', max: 1000, results: 'ResultItem' },
  // Deleted one way: B is gone from A's list; both ways: no relation is left.
  reconcile: friendshipReconciliation((relation, write) =>
    write.DeleteType === 'Delete_Type_Both' ? relation === 'CheckResult_Type_NoRelation' : relation === 'CheckResult_Type_NoRelation' || relation === 'CheckResult_Type_BWithA',
  ),
});

/**
 * Request body of {@link friendDelete}: `From_Account`, the non-empty `To_Account` list and
 * `DeleteType` (`Delete_Type_Single`, the default: only from `From_Account`'s list;
 * `Delete_Type_Both`: from both lists).
 *
 * @example
 * ```ts
 * const body: FriendDeleteRequest = { From_Account: 'alice', To_Account: ['bob', 'carol'], DeleteType: 'Delete_Type_Both' };
 * const { ResultItem } = await tim.friendDelete(body);
 * ```
 *
 * @useDeclaredType
 */
export type FriendDeleteRequest = EndpointRequest<typeof friendDelete>;

/**
 * Answer of {@link friendDelete}: one `ResultItem` per account ({@link WriteResultItem}, `isOk`
 * narrows), `Fail_Account` listing those not deleted (31704: was no friend).
 *
 * @example
 * ```ts
 * const answer: FriendDeleteResponse = await tim.friendDelete(body);
 * const notFriends = answer.ResultItem.filter((item) => item.ResultCode === 31704).map((item) => item.To_Account);
 * ```
 *
 * @useDeclaredType
 */
export type FriendDeleteResponse = v.InferOutput<typeof friendDelete.response>;
