import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { envelopeEntries } from '../envelope.js';
import { userIdSchema } from '../user-id.js';

/**
 * The declaration of `v4/sns/friend_delete_all`, which empties one account's friend list (with
 * `Delete_Type_Both`, it also leaves every friend's list): what `tim.friendDeleteAll` calls.
 * Emptying an empty list changes nothing, so after an unknown outcome the SDK sends it again.
 *
 * @example
 * ```ts
 * await tim.request(friendDeleteAll, { From_Account: 'alice', DeleteType: 'Delete_Type_Both' });
 * ```
 */
export const friendDeleteAll = declareBuiltIn({
  name: 'friendDeleteAll',
  path: 'v4/sns/friend_delete_all',
  summary: "Empties From_Account's friend list, or removes every friendship of From_Account both ways",
  effect: 'write',
  idempotent: true,
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      DeleteType: v.optional(v.picklist(['Delete_Type_Single', 'Delete_Type_Both'], 'must be Delete_Type_Single or Delete_Type_Both')),
    },
    objectMessage,
  ),
  response: v.looseObject(envelopeEntries, objectMessage),
});

/**
 * Request body of {@link friendDeleteAll}: `From_Account` and `DeleteType`
 * (`Delete_Type_Single`, the default: only `From_Account`'s list; `Delete_Type_Both`: every
 * friend's list too).
 *
 * @example
 * ```ts
 * const body: FriendDeleteAllRequest = { From_Account: 'alice', DeleteType: 'Delete_Type_Both' };
 * await tim.friendDeleteAll(body);
 * ```
 *
 * @useDeclaredType
 */
export type FriendDeleteAllRequest = EndpointRequest<typeof friendDeleteAll>;

/**
 * Answer of {@link friendDeleteAll}: the envelope alone (`ErrorCode` 0 when the list was emptied).
 *
 * @example
 * ```ts
 * const answer: FriendDeleteAllResponse = await tim.friendDeleteAll({ From_Account: 'alice' });
 * console.log(answer.ActionStatus);
 * ```
 *
 * @useDeclaredType
 */
export type FriendDeleteAllResponse = v.InferOutput<typeof friendDeleteAll.response>;
