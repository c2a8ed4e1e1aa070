import * as v from 'valibot';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { batchAnswerCheck, batchAnswerSchema, batchItemCheck, batchItemEntries } from '../envelope.js';
import { isArrayOf, isExactInteger, isRecord, isRequestRecord, isString, isStringArray } from '../quick-check.js';
import { isTagName, snsProfileItemSchema, tagNameSchema, type SnsProfileItem } from '../profile-tags.js';

export type { SnsProfileItem } from '../profile-tags.js';
import { isUserId, isUserIdList, userIdListSchema, userIdSchema } from '../user-id.js';
import { objectMessage } from '../../util/validate.js';

/**
 * A successful {@link friendGetList} result for one friend (`ResultCode` 0): what {@link isOk}
 * narrows a {@link FriendGetListItem} to. Its `SnsProfileItem` list is present, as the service
 * documents it (the SDK does not check that); {@link tagValue} reads one tag from it.
 *
 * @example
 * ```ts
 * const { InfoItem } = await tim.friendGetList(body);
 * const fetched: FriendGetListSuccessItem[] = InfoItem.filter(isOk);
 * const fieldCounts = fetched.map((item) => item.SnsProfileItem.length);
 * ```
 */
export interface FriendGetListSuccessItem {
  /** The friend whose fields these are. */
  To_Account: string;
  /** 0: the friend's fields were read. */
  ResultCode: 0;
  /** Empty or absent on success. */
  ResultInfo?: string | undefined;
  /** The asked fields the friend has, as tag/value pairs. */
  SnsProfileItem: SnsProfileItem[];
  /** Fields the service may add later, kept as they arrive. */
  [field: string]: unknown;
}

/**
 * A failed {@link friendGetList} result for one account (`ResultCode` not 0, for example 30001
 * `Err_SNS_FriendGetList_Friend_Not_Exist` when the account is not in `From_Account`'s list):
 * what a {@link FriendGetListItem} is when {@link isOk} returned false. Its account is in the
 * answer's `Fail_Account`.
 *
 * @example
 * ```ts
 * const { InfoItem } = await tim.friendGetList(body);
 * const notFriends = InfoItem.filter((item) => !isOk(item) && item.ResultCode === 30001).map((item) => item.To_Account);
 * ```
 */
export interface FriendGetListFailedItem {
  /** The account whose fields could not be read. */
  To_Account: string;
  /** The IM error code (see {@link describeErrorCode}). */
  ResultCode: number;
  /** The service's (or the SDK's) description of the failure. */
  ResultInfo?: string | undefined;
  /** Usually absent on a failed item. */
  SnsProfileItem?: SnsProfileItem[] | undefined;
  /** Fields the service may add later, kept as they arrive. */
  [field: string]: unknown;
}

/**
 * One per-account result of a {@link friendGetList} answer (an `InfoItem` entry): a
 * {@link FriendGetListSuccessItem} or a {@link FriendGetListFailedItem}. {@link isOk} tells them
 * apart and narrows; {@link tagValue} reads a tag from either.
 *
 * @example
 * ```ts
 * const nickOf = (item: FriendGetListItem) => (isOk(item) ? tagValue(item, 'Tag_Profile_IM_Nick') : undefined);
 * const { InfoItem } = await tim.friendGetList(body);
 * InfoItem.map(nickOf);
 * ```
 */
export type FriendGetListItem = FriendGetListSuccessItem | FriendGetListFailedItem;

// The item schema, typed as the union above (the success shape is the service's documented one).
const infoItemSchema = v.looseObject(
  { ...batchItemEntries, SnsProfileItem: v.optional(v.array(snsProfileItemSchema, 'must be an array')) },
  objectMessage,
) as v.GenericSchema<unknown, FriendGetListItem>;

// A profile item has exactly Tag and Value (its schema drops other keys, so those take the schema's path).
const isSnsProfileItem = (item: unknown) =>
  isRecord(item) &&
  isString(item.Tag) &&
  (isString(item.Value) || isExactInteger(item.Value) || isStringArray(item.Value)) &&
  Object.keys(item).length === 2;

/** The schemas below, by hand: answers are checked in place, without a copy. */
const quickCheck = {
  request: (body: unknown) =>
    isRequestRecord(body) &&
    isUserId(body.From_Account) &&
    isUserIdList(body.To_Account) &&
    Array.isArray(body.TagList) &&
    body.TagList.length > 0 &&
    body.TagList.every(isTagName),
  response: batchAnswerCheck(batchItemCheck({ SnsProfileItem: (items) => isArrayOf(items, isSnsProfileItem) })),
};

/**
 * The declaration of `v4/sns/friend_get_list`, which pulls profile and friend fields of chosen
 * friends of one account, up to 100 friends per request: what {@link TimClient.friendGetList}
 * calls, to pass to {@link TimClient.request} or compare with `ctx.endpoint` in a plugin.
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
export const friendGetList = declareBuiltIn({
  name: 'friendGetList',
  path: 'v4/sns/friend_get_list',
  summary: 'Reads profile and friend fields (TagList) of chosen friends of From_Account',
  effect: 'read',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      To_Account: userIdListSchema,
      TagList: v.pipe(
        v.array(tagNameSchema, 'must be an array of tag names'),
        v.nonEmpty('must not be empty'),
        // The command's `--tags T1,T2` (its name before commands were derived).
        v.metadata({ flag: 'tags' }),
      ),
    },
    objectMessage,
  ),
  response: batchAnswerSchema('InfoItem', infoItemSchema),
  batch: { list: 'To_Account', max: 100, results: 'InfoItem' },
  quickCheck,
});

/**
 * Request body of {@link friendGetList}: `From_Account`, a non-empty `To_Account` list of its
 * friends and the non-empty `TagList` of profile (`Tag_Profile_*`) and friend (`Tag_SNS_*`)
 * fields to pull. Longer lists than the service's 100 per request are refused before sending.
 *
 * @example
 * ```ts
 * const body: FriendGetListRequest = {
 *   From_Account: 'alice',
 *   To_Account: ['bob'],
 *   TagList: ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark'],
 * };
 * const { InfoItem } = await tim.friendGetList(body);
 * ```
 *
 * @useDeclaredType
 */
export type FriendGetListRequest = EndpointRequest<typeof friendGetList>;

/**
 * Answer of {@link friendGetList}, in the API's wire shape: one `InfoItem` per account
 * ({@link FriendGetListItem}) with its `ResultCode` and, when that is 0, its fields as
 * `SnsProfileItem` tag/value pairs; `Fail_Account` lists the failed accounts. {@link isOk}
 * narrows an item to its success shape and {@link tagValue} reads one field, typed.
 *
 * @example
 * ```ts
 * const answer: FriendGetListResponse = await tim.friendGetList(body);
 * for (const item of answer.InfoItem) {
 *   if (isOk(item)) console.log(item.To_Account, tagValue(item, 'Tag_SNS_IM_Remark'), `${item.SnsProfileItem.length} fields`);
 *   else console.warn(item.To_Account, item.ResultCode, item.ResultInfo);
 * }
 * ```
 *
 * @useDeclaredType
 */
export type FriendGetListResponse = v.InferOutput<typeof friendGetList.response>;
