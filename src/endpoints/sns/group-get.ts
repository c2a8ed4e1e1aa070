import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { envelopeEntries, integerSchema } from '../envelope.js';
import { userIdSchema } from '../user-id.js';
import { groupNamesSchema } from './friend-fields.js';

/**
 * One friend group of a {@link groupGet} answer: its name, how many friends it holds and, when
 * asked (`NeedFriend`), which.
 *
 * @example
 * ```ts
 * const { ResultItem } = await tim.groupGet({ From_Account: 'alice', NeedFriend: 'Need_Friend_Type_Yes' });
 * const sizes = Object.fromEntries(ResultItem.map((group: FriendGroup) => [group.GroupName, group.FriendNumber]));
 * ```
 */
export interface FriendGroup {
  /** The group's name. */
  GroupName: string;
  /** How many friends it holds. */
  FriendNumber: number;
  /** Its friends, when the request asked for them. */
  To_Account?: string[] | undefined;
  /** Fields the service may add later, kept as they arrive. */
  [field: string]: unknown;
}

const friendGroupSchema = v.looseObject(
  { GroupName: v.string('must be a string'), FriendNumber: integerSchema, To_Account: v.optional(v.array(v.string('must be a string'), 'must be an array')) },
  objectMessage,
) as v.GenericSchema<unknown, FriendGroup>;

/**
 * The declaration of `v4/sns/group_get`, which reads one account's friend groups (all of them, or
 * those named in `GroupName`) with their sizes and, with `NeedFriend: 'Need_Friend_Type_Yes'`
 * (honoured only without `GroupName`), their friends: what `tim.groupGet` calls.
 *
 * @example
 * ```ts
 * const { ResultItem, CurrentSequence } = await tim.request(groupGet, { From_Account: 'alice', NeedFriend: 'Need_Friend_Type_Yes' });
 * ```
 */
export const groupGet = declareBuiltIn({
  name: 'groupGet',
  path: 'v4/sns/group_get',
  summary: "Reads From_Account's friend groups, their sizes and (NeedFriend) their friends",
  effect: 'read',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      NeedFriend: v.optional(v.picklist(['Need_Friend_Type_Yes'], 'must be Need_Friend_Type_Yes')),
      GroupName: v.optional(groupNamesSchema),
    },
    objectMessage,
  ),
  response: v.looseObject(
    { ...envelopeEntries, ResultItem: v.optional(v.array(friendGroupSchema, 'must be an array'), []), CurrentSequence: v.optional(integerSchema) },
    objectMessage,
  ),
});

/**
 * Request body of {@link groupGet}: `From_Account`, and optionally `NeedFriend`
 * (`Need_Friend_Type_Yes`: list each group's friends) or the `GroupName` list to read.
 *
 * @example
 * ```ts
 * const body: GroupGetRequest = { From_Account: 'alice', GroupName: ['Work'] };
 * const { ResultItem } = await tim.groupGet(body);
 * ```
 *
 * @useDeclaredType
 */
export type GroupGetRequest = EndpointRequest<typeof groupGet>;

/**
 * Answer of {@link groupGet}: `ResultItem`, one {@link FriendGroup} per group, and
 * `CurrentSequence`, the account's group sequence.
 *
 * @example
 * ```ts
 * const answer: GroupGetResponse = await tim.groupGet({ From_Account: 'alice' });
 * console.log(answer.ResultItem.map((group) => `${group.GroupName}: ${group.FriendNumber}`).join(', '));
 * ```
 *
 * @useDeclaredType
 */
export type GroupGetResponse = v.InferOutput<typeof groupGet.response>;
