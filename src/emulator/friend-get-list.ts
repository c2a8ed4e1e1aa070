/** The emulated `v4/sns/friend_get_list`. */
import * as v from 'valibot';
import { objectMessage } from '../util/validate.js';
import type { InfoItem } from './answers.js';
import { accountListSchema, checkBody, fromAccountSchema, type EmulatedEndpoint } from './emulated-endpoint.js';
import type { MemoryStore } from './store.js';
import { tagSource, type TagValue } from './tags.js';

const bodySchema = v.looseObject(
  {
    From_Account: fromAccountSchema,
    To_Account: accountListSchema(100),
    TagList: v.pipe(
      v.array(
        v.pipe(
          v.string('must be a string'),
          v.check((tag: string) => tagSource(tag) !== undefined, 'is not a profile (Tag_Profile_*) or friend (Tag_SNS_*) tag'),
        ),
        'must be an array of tag names',
      ),
      v.nonEmpty('must not be empty'),
    ),
  },
  objectMessage,
);

const failureInfo = {
  30006: 'Err_SNS_FriendGetList_Internal_Error',
  30007: 'Err_SNS_FriendGetList_Timeout',
} as const;

/** One `{ Tag, Value }` pair of `SnsProfileItem`. */
interface TagItem {
  readonly Tag: string;
  readonly Value: TagValue;
}

function profileItems(store: MemoryStore, from: string, friend: string, tags: readonly string[]): TagItem[] | undefined {
  const entry: Readonly<Record<string, TagValue | undefined>> | undefined = store.entry(from, friend);
  if (entry === undefined) return undefined;
  const profile: Readonly<Record<string, TagValue | undefined>> = store.record(friend)?.profile ?? {};
  const items: TagItem[] = [];
  for (const tag of tags) {
    // Profile tags describe the friend; SNS tags are the owner's entry for the friend.
    const value = tagSource(tag) === 'profile' ? profile[tag] : entry[tag];
    if (value !== undefined) items.push({ Tag: tag, Value: value });
  }
  return items;
}

/**
 * friend_get_list: one item per `To_Account` entry (duplicates answered each time), at most 100
 * accounts per request. A friend in `From_Account`'s list gets `SnsProfileItem` with the asked
 * tags that have a value, in `TagList` order (a tag asked twice is answered once); any other
 * account gets ResultCode 30001 `Err_SNS_FriendGetList_Friend_Not_Exist` and no `SnsProfileItem`.
 */
export const friendGetListEndpoint: EmulatedEndpoint = {
  path: 'v4/sns/friend_get_list',
  answer(store, body) {
    const checked = checkBody(bodySchema, body, store);
    if (!('request' in checked)) return checked;
    const { From_Account: from, To_Account: accounts } = checked.request;
    const tags = [...new Set(checked.request.TagList)];
    const items = accounts.map((account): InfoItem => {
      const fields = profileItems(store, from, account, tags);
      if (fields === undefined) return { To_Account: account, ResultCode: 30001, ResultInfo: 'Err_SNS_FriendGetList_Friend_Not_Exist' };
      return { To_Account: account, SnsProfileItem: fields, ResultCode: 0, ResultInfo: '' };
    });
    return { items };
  },
  failedItem(account, code) {
    return { To_Account: account, ResultCode: code, ResultInfo: failureInfo[code] };
  },
};
