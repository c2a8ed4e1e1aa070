import { describeErrorCode, unknownOutcomeCode } from '../errors/error-codes.js';
import type { Settled } from './friend-import-checkpoint.js';
import type { RelationResult } from './friend-import-send.js';
import { alreadyInList } from './friend-import-send.js';

/** What a run of `timfetch friend-import` did, as `--json` prints it (`{"summary":{…}}`, its last line). */
export interface ImportSummary {
  /** The relations file, as given. */
  readonly file: string;
  /** Relations in the file. */
  readonly relations: number;
  /** Imported by this run. */
  readonly imported: number;
  /** Imported before this run: settled in the checkpoint, or `foundDone`. */
  readonly alreadyDone: number;
  /** Relations an earlier request may have applied (in flight at a kill, or an unknown outcome) that this run sent again. */
  readonly resent: number;
  /** Of `resent`, those found already in the list (30001): done before this run. */
  readonly foundDone: number;
  /** Relations that failed for good, in this run or an earlier one. */
  readonly failed: number;
  readonly failedByCode: Readonly<Record<string, number>>;
  /** Of `failed`, those that failed in an earlier run (the checkpoint says so; they are not sent again). */
  readonly failedBefore: number;
  /** Relations not settled (an unknown outcome, a transient failure after the retries): the next run sends them again. */
  readonly unsettled: number;
  readonly unsettledByCode: Readonly<Record<string, number>>;
  /** Relations this run did not reach: it stopped early. */
  readonly notSent: number;
  /** HTTP requests this run made (friend_import, its retries and its reconciliation reads). */
  readonly requests: number;
  readonly seconds: number;
}

// friend_import's own words for its per-relation codes; other codes get the SDK's. 30001 says
// both: a whole request refused as a bad parameter fails its relations with it too.
const meanings: Readonly<Record<number, string>> = {
  [alreadyInList]: 'already in the list, or a bad parameter',
  30003: 'account does not exist',
  30010: 'friend list full',
  [unknownOutcomeCode]: 'outcome unknown',
};

/** A code and what it means: `30010 friend list full`. */
export const codeText = (code: number): string => `${code} ${meanings[code] ?? describeErrorCode(code).meaning}`;

const add = (counts: Map<number, number>, code: number, by = 1) => counts.set(code, (counts.get(code) ?? 0) + by);
const sum = (counts: ReadonlyMap<number, number>) => [...counts.values()].reduce((total, n) => total + n, 0);
const record = (counts: ReadonlyMap<number, number>) => Object.fromEntries([...counts].sort(([a], [b]) => a - b).map(([code, n]) => [String(code), n]));

/** Counts a run's results, on top of what earlier runs settled. */
export interface Tally {
  readonly add: (result: RelationResult) => void;
  /** Relations settled so far, this run's and earlier ones' (for the progress line). */
  readonly settled: () => number;
  /** Relations failed for good so far, this run's and earlier ones'. */
  readonly failedSoFar: () => number;
  readonly summary: (requests: number, seconds: number) => ImportSummary;
}

/** A tally for `relations` relations of `file`, `before` being what the checkpoint settled. */
export function tally(file: string, relations: number, before: Settled): Tally {
  const failed = new Map(before.failed);
  const open = new Map<number, number>();
  const failedBefore = sum(before.failed);
  let imported = 0;
  let resent = 0;
  let found = 0;
  return {
    add: (result) => {
      const { outcome, code } = result;
      if (outcome === 'imported') imported++;
      else if (outcome === 'found') found++;
      else add(outcome === 'failed' ? failed : open, code);
      if (result.resent) resent++;
    },
    settled: () => before.imported + imported + found + sum(failed),
    failedSoFar: () => sum(failed),
    summary: (requests, seconds) => {
      const [failedCount, unsettled] = [sum(failed), sum(open)];
      const alreadyDone = before.imported + found;
      return {
        file,
        relations,
        imported,
        alreadyDone,
        resent,
        foundDone: found,
        failed: failedCount,
        failedByCode: record(failed),
        failedBefore,
        unsettled,
        unsettledByCode: record(open),
        notSent: relations - imported - alreadyDone - failedCount - unsettled,
        requests,
        seconds: Math.round(seconds * 1000) / 1000,
      };
    },
  };
}
