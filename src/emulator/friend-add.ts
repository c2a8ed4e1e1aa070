/** The emulated `v4/sns/friend_add`. */
import { friendAdd, type AddFriendEntry } from '../endpoints/sns/friend-add.js';
import { accountResult } from './answers.js';
import type { EmulatedBatch } from './emulated-endpoint.js';
import { appliedEntry, failedWrite, isAddSource, refusedEntry, refusedRelation, sides } from './friendship-write.js';
import { exceedsGroupLimit } from './group-limit.js';
import type { FriendTags } from './tags.js';

/** The entry `From_Account` asks to keep: an empty remark or group name sets none. */
function askedTags(entry: AddFriendEntry): FriendTags {
  const { AddSource: source, Remark: remark, GroupName: group, AddWording: wording } = entry;
  return {
    ...(isAddSource(source) ? { Tag_SNS_IM_AddSource: source } : {}),
    ...(remark === undefined || remark === '' ? {} : { Tag_SNS_IM_Remark: remark }),
    ...(group === undefined || group === '' ? {} : { Tag_SNS_IM_Group: [group] }),
    ...(wording === undefined || wording === '' ? {} : { Tag_SNS_IM_AddWording: wording }),
  };
}

/** The other side's entry of a both-way add: how and when, not `From_Account`'s own labels. */
function reverseTags(asked: FriendTags): FriendTags {
  const { Tag_SNS_IM_AddSource: source, Tag_SNS_IM_AddTime: time, Tag_SNS_IM_AddWording: wording } = asked;
  return {
    ...(source === undefined ? {} : { Tag_SNS_IM_AddSource: source }),
    ...(time === undefined ? {} : { Tag_SNS_IM_AddTime: time }),
    ...(wording === undefined ? {} : { Tag_SNS_IM_AddWording: wording }),
  };
}

/**
 * friend_add, entry by entry in list order (an account twice: the second finds the first's
 * work), at most 100 entries per request (the SDK's own limit; the service's is not
 * documented). For each `To_Account`:
 * - itself → 30001; an account that does not exist → 30003; a block either way (one of them
 *   has the other in its block list) → 30515;
 * - already there (in `From_Account`'s list for `Add_Type_Single`; in both lists for
 *   `Add_Type_Both`, the default) → 30001, nothing changed;
 * - `From_Account`'s list full (`friendListLimit`) → 30010; the other side's, adding both
 *   ways → 30014; a `GroupName` that would be `From_Account`'s 33rd group → 30011;
 * - without `ForceAddFlags: 1`, the other side's {@link AllowType}: `DenyAny` → 30516,
 *   `NeedConfirm` → 30539 and a pending request (asking again while it is pending answers
 *   30539 and records nothing);
 * - otherwise the friend enters `From_Account`'s list with `Remark`, `GroupName` (a one-item
 *   `Tag_SNS_IM_Group`, the group created if new), `AddSource`, `AddWording` and
 *   `Tag_SNS_IM_AddTime` (the emulator's clock); adding both ways, `From_Account` enters the
 *   other list with the same source, wording and time. A side already there is kept as it is.
 * ResultInfo texts are in the service's style; the codes are what a caller reads.
 */
export const emulatedFriendAdd: EmulatedBatch<typeof friendAdd, 'v4/sns/friend_add', AddFriendEntry> = {
  kind: 'batch',
  declaration: friendAdd,
  path: 'v4/sns/friend_add',
  entry(entry, request, { store, config }) {
    const { From_Account: from, AddType: addType = 'Add_Type_Both' } = request;
    const to = entry.To_Account;
    const refused = refusedRelation(store, from, to, 'FriendAdd');
    if (refused !== undefined) return refused;
    const missing = sides(store, from, to, addType === 'Add_Type_Both').filter((side) => !side.linked);
    if (missing.length === 0) return refusedEntry(to, 30001, 'Err_SNS_FriendAdd_Friend_Exist');
    const full = missing.find((side) => store.friendCount(side.owner) >= config.friendListLimit);
    if (full?.owner === from) return refusedEntry(to, 30010, 'Err_SNS_FriendAdd_My_Friend_Num_Exceed_Threshold');
    if (full !== undefined) return refusedEntry(to, 30014, 'Err_SNS_FriendAdd_Peer_Friend_Num_Exceed_Threshold');

    const asked = store.newEntry(askedTags(entry));
    if (exceedsGroupLimit(store, from, asked.Tag_SNS_IM_Group ?? [])) return refusedEntry(to, 30011, 'Err_SNS_FriendAdd_Group_Num_Exceed_Threshold');
    if (request.ForceAddFlags !== 1) {
      const allowType = store.allowType(to);
      if (allowType === 'AllowType_Type_DenyAny') return refusedEntry(to, 30516, 'Err_SNS_FriendAdd_Peer_Deny_Any');
      if (allowType === 'AllowType_Type_NeedConfirm') {
        const recorded = store.pending.add({ from, to, addType, tags: asked });
        return { result: accountResult(to, 30539, 'Err_SNS_FriendAdd_Need_Confirm'), applied: recorded };
      }
    }
    for (const side of missing) store.link(side.owner, side.friend, side.owner === from ? asked : reverseTags(asked));
    store.pending.delete(from, to);
    return appliedEntry(to);
  },
  failedEntry: failedWrite,
};
