import { blackListAdd } from './sns/black-list-add.js';
import { blackListCheck } from './sns/black-list-check.js';
import { blackListDelete } from './sns/black-list-delete.js';
import { blackListGet } from './sns/black-list-get.js';
import { friendAdd } from './sns/friend-add.js';
import { friendCheck } from './sns/friend-check.js';
import { friendDelete } from './sns/friend-delete.js';
import { friendDeleteAll } from './sns/friend-delete-all.js';
import { friendGet } from './sns/friend-get.js';
import { friendGetList } from './sns/friend-get-list.js';
import { friendImport } from './sns/friend-import.js';
import { friendUpdate } from './sns/friend-update.js';
import { groupAdd } from './sns/group-add.js';
import { groupDelete } from './sns/group-delete.js';
import { groupGet } from './sns/group-get.js';

/**
 * Every endpoint timfetch ships, by name: the client's named methods (`tim.friendCheck` …, each
 * documented by its line here), the emulator's routes and the command's subcommands are made
 * from it. Adding an endpoint is its
 * declaration (in `sns/`), a line here and its emulated behaviour (see "Adding an endpoint" in
 * the docs).
 *
 * @example
 * ```ts
 * import { catalogue } from 'timfetch';
 *
 * for (const endpoint of Object.values(catalogue)) console.log(endpoint.name, endpoint.path, endpoint.effect);
 * ```
 */
export const catalogue = {
  /** Blocks accounts for `From_Account`, ending any friendship both ways (`v4/sns/black_list_add`); reconciled after an unknown outcome. */
  blackListAdd,
  /** Checks whether `From_Account` and each account of `To_Account` block each other (`v4/sns/black_list_check`). */
  blackListCheck,
  /** Unblocks accounts for `From_Account` (`v4/sns/black_list_delete`); reconciled after an unknown outcome. */
  blackListDelete,
  /** Reads one page of `From_Account`'s block list (`v4/sns/black_list_get`); `tim.paginate(blackListGet, …)` reads it all. */
  blackListGet,
  /** Adds friends to `From_Account`'s list, one way or both (`v4/sns/friend_add`); reconciled after an unknown outcome. */
  friendAdd,
  /** Checks the relation between `From_Account` and each account of `To_Account` (`v4/sns/friend_check`). */
  friendCheck,
  /** Removes friends from `From_Account`'s list, or both lists (`v4/sns/friend_delete`); reconciled after an unknown outcome. */
  friendDelete,
  /** Empties `From_Account`'s friend list, or ends all its friendships both ways (`v4/sns/friend_delete_all`); idempotent. */
  friendDeleteAll,
  /** Reads one page of `From_Account`'s friends (`v4/sns/friend_get`); `tim.paginate(friendGet, …)` reads them all. */
  friendGet,
  /** Reads profile and friend fields (`TagList`) of chosen friends of `From_Account` (`v4/sns/friend_get_list`). */
  friendGetList,
  /** Imports relations one way, with remark, groups, times and custom fields (`v4/sns/friend_import`); reconciled after an unknown outcome. */
  friendImport,
  /** Sets the remark, groups and custom fields of friends of `From_Account` (`v4/sns/friend_update`); idempotent. */
  friendUpdate,
  /** Creates friend groups for `From_Account`, and puts friends in them (`v4/sns/group_add`); -6 after an unknown outcome. */
  groupAdd,
  /** Deletes friend groups of `From_Account` (`v4/sns/group_delete`); idempotent. */
  groupDelete,
  /** Reads `From_Account`'s friend groups, their sizes and their friends (`v4/sns/group_get`). */
  groupGet,
} as const;

/**
 * One of the catalogue's endpoints.
 *
 * @example
 * ```ts
 * const writes = Object.values(catalogue).filter((endpoint: CatalogueEndpoint) => endpoint.effect === 'write');
 * ```
 */
export type CatalogueEndpoint = (typeof catalogue)[keyof typeof catalogue];
