import * as v from 'valibot';
import { defineEndpoint } from '../endpoint.js';
import { batchItemEntries, envelopeEntries, failAccountEntry, integerSchema } from '../envelope.js';
import { userIdSchema } from '../user-id.js';
import { objectMessage } from '../validate.js';

const snsProfileItemSchema = v.object(
  {
    Tag: v.string('must be a string'),
    Value: v.union([v.string(), integerSchema, v.array(v.string())], 'must be a string, an integer or a list of strings'),
  },
  objectMessage,
);

/**
 * One profile or friend field: `Tag_SNS_IM_Group` carries a list of group names, integer tags
 * (`Tag_SNS_IM_AddTime`, `Tag_Profile_IM_Level` …) a number, the others a string.
 */
export type SnsProfileItem = v.InferOutput<typeof snsProfileItemSchema>;

/**
 * `v4/sns/friend_get_list`: pulls profile and friend fields of chosen friends of one account,
 * up to 100 friends per request.
 *
 * @example
 * ```ts
 * const answer = await tim.request(friendGetList, {
 *   From_Account: 'alice',
 *   To_Account: ['bob'],
 *   TagList: ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark'],
 * });
 * ```
 */
export const friendGetList = defineEndpoint({
  name: 'friendGetList',
  path: 'v4/sns/friend_get_list',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      To_Account: v.pipe(v.array(userIdSchema, 'must be an array of UserIDs'), v.nonEmpty('must not be empty')),
      TagList: v.pipe(
        v.array(v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty')), 'must be an array of tag names'),
        v.nonEmpty('must not be empty'),
      ),
    },
    objectMessage,
  ),
  response: v.looseObject(
    {
      ...envelopeEntries,
      ...failAccountEntry,
      InfoItem: v.array(
        v.looseObject(
          { ...batchItemEntries, SnsProfileItem: v.optional(v.array(snsProfileItemSchema, 'must be an array')) },
          objectMessage,
        ),
        'must be an array',
      ),
    },
    objectMessage,
  ),
  batch: { field: 'To_Account', max: 100 },
});

/** Request body of {@link friendGetList}. */
export type FriendGetListRequest = v.InferInput<typeof friendGetList.request>;

/** Answer of {@link friendGetList}. */
export type FriendGetListResponse = v.InferOutput<typeof friendGetList.response>;
