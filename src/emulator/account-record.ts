/** How the emulator keeps one account in memory. */
import type { FriendTags, ProfileTags } from './tags.js';

/**
 * A stored friend entry: its tags (defaults filled in), or for a generated entry the seed it is
 * drawn from on every read. A million generated entries then cost a million small integers
 * instead of a million objects, which keeps `generate()` fast and light.
 */
export type StoredEntry = FriendTags | number;

/**
 * One account: its profile and its friend list (friend id → the owner's entry for that friend,
 * in the order the friends were added).
 */
export interface AccountRecord {
  /** The profile tags that have a value. */
  readonly profile: ProfileTags;
  /** The friend list: friend id → friend entry. */
  readonly friends: Map<string, StoredEntry>;
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
