/** The emulated `v4/sns/friend_delete`. */
import { friendDelete } from '../endpoints/sns/friend-delete.js';
import type { EmulatedBatch } from './emulated-endpoint.js';
import { appliedEntry, failedWrite, refusedEntry, sides } from './friendship-write.js';

/**
 * friend_delete, account by account in list order, at most 1,000 per request.
 * `Delete_Type_Single` (the default) takes the account out of `From_Account`'s list, 31704 when
 * it is not there; `Delete_Type_Both` takes each out of the other's list, 31704 when neither
 * list holds the other.
 */
export const emulatedFriendDelete: EmulatedBatch<typeof friendDelete, 'v4/sns/friend_delete', string> = {
  kind: 'batch',
  declaration: friendDelete,
  path: 'v4/sns/friend_delete',
  entry(account, { From_Account: from, DeleteType: deleteType }, { store }) {
    const linked = sides(store, from, account, deleteType === 'Delete_Type_Both').filter((side) => side.linked);
    if (linked.length === 0) return refusedEntry(account, 31704, 'Err_SNS_FriendDelete_Not_Friend');
    for (const side of linked) store.unlink(side.owner, side.friend);
    return appliedEntry(account);
  },
  failedEntry: failedWrite,
};
