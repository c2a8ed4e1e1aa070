import { friendAdd } from './sns/friend-add.js';
import { friendCheck } from './sns/friend-check.js';
import { friendDelete } from './sns/friend-delete.js';
import { friendGet } from './sns/friend-get.js';
import { friendGetList } from './sns/friend-get-list.js';

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
  /** Adds friends to `From_Account`'s list, one way or both (`v4/sns/friend_add`); reconciled after an unknown outcome. */
  friendAdd,
  /** Checks the relation between `From_Account` and each account of `To_Account` (`v4/sns/friend_check`). */
  friendCheck,
  /** Removes friends from `From_Account`'s list, or both lists (`v4/sns/friend_delete`); reconciled after an unknown outcome. */
  friendDelete,
  /** Reads one page of `From_Account`'s friends (`v4/sns/friend_get`); `tim.paginate(friendGet, …)` reads them all. */
  friendGet,
  /** Reads profile and friend fields (`TagList`) of chosen friends of `From_Account` (`v4/sns/friend_get_list`). */
  friendGetList,
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
