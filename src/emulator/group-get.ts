/** The emulated `v4/sns/group_get`. */
import { groupGet } from '../endpoints/sns/group-get.js';
import type { EmulatedWhole } from './emulated-endpoint.js';

/**
 * group_get: `From_Account`'s groups (all of them in the order they were created, or those of
 * `GroupName` it has, in that order; names it does not have are passed over), each with
 * `FriendNumber` and, with `NeedFriend: 'Need_Friend_Type_Yes'` and no `GroupName` (the docs
 * honour it only then), `To_Account`: its friends in the order they were added. Then
 * `CurrentSequence`, the group sequence.
 */
export const emulatedGroupGet: EmulatedWhole<typeof groupGet, 'v4/sns/group_get'> = {
  kind: 'whole',
  declaration: groupGet,
  path: 'v4/sns/group_get',
  answer({ From_Account: owner, NeedFriend: needFriend, GroupName: asked }, { store }) {
    const members = new Map(store.groupNames(owner).map((name): [string, string[]] => [name, []]));
    for (const friend of store.friends(owner)) {
      for (const name of store.entry(owner, friend)?.Tag_SNS_IM_Group ?? []) members.get(name)?.push(friend);
    }
    const names = asked ?? [...members.keys()];
    const withFriends = asked === undefined && needFriend === 'Need_Friend_Type_Yes';
    const ResultItem = names.flatMap((GroupName) => {
      const friends = members.get(GroupName);
      if (friends === undefined) return [];
      return [{ GroupName, FriendNumber: friends.length, ...(withFriends ? { To_Account: friends } : {}) }];
    });
    return { fields: { ResultItem, CurrentSequence: store.record(owner)?.groupSequence ?? 0 } };
  },
};
