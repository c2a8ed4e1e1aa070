/** The emulated `v4/sns/friend_get`. */
import { friendGet } from '../endpoints/sns/friend-get.js';
import type { EmulatedWhole } from './emulated-endpoint.js';
import type { FriendTags, TagItem } from './tags.js';

// The standard friend fields in the order the answer lists them; custom ones follow.
const standardTags = ['Tag_SNS_IM_AddSource', 'Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_SNS_IM_AddWording', 'Tag_SNS_IM_AddTime'] as const;
const customPrefix = 'Tag_SNS_Custom_';

/** The entry's fields, leaving out the standard or the custom ones the caller has at this sequence. */
function valueItems(entry: FriendTags, withStandard: boolean, withCustom: boolean): TagItem[] {
  const items: TagItem[] = [];
  if (withStandard) {
    for (const tag of standardTags) {
      const value = entry[tag];
      if (value !== undefined) items.push({ Tag: tag, Value: value });
    }
  }
  if (withCustom) {
    for (const [tag, value] of Object.entries(entry)) if (tag.startsWith(customPrefix) && value !== undefined) items.push({ Tag: tag, Value: value });
  }
  return items;
}

/** Whether the caller already has the data of this sequence: it sent the current one (0 means none). */
const isCurrent = (sent: number | undefined, sequence: number) => sent !== undefined && sent !== 0 && sent === sequence;

/**
 * friend_get: one page of `From_Account`'s friends, `friendGetPageSize` at most, in the order
 * they were added. Each friend comes with its entry as `ValueItem` (`Tag_SNS_IM_AddSource`,
 * `_Remark`, `_Group`, `_AddWording`, `_AddTime`, then custom `Tag_SNS_Custom_*` fields);
 * `FriendNum` counts every friend; `CompleteFlag` is 1 and `NextStartIndex` 0 on the last page
 * (a `StartIndex` past the end answers an empty last page). `StandardSequence` and
 * `CustomSequence` are both the account's sequence, which advances on every change of its
 * list; a request that sends the current one gets no standard (or custom) fields, as the
 * service leaves out what the caller has.
 */
export const emulatedFriendGet: EmulatedWhole<typeof friendGet, 'v4/sns/friend_get'> = {
  kind: 'whole',
  declaration: friendGet,
  path: 'v4/sns/friend_get',
  answer({ From_Account: owner, StartIndex: start, StandardSequence: standardSent, CustomSequence: customSent }, { store, config }) {
    const sequence = store.record(owner)?.sequence ?? 0;
    const friends = store.friends(owner);
    const page = friends.slice(start, start + config.friendGetPageSize);
    const withStandard = !isCurrent(standardSent, sequence);
    const withCustom = !isCurrent(customSent, sequence);
    const UserDataItem = page.map((friend) => {
      const items = valueItems(store.entry(owner, friend) ?? {}, withStandard, withCustom);
      return { To_Account: friend, ...(items.length === 0 ? {} : { ValueItem: items }) };
    });
    const complete = start + page.length >= friends.length;
    return {
      fields: {
        UserDataItem,
        StandardSequence: sequence,
        CustomSequence: sequence,
        FriendNum: friends.length,
        CompleteFlag: complete ? 1 : 0,
        NextStartIndex: complete ? 0 : start + page.length,
      },
    };
  },
};
