/** The friend-group limit the writes that name groups share (friend_add, friend_import, friend_update, group_add). */
import { maxFriendGroups } from '../endpoints/sns/friend-fields.js';
import type { MemoryStore } from './store.js';

/** `names` without empty names and repeats, in order: the groups a write asks for. */
export function distinctGroups(names: readonly string[]): string[] {
  return [...new Set(names.filter((name) => name !== ''))];
}

/** Whether giving `owner` the groups `names` (creating those it lacks) takes it past 32 groups (30011). */
export function exceedsGroupLimit(store: MemoryStore, owner: string, names: readonly string[]): boolean {
  const have = new Set(store.groupNames(owner));
  const added = new Set(names.filter((name) => !have.has(name)));
  return have.size + added.size > maxFriendGroups;
}
