/** The emulated `v4/sns/group_delete`. */
import { groupDelete } from '../endpoints/sns/group-delete.js';
import type { EmulatedWhole } from './emulated-endpoint.js';

/**
 * group_delete: deletes the groups of `GroupName` that `From_Account` has; their friends stay
 * friends, in no group. A name it does not have is passed over (the docs say nothing of it; the
 * declaration counts on a resend changing nothing), so a resend answers the same. Answers
 * `CurrentSequence`, the group sequence after the change. The request log's `applied` holds
 * `From_Account` when a group was deleted.
 */
export const emulatedGroupDelete: EmulatedWhole<typeof groupDelete, 'v4/sns/group_delete'> = {
  kind: 'whole',
  declaration: groupDelete,
  path: 'v4/sns/group_delete',
  answer({ From_Account: owner, GroupName: names }, { store }) {
    const had = store.groupNames(owner);
    store.deleteGroups(owner, names);
    const deleted = names.some((name) => had.includes(name));
    return { fields: { CurrentSequence: store.record(owner)?.groupSequence ?? 0 }, applied: deleted ? [owner] : [] };
  },
};
