import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { textOfAtMost, userIdSchema } from '../user-id.js';
import { friendshipReconciliation, writeAnswerSchema } from './write-result.js';

/**
 * One friend to add with {@link friendAdd} (an `AddFriendItem` entry), sent as given.
 *
 * @example
 * ```ts
 * const entry: AddFriendEntry = { To_Account: 'bob', AddSource: 'AddSource_Type_Admin', Remark: 'Bob', GroupName: 'Work' };
 * await tim.friendAdd({ From_Account: 'alice', AddFriendItem: [entry] });
 * ```
 */
export interface AddFriendEntry {
  /** The account to add. */
  To_Account: string;
  /** Where the request comes from: `AddSource_Type_` and a keyword of 1 to 8 letters. */
  AddSource: string;
  /** The remark `From_Account` gives the friend: at most 96 bytes in UTF-8. */
  Remark?: string | undefined;
  /** The friend group to put the friend in: at most 30 bytes in UTF-8. */
  GroupName?: string | undefined;
  /** The message shown with a request that needs approval: at most 256 bytes in UTF-8. */
  AddWording?: string | undefined;
  /** Fields the service may take later, sent as given. */
  [field: string]: unknown;
}

const addFriendItemSchema = v.looseObject(
  {
    To_Account: userIdSchema,
    AddSource: v.pipe(v.string('must be a string'), v.regex(/^AddSource_Type_[A-Za-z]{1,8}$/, 'must be AddSource_Type_ and a keyword of 1 to 8 letters')),
    Remark: v.optional(textOfAtMost(96)),
    GroupName: v.optional(textOfAtMost(30)),
    AddWording: v.optional(textOfAtMost(256)),
  },
  objectMessage,
) as v.GenericSchema<AddFriendEntry, AddFriendEntry>;

/**
 * The declaration of `v4/sns/friend_add`, which adds friends to one account's list, up to 100 per
 * request (the service's own maximum is not documented): what `tim.friendAdd` calls. A write that
 * is not safe to send twice blindly: after an unknown outcome the SDK reads each account's
 * relation with `friendCheck` and reports what the add did, sending again only those it shows
 * were not added. An account whose add waits for the other side's approval answers 30539 (or
 * 30525): pending, not failed.
 *
 * @example
 * ```ts
 * const { ResultItem } = await tim.request(friendAdd, {
 *   From_Account: 'alice',
 *   AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Admin', Remark: 'Bob' }],
 *   AddType: 'Add_Type_Both',
 *   ForceAddFlags: 1,
 * });
 * ```
 */
export const friendAdd = declareBuiltIn({
  name: 'friendAdd',
  path: 'v4/sns/friend_add',
  summary: "Adds friends to From_Account's list, one way or both ways",
  effect: 'write',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      AddFriendItem: v.pipe(v.array(addFriendItemSchema, 'must be an array of { To_Account, AddSource … }'), v.nonEmpty('must not be empty')),
      AddType: v.optional(v.picklist(['Add_Type_Single', 'Add_Type_Both'], 'must be Add_Type_Single or Add_Type_Both')),
      ForceAddFlags: v.optional(v.picklist([0, 1], 'must be 0 or 1')),
    },
    objectMessage,
  ),
  response: writeAnswerSchema,
  batch: { list: 'AddFriendItem', account: 'To_Account', max: 100, results: 'ResultItem' },
  // Added one way: B is in A's list; both ways (the default): each is in the other's.
  reconcile: friendshipReconciliation((relation, write) =>
    write.AddType === 'Add_Type_Single' ? relation === 'CheckResult_Type_AWithB' || relation === 'CheckResult_Type_BothWay' : relation === 'CheckResult_Type_BothWay',
  ),
});

/**
 * Request body of {@link friendAdd}: `From_Account`, the friends to add as `AddFriendItem`
 * entries (`To_Account`, `AddSource` = `AddSource_Type_` and up to 8 letters, optional `Remark`
 * ≤ 96 bytes, `GroupName` ≤ 30 bytes, `AddWording` ≤ 256 bytes), `AddType` (`Add_Type_Both`
 * unless given) and `ForceAddFlags` (1: no approval asked). Entries are sent unchanged; an account
 * twice with other fields is refused before sending.
 *
 * @example
 * ```ts
 * const body: FriendAddRequest = {
 *   From_Account: 'alice',
 *   AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Admin' }],
 *   AddType: 'Add_Type_Single',
 * };
 * const { ResultItem } = await tim.friendAdd(body);
 * ```
 *
 * @useDeclaredType
 */
export type FriendAddRequest = EndpointRequest<typeof friendAdd>;

/**
 * Answer of {@link friendAdd}: one `ResultItem` per account ({@link WriteResultItem}, `isOk`
 * narrows), `Fail_Account` listing those not added (pending ones included).
 *
 * @example
 * ```ts
 * const answer: FriendAddResponse = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Admin' }] });
 * const pending = answer.ResultItem.filter((item) => item.ResultCode === 30539).map((item) => item.To_Account);
 * ```
 *
 * @useDeclaredType
 */
export type FriendAddResponse = v.InferOutput<typeof friendAdd.response>;
