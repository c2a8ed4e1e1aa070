import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { envelopeEntries, integerSchema } from '../envelope.js';
import { snsProfileItemSchema, type SnsProfileItem } from '../profile-tags.js';
import { userIdSchema } from '../user-id.js';

/**
 * One friend of a {@link friendGet} page: the account and its friend and profile fields
 * (`Tag_SNS_IM_Remark`, `Tag_SNS_IM_Group`, `Tag_SNS_IM_AddTime`, custom `Tag_SNS_Custom_*` …),
 * which `tagValue` reads typed.
 *
 * @example
 * ```ts
 * for await (const page of tim.paginate(friendGet, { From_Account: 'alice' })) {
 *   for (const friend of page.UserDataItem) console.log(friend.To_Account, tagValue(friend, 'Tag_SNS_IM_Remark'));
 * }
 * ```
 *
 */
export interface FriendGetItem {
  /** The friend. */
  To_Account: string;
  /** The friend's fields, as tag/value pairs. */
  ValueItem?: SnsProfileItem[] | undefined;
  /** Fields the service may add later, kept as they arrive. */
  [field: string]: unknown;
}

const userDataItemSchema = v.looseObject(
  {
    To_Account: v.string('must be a string'),
    ValueItem: v.optional(v.array(snsProfileItemSchema, 'must be an array')),
  },
  objectMessage,
) as v.GenericSchema<unknown, FriendGetItem>;

const sequence = v.optional(v.pipe(integerSchema, v.minValue(0, 'must not be negative')));

/**
 * The declaration of `v4/sns/friend_get`, which lists one account's friends, page by page (the
 * service sets the page size): what `tim.friendGet` calls for one page, and `tim.paginate` walks
 * from the first page to the last. The walk owns `StartIndex` and sends `StandardSequence` and
 * `CustomSequence` 0 on every page, so that no field is left out as unchanged.
 *
 * @example
 * ```ts
 * const friends: string[] = [];
 * for await (const page of tim.paginate(friendGet, { From_Account: 'alice' })) {
 *   friends.push(...page.UserDataItem.map((friend) => friend.To_Account));
 * }
 * ```
 */
export const friendGet = declareBuiltIn({
  name: 'friendGet',
  path: 'v4/sns/friend_get',
  summary: "Lists From_Account's friends and their friend fields, page by page",
  effect: 'read',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      StartIndex: v.pipe(integerSchema, v.minValue(0, 'must not be negative')),
      StandardSequence: sequence,
      CustomSequence: sequence,
    },
    objectMessage,
  ),
  response: v.looseObject(
    {
      ...envelopeEntries,
      UserDataItem: v.optional(v.array(userDataItemSchema, 'must be an array'), []),
      StandardSequence: v.optional(integerSchema),
      CustomSequence: v.optional(integerSchema),
      FriendNum: v.optional(integerSchema),
      CompleteFlag: integerSchema,
      NextStartIndex: v.optional(integerSchema),
    },
    objectMessage,
  ),
  paged: { cursor: 'StartIndex', next: 'NextStartIndex', items: 'UserDataItem', complete: 'CompleteFlag', set: { StandardSequence: 0, CustomSequence: 0 } },
});

/**
 * Request body of {@link friendGet} for one page: `From_Account` and `StartIndex` (0 for the
 * first page, then each answer's `NextStartIndex`), optional sequences. `tim.paginate` takes it
 * without `StartIndex`.
 *
 * @example
 * ```ts
 * const first: FriendGetRequest = { From_Account: 'alice', StartIndex: 0 };
 * const page = await tim.friendGet(first);
 * ```
 *
 * @useDeclaredType
 */
export type FriendGetRequest = EndpointRequest<typeof friendGet>;

/**
 * One page of {@link friendGet}: `UserDataItem` (its friends), `FriendNum` (all of them),
 * `CompleteFlag` (non-zero on the last page) and `NextStartIndex`.
 *
 * @example
 * ```ts
 * const page: FriendGetResponse = await tim.friendGet({ From_Account: 'alice', StartIndex: 0 });
 * console.log(`${page.UserDataItem.length} of ${page.FriendNum}`, page.CompleteFlag ? 'last page' : `next: ${page.NextStartIndex}`);
 * ```
 *
 * @useDeclaredType
 */
export type FriendGetResponse = v.InferOutput<typeof friendGet.response>;
