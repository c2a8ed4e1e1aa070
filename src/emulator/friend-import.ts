/** The emulated `v4/sns/friend_import`. */
import { friendImport, type ImportFriendEntry } from '../endpoints/sns/friend-import.js';
import type { EmulatedBatch } from './emulated-endpoint.js';
import { appliedEntry, failedWrite, isAddSource, refusedEntry, refusedRelation } from './friendship-write.js';
import { distinctGroups, exceedsGroupLimit } from './group-limit.js';
import type { FriendTags } from './tags.js';

/** The entry the import keeps: an empty remark, wording or group name sets none. */
function importedTags(entry: ImportFriendEntry): FriendTags {
  const { AddSource: source, Remark: remark, AddWording: wording, AddTime: time } = entry;
  const groups = distinctGroups(entry.GroupName ?? []);
  return {
    ...(isAddSource(source) ? { Tag_SNS_IM_AddSource: source } : {}),
    ...(remark === undefined || remark === '' ? {} : { Tag_SNS_IM_Remark: remark }),
    ...(groups.length === 0 ? {} : { Tag_SNS_IM_Group: groups }),
    ...(wording === undefined || wording === '' ? {} : { Tag_SNS_IM_AddWording: wording }),
    ...(time === undefined ? {} : { Tag_SNS_IM_AddTime: time }),
    ...Object.fromEntries((entry.CustomItem ?? []).map((item) => [item.Tag, item.Value])),
  };
}

/**
 * friend_import, entry by entry in list order, at most 1,000 entries per request: each
 * `To_Account` enters `From_Account`'s list, one way, without asking anyone (no allow type, no
 * pending request). For each entry:
 * - itself → 30001; an account that does not exist → 30003; a block either way → 30515 (the
 *   docs say blocked accounts cannot befriend each other; an import does not get round it);
 * - already in `From_Account`'s list → 30001, nothing changed (an import never overwrites);
 * - `From_Account`'s list full (`friendListLimit`) → 30010; groups that would make it more than
 *   32 → 30011;
 * - otherwise the entry keeps `AddSource`, `Remark`, `GroupName` (as `Tag_SNS_IM_Group`, empty
 *   and repeated names left out, new groups created), `AddWording`, `AddTime` (the emulator's
 *   clock when absent) and each `CustomItem` as its own tag, all read back by friend_get and
 *   friend_get_list; `RemarkTime` is kept too (`store.remarkTime`). A friend request
 *   `From_Account` had pending for the account is answered by the import.
 * A custom field the service would refuse (a name other than `Tag_SNS_Custom_` and 1 to 8
 * letters, a value other than a string of at most 500 bytes or a non-negative integer) fails the
 * request with 30001, by the declaration's request schema.
 */
export const emulatedFriendImport: EmulatedBatch<typeof friendImport, 'v4/sns/friend_import', ImportFriendEntry> = {
  kind: 'batch',
  declaration: friendImport,
  path: 'v4/sns/friend_import',
  entry(entry, { From_Account: from }, { store, config }) {
    const to = entry.To_Account;
    const refused = refusedRelation(store, from, to, 'FriendImport');
    if (refused !== undefined) return refused;
    if (store.hasFriend(from, to)) return refusedEntry(to, 30001, 'Err_SNS_FriendImport_Friend_Exist');
    if (store.friendCount(from) >= config.friendListLimit) return refusedEntry(to, 30010, 'Err_SNS_FriendImport_My_Friend_Num_Exceed_Threshold');
    const tags = store.newEntry(importedTags(entry));
    if (exceedsGroupLimit(store, from, tags.Tag_SNS_IM_Group ?? [])) return refusedEntry(to, 30011, 'Err_SNS_FriendImport_Group_Num_Exceed_Threshold');
    store.link(from, to, tags);
    if (entry.RemarkTime !== undefined) store.setRemarkTime(from, to, entry.RemarkTime);
    store.pending.delete(from, to);
    return appliedEntry(to);
  },
  failedEntry: failedWrite,
};
