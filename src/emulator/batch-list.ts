/** The list of a batch request, read the way its declaration says (ids, or objects holding one). */
import type { AnyEndpoint } from '../endpoints/define-endpoint.js';

/** A request's list entries and the account of each (undefined for an entry that holds none). */
export interface BatchList {
  readonly entries: readonly unknown[];
  readonly accounts: readonly (string | undefined)[];
}

const empty: BatchList = { entries: [], accounts: [] };

/**
 * The list field of `body` that `declaration.batch` names, with each entry's account: the entry
 * itself for a list of ids, its `batch.account` field for a list of objects. Empty for an
 * endpoint without a list, or a body without one.
 */
export function batchList(declaration: AnyEndpoint | undefined, body: unknown): BatchList {
  const batch = declaration?.batch;
  if (batch === undefined || typeof body !== 'object' || body === null) return empty;
  const list: unknown = Reflect.get(body, batch.list);
  if (!Array.isArray(list)) return empty;
  const field = batch.account;
  const accounts = list.map((entry: unknown) => {
    const account: unknown = field === undefined ? entry : typeof entry === 'object' && entry !== null ? Reflect.get(entry, field) : undefined;
    return typeof account === 'string' ? account : undefined;
  });
  return { entries: list, accounts };
}
