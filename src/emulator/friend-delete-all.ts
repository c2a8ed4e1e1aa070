/** The emulated `v4/sns/friend_delete_all`. */
import { friendDeleteAll } from '../endpoints/sns/friend-delete-all.js';
import type { EmulatedWhole } from './emulated-endpoint.js';

/**
 * friend_delete_all: empties `From_Account`'s list (its groups stay, empty); with
 * `Delete_Type_Both` each former friend's list loses `From_Account` too (an account whose list
 * holds `From_Account` one way, without being in its list, keeps it). Answers the envelope
 * alone; an empty list answers the same, so a resend changes nothing. The request log's
 * `applied` lists the former friends.
 */
export const emulatedFriendDeleteAll: EmulatedWhole<typeof friendDeleteAll, 'v4/sns/friend_delete_all'> = {
  kind: 'whole',
  declaration: friendDeleteAll,
  path: 'v4/sns/friend_delete_all',
  answer({ From_Account: owner, DeleteType: deleteType }, { store }) {
    const friends = store.friends(owner);
    for (const friend of friends) {
      store.unlink(owner, friend);
      if (deleteType === 'Delete_Type_Both') store.unlink(friend, owner);
    }
    return { fields: {}, applied: friends };
  },
};
