/**
 * What the friendship writes (friend_add, friend_import, friend_delete …) share: the lists a
 * one-way or both-way write touches, the refusals of a new friendship, and per-account results.
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

/** The answer of an entry the write found done already: a success that changed nothing. */
export function unchangedEntry(account: string): EntryAnswer {
  return { result: accountResult(account), applied: false };
}

/** The answer of an entry the write refused: nothing changed. */
export function refusedEntry(account: string, code: number, info: string): EntryAnswer {
  return { result: accountResult(account, code, info), applied: false };
}

/** The result of an account an injected `itemError` failed (nothing applied). */
export function failedWrite(account: string, code: 30006 | 30007): AccountResult {
  return accountResult(account, code, code === 30006 ? 'internal server error, please retry' : 'network timeout, please retry later');
}

/** Whether `source` is an `AddSource` (the request schemas check the keyword). */
export const isAddSource = (source: string): source is `AddSource_Type_${string}` => source.startsWith('AddSource_Type_');

/**
 * The refusal of a new relation from `from` to `to` that friend_add and friend_import check
 * first, or undefined: itself → 30001; an account that does not exist → 30003; a block either
 * way → 30515 (blocked accounts cannot befriend each other, whoever blocked whom). `command` names
 * the endpoint in ResultInfo, in the service's style.
 */
export function refusedRelation(store: MemoryStore, from: string, to: string, command: 'FriendAdd' | 'FriendImport'): EntryAnswer | undefined {
  if (to === from) return refusedEntry(to, 30001, `Err_SNS_${command}_Add_Self`);
  if (!store.hasAccount(to)) return refusedEntry(to, 30003, `Err_SNS_${command}_Account_Not_Exist`);
  if (store.isBlocked(to, from) || store.isBlocked(from, to)) return refusedEntry(to, 30515, `Err_SNS_${command}_In_Black_List`);
  return undefined;
}
