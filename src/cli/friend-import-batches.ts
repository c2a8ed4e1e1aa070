import { friendImport } from '../endpoints/sns/friend-import.js';
import type { Relation } from './friend-import-relations.js';

/** One friend_import request to make: relations of one owner, numbered in the order they are formed. */
export interface Batch {
  /** 0 for the first batch formed, then 1, 2 …: the same on every run over the same file. */
  readonly index: number;
  readonly from: string;
  /** At most `max`, each `To_Account` once, in file order. */
  readonly relations: readonly Relation[];
}

/** How relations are grouped; part of a checkpoint's fingerprint, as batch numbers depend on it. */
export interface Grouping {
  /** Relations per request: friend_import's maximum. */
  readonly max: number;
  /** Owners whose batches are open at once: how far apart one owner's lines may be and still share a request. */
  readonly owners: number;
}

const max = friendImport.batch?.max;
if (max === undefined) throw new Error('friendImport is declared without its batch maximum');

/** 16 open owners hold at most 16 × 999 relations: memory stays flat whatever the file's size. */
export const grouping: Grouping = { max, owners: 16 };

interface OpenBatch {
  readonly relations: Relation[];
  readonly accounts: Set<string>;
}

/**
 * The batches of a stream of relations, without holding the file: each owner has at most one
 * open batch; a batch is formed when it holds `max` relations, when its owner's next relation
 * repeats one of its accounts (each line then gets its own answer), when a new owner needs a
 * place and it is the oldest of `owners` open batches, or at the end (oldest first). A file
 * grouped by owner gives full requests; owners interleaved among at most `owners` at a time
 * still do; wider interleaving gives smaller requests, never a wrong one. The batches depend on
 * the file alone (not on timing), so a restart forms the same batches with the same numbers.
 */
export async function* batchesOf(relations: AsyncIterable<Relation>, limits: Grouping = grouping): AsyncGenerator<Batch> {
  const open = new Map<string, OpenBatch>(); // in the order they were opened
  let index = 0;
  const form = (from: string, batch: OpenBatch): Batch => {
    open.delete(from);
    return { index: index++, from, relations: batch.relations };
  };
  for await (const relation of relations) {
    const { from } = relation;
    let batch = open.get(from);
    if (batch?.accounts.has(relation.entry.To_Account) === true) {
      yield form(from, batch);
      batch = undefined;
    }
    if (batch === undefined) {
      const [oldest] = open;
      if (oldest !== undefined && open.size >= limits.owners) yield form(...oldest);
      batch = { relations: [], accounts: new Set() };
      open.set(from, batch);
    }
    batch.relations.push(relation);
    batch.accounts.add(relation.entry.To_Account);
    if (batch.relations.length >= limits.max) yield form(from, batch);
  }
  for (const oldest of [...open]) yield form(...oldest);
}
