import type { TimClient } from '../client/create-client.js';
import { isRetryableCode, unknownOutcomeCode } from '../errors/error-codes.js';
import { mayHaveApplied } from '../errors/may-have-applied.js';
import { isTimApiError } from '../errors/tim-api-error.js';
import { isTimError } from '../errors/tim-error.js';
import type { Batch } from './friend-import-batches.js';
import type { Checkpoint, FailedEntry, Leftover, OpenEntry } from './friend-import-checkpoint.js';
import type { Relation } from './friend-import-relations.js';

/** The code of a relation that is already in the list (and of a bad parameter: friend_import answers both with it). */
export const alreadyInList = 30001;

/**
 * What became of one relation:
 * - `imported` by this run;
 * - `found`: already in the list (30001) where an earlier request may have applied it (in flight
 *   at a kill, or an unknown outcome): done before, not failed;
 * - `failed` for good (30001 for a relation no earlier request carried: it was there before);
 * - `open`: not settled (an unknown outcome, a transient failure after the SDK's retries, or a
 *   request failure its result carries, such as a resend refused with HTTP 503): the next run
 *   sends it again.
 */
export type Outcome = 'imported' | 'found' | 'failed' | 'open';

/** One relation's answer. */
export interface RelationResult {
  readonly relation: Relation;
  readonly outcome: Outcome;
  readonly code: number;
  readonly info: string;
  /** An earlier request may have applied it: this run sent it again. */
  readonly resent: boolean;
}

/**
 * Whether `code` is the SDK's own (negative) or an HTTP status: a request that failed as a whole
 * carries it to its accounts (a resend after reconciling refused with a 503, a lost connection),
 * which says nothing final about any relation.
 */
const isRequestFailure = (code: number) => code < 0 || (code >= 100 && code < 600);

function outcomeOf(code: number, maybeApplied: boolean): Outcome {
  if (code === 0) return 'imported';
  if (code === alreadyInList && maybeApplied) return 'found';
  return isRequestFailure(code) || isRetryableCode(code) ? 'open' : 'failed';
}

/**
 * Whether a request that failed as a whole failed for its own batch alone: a relationship-chain
 * code the SDK does not retry (30003, the owner does not exist). Anything else (a credential, the
 * service, the network) would fail every batch alike: the command stops.
 */
const failsTheBatch = (error: unknown): error is { code: number; message: string } =>
  isTimApiError(error) && error.code >= 30_000 && error.code < 40_000 && !isRetryableCode(error.code);

/** What a run does with a batch: the client, the checkpoint, how results are heard, the user's interrupt. */
export interface Sender {
  readonly tim: TimClient;
  readonly checkpoint: Checkpoint;
  readonly signal: AbortSignal;
  readonly onResult: (result: RelationResult) => void;
}

/**
 * Imports a batch's relations, or those an earlier run left (`leftover`): records the batch as
 * sent (on disk before the request leaves), makes one friend_import call through the SDK (rate
 * limit, retries, reconciliation of unknown outcomes, the per-owner write lock), hears each
 * relation's result, and records the batch's new state. Rejects when the call fails in a way
 * that would fail every batch, or is interrupted: its relations are then recorded open.
 */
export async function sendBatch(sender: Sender, batch: Batch, leftover: Leftover | undefined): Promise<void> {
  const { tim, checkpoint, signal, onResult } = sender;
  const pending = leftover?.pending ?? new Map(batch.relations.map((_, index) => [index, false]));
  const indexes = [...pending.keys()];
  const sent = indexes.map((index) => batch.relations[index] as Relation);
  const failed: FailedEntry[] = [...(leftover?.failed ?? [])];
  const open: OpenEntry[] = [];
  const settle = (index: number, outcome: Outcome, code: number, info: string, maybeApplied: boolean) => {
    if (outcome === 'failed') failed.push([index, code]);
    if (outcome === 'open') open.push(maybeApplied ? [index, code, 1] : [index, code]);
    onResult({ relation: batch.relations[index] as Relation, outcome, code, info, resent: pending.get(index) === true });
  };

  await checkpoint.sent(batch);
  let results: ReadonlyMap<string, { readonly ResultCode: number; readonly ResultInfo?: string | undefined }>;
  try {
    const answer = await tim.friendImport({ From_Account: batch.from, AddFriendItem: sent.map((relation) => relation.entry) }, { signal });
    results = new Map(answer.ResultItem.map((item) => [item.To_Account, item]));
  } catch (error) {
    if (signal.aborted || !failsTheBatch(error)) {
      // Interrupted, or every batch would fail alike: the relations stay open, applied or not as
      // far as the error tells (an interrupted request may have been), and the command stops.
      const told = isTimError(error) && !signal.aborted;
      const code = told ? error.code : unknownOutcomeCode;
      const applied = !told || mayHaveApplied(error);
      const info = error instanceof Error ? error.message : String(error);
      for (const index of indexes) settle(index, 'open', code, info, applied || pending.get(index) === true);
      await checkpoint.done(batch.index, failed, open);
      throw error;
    }
    // Refused as a whole (30003: the owner does not exist): not applied, whatever an earlier request did.
    for (const index of indexes) settle(index, 'failed', error.code, error.message, false);
    await checkpoint.done(batch.index, failed, open);
    return;
  }
  for (const [position, index] of indexes.entries()) {
    // The SDK answers every account; a missing one is told as an unknown outcome, never dropped.
    const item = results.get((sent[position] as Relation).entry.To_Account);
    const code = item?.ResultCode ?? unknownOutcomeCode;
    const maybeApplied = pending.get(index) === true || code === unknownOutcomeCode;
    settle(index, outcomeOf(code, maybeApplied), code, item?.ResultInfo ?? (item === undefined ? 'no result in the answer' : ''), maybeApplied);
  }
  await checkpoint.done(batch.index, failed, open);
}
