/** The emulated `v4/sns/friend_update`. */
import { friendUpdate, type FriendUpdateField, type UpdateFriendEntry } from '../endpoints/sns/friend-update.js';
import type { EmulatedBatch } from './emulated-endpoint.js';
import { appliedEntry, failedWrite, refusedEntry, unchangedEntry } from './friendship-write.js';
import { distinctGroups, exceedsGroupLimit } from './group-limit.js';
import { withGroups, type FriendTags } from './tags.js';

/** `entry` with one field set: an empty remark clears it, an empty group list leaves every group. */
function setField(entry: FriendTags, field: FriendUpdateField): FriendTags {
  if (field.Tag === 'Tag_SNS_IM_Group') return withGroups(entry, distinctGroups(field.Value));
  if (field.Tag === 'Tag_SNS_IM_Remark' && field.Value === '') {
    const { Tag_SNS_IM_Remark: _cleared, ...rest } = entry;
    return rest;
  }
  return { ...entry, [field.Tag]: field.Value };
}

/** Whether two entries hold the same tags and values (group lists in the same order). */
function sameEntry(a: FriendTags, b: FriendTags): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => JSON.stringify(Reflect.get(a, key)) === JSON.stringify(Reflect.get(b, key)));
}

/**
 * friend_update, entry by entry in list order, at most 100 entries per request: each
 * `To_Account`'s entry in `From_Account`'s list gets the fields of its `SnsItem`, in order
 * (`Tag_SNS_IM_Remark`, an empty one clearing the remark; `Tag_SNS_IM_Group`, the friend's whole
 * group list, new groups created; custom `Tag_SNS_Custom_*` fields); fields not named keep their
 * value. An account not in the list → 30001 (`Err_SNS_FriendUpdate_Friend_Not_Exist`, as the
 * docs' FAQ says); groups that would make `From_Account` more than 32 → 30011. Setting what is
 * already there changes nothing (not even the sequences), so a resend is not applied twice; a
 * remark that changes records the emulator's clock as its remark time. A custom field the
 * service would refuse (see friend_import) fails the request with 30001, by the declaration's
 * request schema.
 */
export const emulatedFriendUpdate: EmulatedBatch<typeof friendUpdate, 'v4/sns/friend_update', UpdateFriendEntry> = {
  kind: 'batch',
  declaration: friendUpdate,
  path: 'v4/sns/friend_update',
  entry({ To_Account: to, SnsItem: fields }, { From_Account: from }, { store }) {
    const current = store.entry(from, to);
    if (current === undefined) return refusedEntry(to, 30001, 'Err_SNS_FriendUpdate_Friend_Not_Exist');
    const updated = fields.reduce(setField, current);
    if (exceedsGroupLimit(store, from, updated.Tag_SNS_IM_Group ?? [])) return refusedEntry(to, 30011, 'Err_SNS_FriendUpdate_Group_Num_Exceed_Threshold');
    if (sameEntry(current, updated)) return unchangedEntry(to);
    store.link(from, to, updated);
    if (updated.Tag_SNS_IM_Remark !== current.Tag_SNS_IM_Remark) store.setRemarkTime(from, to, store.seconds());
    return appliedEntry(to);
  },
  failedEntry: failedWrite,
};
