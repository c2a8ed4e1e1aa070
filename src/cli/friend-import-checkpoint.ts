/**
 * The checkpoint of `timfetch friend-import`: an append-only file of JSON lines.
 *
 * ```
 * {"checkpoint":"timfetch friend-import","version":1,"file":{"size":…,"sha256":"…"},"sdkAppId":…,"service":"…","grouping":{"max":1000,"owners":16}}
 * {"sent":12,"from":"alice","first":1001,"size":1000}         batch 12 may be on its way (synced before its request)
 * {"done":12,"failed":[[3,30010]],"open":[[9,-6,1],[10,30006]]} batch 12 answered
 * ```
 *
 * The first line is the fingerprint: the relations file (size, SHA-256), the app and the service,
 * and the grouping that numbers the batches. A `sent` line is synced to disk before its request
 * leaves; a `done` line is written when the answer is in (synced with the next `sent`: a lost one
 * costs a resend, never a wrong count). A `done` line holds the whole batch's state after that
 * answer: entries (by index in the batch) not listed are imported; `failed` ones have a final
 * code; `open` ones are not settled (an unknown outcome, or a transient failure after the SDK's
 * retries) and are sent again by the next run, a trailing 1 marking those an earlier request may
 * have applied. The last line of a batch wins. A last line without its LF (torn by a kill) is dropped.
 */
import { stat } from 'node:fs/promises';
import * as v from 'valibot';
import type { Batch, Grouping } from './friend-import-batches.js';
import { openDurableLog, type DurableLog } from './friend-import-durable-log.js';
import { CommandError } from './failure.js';
import { textLines, type FileDigest } from './friend-import-lines.js';
import { UsageError } from './usage-error.js';

/** What a checkpoint belongs to: a checkpoint made for anything else is refused. */
export interface Fingerprint {
  readonly file: FileDigest;
  readonly sdkAppId: number;
  /** The region's name or the base URL. */
  readonly service: string;
  readonly grouping: Grouping;
}

/** An entry that failed for good: its index in the batch and its code. */
export type FailedEntry = readonly [index: number, code: number];
/** An entry not settled: its index, its last code, and 1 when an earlier request may have applied it. */
export type OpenEntry = readonly [index: number, code: number, maybeApplied?: 1];

/** What earlier runs left of a batch they did not settle. */
export interface Leftover {
  /** Entries that failed for good: kept in the batch's next record. */
  readonly failed: readonly FailedEntry[];
  /** The entries to send, by index: true when an earlier request may have applied it (in flight at a kill, or an unknown outcome). */
  readonly pending: ReadonlyMap<number, boolean>;
}

/** How a batch stands, as earlier runs left it. */
export type BatchStanding = { readonly state: 'new' } | { readonly state: 'settled' } | { readonly state: 'partial'; readonly leftover: Leftover };

/** Entries earlier runs settled: imported, or failed for good (by code). */
export interface Settled {
  readonly imported: number;
  readonly failed: ReadonlyMap<number, number>;
}

/** A checkpoint to resume from and to write to. */
export interface Checkpoint {
  /** What earlier runs settled. */
  readonly before: Settled;
  readonly standing: (index: number) => BatchStanding;
  /** Records that the batch's request may leave: resolves once the record is on disk. */
  readonly sent: (batch: Batch) => Promise<void>;
  /** Records the batch's state after an answer (see the format above). */
  readonly done: (index: number, failed: readonly FailedEntry[], open: readonly OpenEntry[]) => Promise<void>;
  readonly close: () => Promise<void>;
}

const format = { checkpoint: 'timfetch friend-import', version: 1 } as const;

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const headerSchema = v.object({
  checkpoint: v.literal(format.checkpoint),
  version: v.number(),
  file: v.object({ size: count, sha256: v.string() }),
  sdkAppId: count,
  service: v.string(),
  grouping: v.object({ max: count, owners: count }),
});
const sentSchema = v.strictObject({ sent: count, from: v.string(), first: count, size: v.pipe(count, v.minValue(1)) });
const doneSchema = v.strictObject({
  done: count,
  // Strict: a plain tuple would read [9, -6, 1] as [9, -6] and lose the mark.
  failed: v.optional(v.array(v.strictTuple([count, v.number()]))),
  open: v.optional(v.array(v.union([v.strictTuple([count, v.number()]), v.strictTuple([count, v.number(), v.literal(1)])]))),
});

/** One bit per batch: whether it is settled. 125 KB for a million batches. */
function bitSet(): { readonly has: (index: number) => boolean; readonly add: (index: number) => void } {
  let bits = new Uint8Array(1024);
  return {
    has: (index) => ((bits[index >> 3] ?? 0) & (1 << (index & 7))) !== 0,
    add: (index) => {
      if (index >> 3 >= bits.length) {
        const grown = new Uint8Array(Math.max(bits.length * 2, (index >> 3) + 1));
        grown.set(bits);
        bits = grown;
      }
      bits[index >> 3] = (bits[index >> 3] ?? 0) | (1 << (index & 7));
    },
  };
}

/** A batch sent or answered but not settled, while the records are replayed. */
interface Replayed {
  readonly size: number;
  failed: readonly FailedEntry[];
  /** Open entries of its last `done`; undefined before any: every entry. */
  open: readonly OpenEntry[] | undefined;
  inFlight: boolean;
}

