/** How the emulator keeps one account in memory. */
import type { FriendTags, ProfileTags } from './tags.js';

/**
 * A stored friend entry: its tags (defaults filled in), or for a generated entry the seed it is
 * drawn from on every read. A million generated entries then cost a million small integers
 * instead of a million objects, which keeps `generate()` fast and light.
 */
export type StoredEntry = FriendTags | number;

/**
 * One account: its profile, its friend list (friend id → the owner's entry for that friend,
 * in the order the friends were added) and the sequence of that list; its block list and friend
 * groups with their sequences. The block list, the groups and the remark times are made on the
 * first write that needs them: a million generated accounts carry none.
 */
export interface AccountRecord {
  /** The profile tags that have a value. */
  readonly profile: ProfileTags;
  /** The friend list: friend id → friend entry. */
  readonly friends: Map<string, StoredEntry>;
  /**
   * Advances on every change of the friend list (an entry added, replaced or removed): what
   * friend_get answers as `StandardSequence` and `CustomSequence`.
   */
  sequence: number;
  /** The block list: blocked id → when it was blocked (Unix seconds), in the order blocked. */
  blocked?: Map<string, number>;
  /** Advances on every change of the block list: black_list_get's sequence. */
  blockSequence: number;
  /**
   * The friend groups, in the order they were created (a generated entry may name groups that
   * are not here: the store's `groupNames` adds them).
   */
  groups?: Set<string>;
  /**
   * Advances on every change of the groups or of who is in them: group_add's, group_delete's
   * and group_get's `CurrentSequence`.
   */
  groupSequence: number;
  /** When each friend's remark was set (Unix seconds), for the friends that have one. */
  remarkTimes?: Map<string, number>;
}

/**
 * Where {@link generateGraph} writes: checks for existing ids and inserts new accounts without
 * re-validating the generated (already valid) data.
 */
export interface GraphSink {
  /** Whether the id is taken. */
  hasAccount(id: string): boolean;
  /** Creates an account and returns its record. */
  insertAccount(id: string, profile: ProfileTags): AccountRecord;
}
