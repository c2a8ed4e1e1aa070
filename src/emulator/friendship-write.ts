/**
 * What the friendship writes (friend_add, friend_delete) share: the lists a one-way or both-way
 * write touches, and their per-account results.
 */
import { accountResult, type AccountResult } from './answers.js';
import type { EntryAnswer } from './emulated-endpoint.js';
import type { MemoryStore } from './store.js';

/** One list a write touches: `owner`'s entry for `friend`, and whether it is there now. */
export interface Side {
  readonly owner: string;
  readonly friend: string;
  readonly linked: boolean;
}

/**
 * The lists a write between `from` and `to` touches: `from`'s entry for `to`, and when `both`
 * also `to`'s entry for `from`, in that order.
 */
export function sides(store: MemoryStore, from: string, to: string, both: boolean): Side[] {
  const pairs: [string, string][] = both ? [[from, to], [to, from]] : [[from, to]];
  return pairs.map(([owner, friend]) => ({ owner, friend, linked: store.hasFriend(owner, friend) }));
}

/** The answer of an entry the write applied. */
export function appliedEntry(account: string): EntryAnswer {
  return { result: accountResult(account), applied: true };
}

/** The answer of an entry the write refused: nothing changed. */
export function refusedEntry(account: string, code: number, info: string): EntryAnswer {
  return { result: accountResult(account, code, info), applied: false };
}

/** The result of an account an injected `itemError` failed (nothing applied). */
export function failedWrite(account: string, code: 30006 | 30007): AccountResult {
  return accountResult(account, code, code === 30006 ? 'internal server error, please retry' : 'network timeout, please retry later');
}
