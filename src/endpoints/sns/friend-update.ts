import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { closestStandardTag } from '../profile-tags.js';
import { textOfAtMost, userIdSchema } from '../user-id.js';
import { customFriendFieldSchema, groupNameSchema, maxFriendGroups } from './friend-fields.js';
import { writeAnswerSchema } from './write-result.js';

/**
 * One friend field to set with {@link friendUpdate}: the remark (`Tag_SNS_IM_Remark`, at most 96
 * bytes), the groups (`Tag_SNS_IM_Group`, a list of names, each at most 30 bytes) or a custom
 * friend field (`Tag_SNS_Custom_` and 1 to 8 letters: a string of at most 500 bytes or a
 * non-negative integer). The service lets nothing else be set.
 *
 * @example
 * ```ts
 * const fields: FriendUpdateField[] = [
 *   { Tag: 'Tag_SNS_IM_Remark', Value: 'Bob from work' },
 *   { Tag: 'Tag_SNS_IM_Group', Value: ['Work'] },
 *   { Tag: 'Tag_SNS_Custom_Level', Value: 3 },
 * ];
 * await tim.friendUpdate({ From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: fields }] });
 * ```
 */
export type FriendUpdateField =
  | { Tag: 'Tag_SNS_IM_Remark'; Value: string }
  | { Tag: 'Tag_SNS_IM_Group'; Value: string[] }
  | { Tag: `Tag_SNS_Custom_${string}`; Value: string | number };

/**
 * One friend to update with {@link friendUpdate} (an `UpdateItem` entry): the friend and the
 * fields to set on it.
 *
 * @example
 * ```ts
 * const entry: UpdateFriendEntry = { To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'Bob' }] };
 * await tim.friendUpdate({ From_Account: 'alice', UpdateItem: [entry] });
 * ```
 */
export interface UpdateFriendEntry {
  /** The friend, in `From_Account`'s list. */
  To_Account: string;
  /** The fields to set (see {@link FriendUpdateField}); fields not named keep their value. */
  SnsItem: FriendUpdateField[];
  /** Fields the service may take later, sent as given. */
  [field: string]: unknown;
}

const updatableTags: readonly string[] = ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group'];

/** A did-you-mean for a misspelt tag friend_update sets (none for another documented tag, which it does not set). */
function didYouMean(tag: unknown): string {
  const closest = typeof tag === 'string' ? closestStandardTag(tag) : undefined;
  return closest !== undefined && closest !== tag && updatableTags.includes(closest) ? `; did you mean ${closest}?` : '';
}

const updateFieldSchema = v.variant(
  'Tag',
  [
    v.object({ Tag: v.literal('Tag_SNS_IM_Remark'), Value: textOfAtMost(96) }, objectMessage),
    v.object(
      {
        Tag: v.literal('Tag_SNS_IM_Group'),
        Value: v.pipe(v.array(groupNameSchema, 'must be an array of group names'), v.maxLength(maxFriendGroups, `must hold at most ${maxFriendGroups} names`)),
      },
      objectMessage,
    ),
    customFriendFieldSchema,
  ],
  ({ input }) => `must be a field friend_update sets: Tag_SNS_IM_Remark, Tag_SNS_IM_Group or Tag_SNS_Custom_ and 1 to 8 letters${didYouMean(input)}`,
) as v.GenericSchema<FriendUpdateField, FriendUpdateField>;

const updateItemSchema = v.looseObject(
  {
    To_Account: userIdSchema,
    SnsItem: v.pipe(v.array(updateFieldSchema, 'must be an array of { Tag, Value }'), v.nonEmpty('must not be empty')),
  },
  objectMessage,
) as v.GenericSchema<UpdateFriendEntry, UpdateFriendEntry>;

/**
 * The declaration of `v4/sns/friend_update`, which sets friend fields (remark, groups, custom
 * friend fields) on friends already in one account's list, up to 100 per request (the service's
 * own maximum is not documented): what `tim.friendUpdate` calls. It sets values, so sending it
 * twice leaves the same state: after an unknown outcome the SDK sends it again. A group named
 * here that the account does not have yet is created with it.
 *
 * @example
 * ```ts
 * const { ResultItem } = await tim.request(friendUpdate, {
 *   From_Account: 'alice',
 *   UpdateItem: [{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'Bob' }] }],
 * });
 * ```
 */
export const friendUpdate = declareBuiltIn({
  name: 'friendUpdate',
  path: 'v4/sns/friend_update',
  summary: "Sets the remark, groups and custom friend fields of friends in From_Account's list",
  effect: 'write',
  idempotent: true,
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      UpdateItem: v.pipe(v.array(updateItemSchema, 'must be an array of { To_Account, SnsItem }'), v.nonEmpty('must not be empty')),
    },
    objectMessage,
  ),
  response: writeAnswerSchema,
  batch: { list: 'UpdateItem', account: 'To_Account', max: 100, results: 'ResultItem' },
});

/**
 * Request body of {@link friendUpdate}: `From_Account` and the friends to update as `UpdateItem`
 * entries ({@link UpdateFriendEntry}).
 *
 * @example
 * ```ts
 * const body: FriendUpdateRequest = { From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Group', Value: ['Work'] }] }] };
 * const { ResultItem } = await tim.friendUpdate(body);
 * ```
 *
 * @useDeclaredType
 */
export type FriendUpdateRequest = EndpointRequest<typeof friendUpdate>;

/**
 * Answer of {@link friendUpdate}: one `ResultItem` per friend ({@link WriteResultItem}, `isOk`
 * narrows), `Fail_Account` listing those not updated (30001 for an account that is no friend).
 *
 * @example
 * ```ts
 * const answer: FriendUpdateResponse = await tim.friendUpdate({ From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'Bob' }] }] });
 * const failed = answer.Fail_Account ?? [];
 * ```
 *
 * @useDeclaredType
 */
export type FriendUpdateResponse = v.InferOutput<typeof friendUpdate.response>;