/** The difference between a checkpoint's fingerprint and this run's, as a sentence, or undefined when they match. */
function mismatch(made: v.InferOutput<typeof headerSchema>, now: Fingerprint, name: string, from: string): string | undefined {
  if (made.version !== format.version) return `${name} is a checkpoint of version ${made.version}; this timfetch reads version ${format.version}`;
  if (made.file.size !== now.file.size || made.file.sha256 !== now.file.sha256) {
    const describe = (file: FileDigest) => `${file.size} bytes, SHA-256 ${file.sha256.slice(0, 12)}…`;
    return `${name} belongs to another relations file (${describe(made.file)}; ${from} has ${describe(now.file)}): give the file it was made for, or another --checkpoint`;
  }
  if (made.sdkAppId !== now.sdkAppId) return `${name} was made for SDKAppID ${made.sdkAppId}, not ${now.sdkAppId}`;
  if (made.service !== now.service) return `${name} was made for ${made.service}, not ${now.service}`;
  if (made.grouping.max !== now.grouping.max || made.grouping.owners !== now.grouping.owners) return `${name} was made by a timfetch that groups relations otherwise`;
  return undefined;
}

/**
 * Opens the checkpoint at `path` (named `name` in messages) for a run over the relations file
 * `from` with `fingerprint`: a missing or empty file becomes a new checkpoint; an existing one is
 * replayed (streamed; memory holds a bit per batch and the batches not settled) and refused with
 * a usage error when it belongs to another file, app or service, or is damaged.
 */
export async function openCheckpoint(path: string, name: string, fingerprint: Fingerprint, from: string): Promise<Checkpoint> {
  const exists = await stat(path).then(
    (stats) => {
      if (!stats.isFile()) throw new UsageError(`--checkpoint ${name} is not a file`);
      return true;
    },
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw new UsageError(`cannot read ${name}: ${error.code ?? String(error)}`);
    },
  );
  const settled = bitSet();
  const open = new Map<number, Replayed>();
  let imported = 0;
  const failed = new Map<number, number>();
  const countSettled = (size: number, failures: readonly FailedEntry[], unsettled: number) => {
    imported += size - failures.length - unsettled;
    for (const [, code] of failures) failed.set(code, (failed.get(code) ?? 0) + 1);
  };
  const headerLine = JSON.stringify({ ...format, ...fingerprint });
  let keep = 0; // bytes of whole lines
  let header = false;
  if (exists) {
    for await (const { text, line, ended } of textLines(path, name, 'a checkpoint')) {
      // Torn by a kill: never acted on. A first line is cut only if it is the start of our own
      // header: any other file given by mistake is refused, never overwritten.
      if (!ended && (line > 1 || headerLine.startsWith(text))) break;
      keep += Buffer.byteLength(text) + 1;
      const damaged = (why: string) => new UsageError(`${name}:${line}: ${why}`);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw damaged(line === 1 ? 'not a timfetch friend-import checkpoint' : 'damaged record (not JSON)');
      }
      if (line === 1) {
        const made = v.safeParse(headerSchema, value);
        if (!made.success) throw damaged('not a timfetch friend-import checkpoint');
        const why = mismatch(made.output, fingerprint, name, from);
        if (why !== undefined) throw new UsageError(why);
        header = true;
        continue;
      }
      const sent = v.safeParse(sentSchema, value);
      if (sent.success) {
        const { sent: index, size } = sent.output;
        if (settled.has(index)) throw damaged(`batch ${index} sent after it was settled`);
        const known = open.get(index);
        open.set(index, known === undefined ? { size, failed: [], open: undefined, inFlight: true } : { ...known, inFlight: true });
        continue;
      }
      const done = v.safeParse(doneSchema, value);
      const known = done.success ? open.get(done.output.done) : undefined;
      if (!done.success || known === undefined) throw damaged(done.success ? `batch ${done.output.done} answered before it was sent` : 'damaged record');
      const { done: index, failed: failures = [], open: left = [] } = done.output;
      if (left.length === 0) {
        countSettled(known.size, failures, 0);
        settled.add(index);
        open.delete(index);
      } else Object.assign(known, { failed: failures, open: left, inFlight: false });
    }
  }
  const leftovers = new Map<number, Leftover>();
  for (const [index, batch] of open) {
    // In flight at a kill: every entry its request carried may have been applied.
    const pending = new Map<number, boolean>(
      batch.open === undefined ? Array.from({ length: batch.size }, (_, entry) => [entry, true]) : batch.open.map(([entry, , maybe]) => [entry, batch.inFlight || maybe === 1]),
    );
    countSettled(batch.size, batch.failed, pending.size);
    leftovers.set(index, { failed: batch.failed, pending });
  }
  // A checkpoint that cannot be written stops the command, told as such (not as a bug).
  const cannotWrite = (error: unknown) => {
    throw new CommandError(`cannot write ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  };
  const log: DurableLog = await openDurableLog(path, header ? keep : 0, !exists).catch(cannotWrite);
  const append = (record: object, durable: boolean) => log.append(JSON.stringify(record), durable).catch(cannotWrite);
  if (!header) await log.append(headerLine, true).catch(cannotWrite);
  return {
    before: { imported, failed },
    standing: (index) => {
      const leftover = leftovers.get(index);
      if (leftover !== undefined) return { state: 'partial', leftover };
      return settled.has(index) ? { state: 'settled' } : { state: 'new' };
    },
    sent: (batch) => append({ sent: batch.index, from: batch.from, first: batch.relations[0]?.line ?? 0, size: batch.relations.length }, true),
    done: (index, failures, left) => append({ done: index, ...(failures.length === 0 ? {} : { failed: failures }), ...(left.length === 0 ? {} : { open: left }) }, false),
    close: () => log.close().catch(cannotWrite),
  };
}

/** No checkpoint: every batch is new, nothing is recorded. */
export const noCheckpoint: Checkpoint = {
  before: { imported: 0, failed: new Map() },
  standing: () => ({ state: 'new' }),
  sent: async () => {},
  done: async () => {},
  close: async () => {},
};
