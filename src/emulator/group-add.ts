/** The emulated `v4/sns/group_add`. */
import { groupAdd } from '../endpoints/sns/group-add.js';
import type { EmulatedBatch } from './emulated-endpoint.js';
import { appliedEntry, failedWrite, refusedEntry, unchangedEntry } from './friendship-write.js';
import { exceedsGroupLimit } from './group-limit.js';
import { withGroups } from './tags.js';

/**
 * group_add: creates `From_Account`'s groups of `GroupName`, in order, and puts each friend of
 * `To_Account` (at most 1,000) in all of them. Whole request, nothing applied: a name given twice
 * or a group `From_Account` already has → 30001 (the docs say nothing of either: the emulator
 * refuses rather than guess, so a tool cannot come to rely on it); more than 32 groups in all →
 * 30011. Per account: not in `From_Account`'s list → 32216 (`Err_SNS_GroupAdd_ToTinyId_Not_Friend`,
 * the docs' sample). The answer: `ResultItem` and `Fail_Account` when `To_Account` was sent,
 * then `CurrentSequence`, the group sequence after the change. The request log's `applied` lists
 * the friends put in the groups.
 */
export const emulatedGroupAdd: EmulatedBatch<typeof groupAdd, 'v4/sns/group_add', string> = {
  kind: 'batch',
  declaration: groupAdd,
  path: 'v4/sns/group_add',
  check({ GroupName: names }) {
    const twice = names.findIndex((name, index) => names.indexOf(name) !== index);
    return twice < 0 ? undefined : { path: `GroupName[${twice}]`, reason: 'names a group given before' };
  },
  before({ From_Account: owner, GroupName: names }, { store }) {
    const existing = names.find((name) => store.groupNames(owner).includes(name));
    if (existing !== undefined) return { code: 30001, info: `Err_SNS_GroupAdd_Group_Exist: ${owner} already has the group ${existing}` };
    if (exceedsGroupLimit(store, owner, names)) return { code: 30011, info: 'Err_SNS_GroupAdd_Group_Num_Exceed_Threshold' };
    store.createGroups(owner, names);
    return undefined;
  },
  entry(account, { From_Account: owner, GroupName: names }, { store }) {
    const entry = store.entry(owner, account);
    if (entry === undefined) return refusedEntry(account, 32216, 'Err_SNS_GroupAdd_ToTinyId_Not_Friend');
    const groups = entry.Tag_SNS_IM_Group ?? [];
    const added = names.filter((name) => !groups.includes(name));
    // An account listed twice: the first put it in every group.
    if (added.length === 0) return unchangedEntry(account);
    store.link(owner, account, withGroups(entry, [...groups, ...added]));
    return appliedEntry(account);
  },
  after({ From_Account: owner }, { store }) {
    return { CurrentSequence: store.record(owner)?.groupSequence ?? 0 };
  },
  failedEntry: failedWrite,
};
