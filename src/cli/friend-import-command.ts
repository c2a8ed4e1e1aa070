import { resolve } from 'node:path';
import { parseFlags } from './parse-flags.js';
import type { Command } from './command.js';
import type { CommandIo } from './command-io.js';
import { connection } from './connection.js';
import { commandClient, commandProgress, commonFlags } from './endpoint-command.js';
import { CommandError } from './failure.js';
import { batchesOf, grouping } from './friend-import-batches.js';
import { noCheckpoint, openCheckpoint, type Checkpoint } from './friend-import-checkpoint.js';
import type { FileDigest } from './friend-import-lines.js';
import { defaultAddSource, relationFields, relationsOf } from './friend-import-relations.js';
import { jsonReport, textReport } from './friend-import-report.js';
import { sendBatch, type Sender } from './friend-import-send.js';
import { tally } from './friend-import-summary.js';
import { friendImportHelp, friendImportUsage } from './help.js';
import { requestCounter } from './progress-line.js';
import { UsageError } from './usage-error.js';
import { parseWholeNumber } from './whole-number.js';

const flags = { ...commonFlags, from: { type: 'string' }, checkpoint: { type: 'string' } } as const;

// The SDK's chunking default, which --concurrency documents for every command.
const defaultConcurrency = 4;

/**
 * The first pass: every line checked (a usage error names the first bad one, before anything is
 * sent), the relations counted and the file's digest taken, streamed.
 */
async function checkFile(path: string, signal: AbortSignal): Promise<{ relations: number; digest: FileDigest }> {
  let relations = 0;
  let digest: FileDigest | undefined;
  for await (const _ of relationsOf(path, path, (read) => (digest = read))) {
    relations++;
    signal.throwIfAborted();
  }
  if (relations === 0) throw new UsageError(`${path} holds no relation`);
  return { relations, digest: digest as FileDigest };
}

/**
 * `timfetch friend-import --from FILE [--checkpoint FILE]`: the migration command. Checks the
 * whole file first, then streams it again, grouping relations by owner into requests of up to
 * 1,000 (friend-import-batches.ts), keeps up to --concurrency of them in flight through one
 * client (rate limit, retries, reconciliation, per-owner write lock), and records each batch in
 * the checkpoint before its request leaves and when its answer is in (friend-import-checkpoint.ts).
 * Exit code 0 when every relation is imported (now or before), 1 when some failed, are unsettled
 * or were not reached.
 */
async function run(args: readonly string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags(args, flags);
  const { from: file, checkpoint: checkpointPath } = values;
  if (file === undefined || file === '') throw new UsageError('missing --from (the relations file)');
  if (checkpointPath === '') throw new UsageError('--checkpoint needs a file name');
  if (checkpointPath !== undefined && resolve(checkpointPath) === resolve(file)) throw new UsageError('--checkpoint must not be the relations file');
  const { options, warnings } = await connection(values, io.env);
  const concurrency = values.concurrency === undefined ? defaultConcurrency : parseWholeNumber(values.concurrency, '--concurrency');
  let requests = 0;
  let onRequest = (attempt: number): void => void attempt;
  // Made before the long first pass: the SDK refuses bad options (--rate 0 …) at once.
  const tim = commandClient(options, values, io, [requestCounter((attempt) => (requests++, onRequest(attempt)))]);

  const { relations, digest } = await checkFile(file, io.signal);
  const fingerprint = { file: digest, sdkAppId: options.sdkAppId, service: options.baseUrl ?? options.region ?? 'china', grouping };
  const checkpoint: Checkpoint = checkpointPath === undefined ? noCheckpoint : await openCheckpoint(checkpointPath, checkpointPath, fingerprint, file);
  warnings.forEach(io.note); // now that the command line is known good: errors stay one line

  const started = performance.now();
  const counts = tally(file, relations, checkpoint.before);
  const progress = commandProgress(values, io, relations);
  if (progress !== undefined) onRequest = progress.onRequest;
  const print = (line: string) => {
    progress?.erase();
    io.print(line);
  };
  const report = values.json === true ? jsonReport(print) : textReport(file, print);
  let batches = 0;
  const showProgress = () =>
    progress?.onProgress({ completedAccounts: counts.settled(), failedAccounts: counts.failedSoFar(), totalAccounts: relations, completedChunks: batches, failedChunks: 0, totalChunks: batches });
  const sender: Sender = {
    tim,
    checkpoint,
    signal: io.signal,
    onResult: (result) => {
      counts.add(result);
      report.result(result);
    },
  };

  let stopped: { error: unknown } | undefined;
  let reread: FileDigest | undefined;
  const running = new Set<Promise<void>>(); // its promises never reject: a failure sets `stopped`
  try {
    showProgress();
    for await (const batch of batchesOf(relationsOf(file, file, (read) => (reread = read)))) {
      const standing = checkpoint.standing(batch.index);
      if (standing.state === 'settled') continue;
      while (running.size >= concurrency) await Promise.race(running);
      if (stopped !== undefined || io.signal.aborted) break;
      const task: Promise<void> = sendBatch(sender, batch, standing.state === 'partial' ? standing.leftover : undefined)
        .then(
          () => {
            batches++;
            showProgress();
          },
          (error: unknown) => void (stopped ??= { error }),
        )
        .finally(() => running.delete(task));
      running.add(task);
    }
  } finally {
    await Promise.all(running);
    progress?.clear();
    await checkpoint.close();
  }
  // Read to its end (not stopped early) but not the file checked first: the checkpoint describes another.
  if (reread !== undefined && (reread.size !== digest.size || reread.sha256 !== digest.sha256)) {
    stopped ??= { error: new CommandError(`${file} changed while it was imported: the checkpoint no longer matches it`) };
  }
  const summary = counts.summary(requests, (performance.now() - started) / 1000);
  report.summary(summary);
  io.signal.throwIfAborted();
  if (stopped !== undefined) throw stopped.error;
  return summary.failed + summary.unsettled + summary.notSent === 0 ? 0 : 1;
}

/** `timfetch friend-import`: replaces the command the catalogue would make of friend_import. */
export const friendImportCommand: Command = {
  flags,
  usage: friendImportUsage,
  summary: 'Imports relations from an NDJSON file, resumable with a checkpoint (v4/sns/friend_import)',
  help: friendImportHelp(relationFields, defaultAddSource),
  run,
};
