/**
 * The emulator's routes: one emulated behaviour per catalogue entry, by the catalogue's names.
 * Adding an endpoint to timfetch is its declaration, its catalogue line, and here its behaviour
 * (a file) and its line below: the routes, the stats and the request log follow from them.
 */
import type { catalogue } from '../endpoints/catalogue.js';
import type { EmulatedEndpoint } from './emulated-endpoint.js';
import { emulatedBlackListAdd } from './black-list-add.js';
import { emulatedBlackListCheck } from './black-list-check.js';
import { emulatedBlackListDelete } from './black-list-delete.js';
import { emulatedBlackListGet } from './black-list-get.js';
import { emulatedFriendAdd } from './friend-add.js';
import { emulatedFriendCheck } from './friend-check.js';
import { emulatedFriendDelete } from './friend-delete.js';
import { emulatedFriendDeleteAll } from './friend-delete-all.js';
import { emulatedFriendGet } from './friend-get.js';
import { emulatedFriendGetList } from './friend-get-list.js';
import { emulatedFriendImport } from './friend-import.js';
import { emulatedFriendUpdate } from './friend-update.js';
import { emulatedGroupAdd } from './group-add.js';
import { emulatedGroupDelete } from './group-delete.js';
import { emulatedGroupGet } from './group-get.js';

/** Every catalogue endpoint's behaviour: a catalogue name without one (or one too many) does not compile. */
export const emulatedEndpoints = {
  blackListAdd: emulatedBlackListAdd,
  blackListCheck: emulatedBlackListCheck,
  blackListDelete: emulatedBlackListDelete,
  blackListGet: emulatedBlackListGet,
  friendAdd: emulatedFriendAdd,
  friendCheck: emulatedFriendCheck,
  friendDelete: emulatedFriendDelete,
  friendDeleteAll: emulatedFriendDeleteAll,
  friendGet: emulatedFriendGet,
  friendGetList: emulatedFriendGetList,
  friendImport: emulatedFriendImport,
  friendUpdate: emulatedFriendUpdate,
  groupAdd: emulatedGroupAdd,
  groupDelete: emulatedGroupDelete,
  groupGet: emulatedGroupGet,
} as const satisfies { readonly [Name in keyof typeof catalogue]: EmulatedEndpoint<(typeof catalogue)[Name]> };

/** The `path` of every value of `map`, typed as the union of their literals. */
function pathsOf<const TMap extends Readonly<Record<string, { readonly path: string }>>>(map: TMap): TMap[keyof TMap]['path'][] {
  return Object.values(map).map((endpoint: { readonly path: string }) => endpoint.path as TMap[keyof TMap]['path']);
}

/**
 * The paths the emulator answers, in catalogue order. Their type is the literal union itself,
 * not a reference to the behaviours, so that the public stats type stays standalone in the
 * bundled declarations.
 */
export const emulatedPaths = pathsOf(emulatedEndpoints);

/** One path the emulator answers. */
export type EmulatedPath = (typeof emulatedPaths)[number];

/** An implemented endpoint, whichever it is. */
export type Route = EmulatedEndpoint<(typeof catalogue)[keyof typeof catalogue], EmulatedPath>;

/** The behaviours, in catalogue order. */
export const emulatedList: readonly Route[] = Object.values(emulatedEndpoints);

const byPath: ReadonlyMap<string, Route> = new Map(emulatedList.map((endpoint) => [endpoint.path, endpoint]));

// Any base-URL prefix is accepted (`/tim/v4/sns/friend_check`): a proxy's path is not ours to know.
const endpointPattern = /(?:^|\/)(v4\/\w+\/\w+)$/;

/** The behaviour a request's pathname ends in, if any. */
export function findEndpoint(pathname: string): Route | undefined {
  const command = endpointPattern.exec(pathname)?.[1];
  return command === undefined ? undefined : byPath.get(command);
}

/** One fresh value per implemented path (counters, windows), in catalogue order. */
export function perEndpoint<T>(make: () => T): Record<EmulatedPath, T> {
  return Object.fromEntries(emulatedPaths.map((path) => [path, make()])) as Record<EmulatedPath, T>;
}

/** The implemented paths as a sentence: `a, b and c`. */
export function implementedPaths(): string {
  const paths: string[] = [...emulatedPaths];
  const last = paths.pop() ?? '';
  return paths.length === 0 ? last : `${paths.join(', ')} and ${last}`;
}
