/** The emulated `v4/sns/friend_get_list`. */
import { friendGetList } from '../endpoints/sns/friend-get-list.js';
import { accountResult } from './answers.js';
import type { EmulatedBatch } from './emulated-endpoint.js';
import type { MemoryStore } from './store.js';
import { tagSource, unanswerableTagReason, type TagItem, type TagValue } from './tags.js';

const failureInfo = {
  30006: 'Err_SNS_FriendGetList_Internal_Error',
  30007: 'Err_SNS_FriendGetList_Timeout',
} as const;

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
 * accounts per request, and only tags the service knows (the SDK refuses unknown documented-looking names, not a custom keyword's rule). A
 * friend in `From_Account`'s list gets `SnsProfileItem` with the asked tags that have a value, in
 * `TagList` order (a tag asked twice is answered once); any other account gets ResultCode 30001
 * `Err_SNS_FriendGetList_Friend_Not_Exist` and no `SnsProfileItem`.
 */
export const emulatedFriendGetList: EmulatedBatch<typeof friendGetList, 'v4/sns/friend_get_list', string> = {
  kind: 'batch',
  declaration: friendGetList,
  path: 'v4/sns/friend_get_list',
  check({ TagList: tags }) {
    const unknown = tags.findIndex((tag) => tagSource(tag) === undefined);
    return unknown < 0 ? undefined : { path: `TagList[${unknown}]`, reason: unanswerableTagReason };
  },
  entry(account, { From_Account: from, TagList: tags }, { store }) {
    const fields = profileItems(store, from, account, [...new Set(tags)]);
    const result = fields === undefined
      ? accountResult(account, 30001, 'Err_SNS_FriendGetList_Friend_Not_Exist')
      : { To_Account: account, SnsProfileItem: fields, ResultCode: 0, ResultInfo: '' };
    return { result, applied: false };
  },
  failedEntry(account, code) {
    return accountResult(account, code, failureInfo[code]);
  },
};
