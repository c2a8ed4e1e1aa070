import { parseArgs } from 'node:util';
import type { CallOptions } from '../client/call-options.js';
import { createClient, type TimClient } from '../client/create-client.js';
import type { BatchItem } from '../endpoints/batch.js';
import { readAccounts } from './accounts.js';
import type { Command } from './command.js';
import type { CommandIo } from './command-io.js';
import { connection, connectionFlags, type ConnectionValues } from './connection.js';
import { duplicatesNote } from './duplicates.js';
import { friendCheckHelp, friendGetListHelp } from './help.js';
import { progressLine, progressWanted } from './progress-line.js';
import { requestCounter } from './request-counter.js';
import { formatTable } from './table.js';
import { tuningFlags, tuningOptions, type TuningValues } from './tuning.js';
import { UsageError } from './usage-error.js';
import { verboseLogger } from './verbose-logger.js';

const checkTypes = { both: 'CheckResult_Type_Both', single: 'CheckResult_Type_Single' } as const;

const listFlags = { ...connectionFlags, ...tuningFlags, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' }, verbose: { type: 'boolean' } } as const;
const checkFlags = { ...listFlags, type: { type: 'string' } } as const;
const getListFlags = { ...listFlags, tags: { type: 'string' } } as const;

type ListValues = ConnectionValues & TuningValues & { from?: string | undefined; to?: string | undefined; json?: boolean | undefined; verbose?: boolean | undefined };

function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${flag}`);
  return value;
}

function resultCell(item: BatchItem): string {
  return item.ResultCode === 0 ? 'ok' : `${item.ResultCode} ${item.ResultInfo ?? ''}`.trim();
}

function summary(items: readonly BatchItem[]): string {
  const failed = items.filter((item) => item.ResultCode !== 0).length;
  return `${items.length} account${items.length === 1 ? '' : 's'}, ${failed} failed`;
}

/**
 * What both API commands do around their call: the client, the accounts of --to, a progress line
 * (or, with --verbose, the pipeline's events) on stderr while it runs, then the JSON answer or a
 * table with a summary. Collapsed duplicates
 * are told in the summary, or with --json on stderr, so stdout stays the API's answer.
 */
async function batchCall<A extends { readonly InfoItem: readonly BatchItem[] }>(
  values: ListValues,
  io: CommandIo,
  call: (tim: TimClient, from: string, to: string[], options: CallOptions) => Promise<A>,
  table: (answer: A) => string,
): Promise<void> {
  const { options, warnings } = await connection(values, io.env);
  const from = required(values.from, 'from');
  const ids = await readAccounts(required(values.to, 'to'));
  // --verbose writes events on stderr: a progress line there would be torn by them.
  const verbose = values.verbose === true;
  const progress = !verbose && progressWanted(io.env, io.stderr) ? progressLine(io.stderr, new Set(ids).size) : undefined;
  let answer: A;
  try {
    const plugins = progress === undefined ? [] : [requestCounter(progress.onRequest)];
    const logging = verbose ? { logger: verboseLogger(io.stderr), logLevel: 'debug' as const } : {};
    const tim = createClient({ ...options, ...tuningOptions(values), ...logging, plugins });
    warnings.forEach(io.note); // now that the command line is known good: errors stay one line
    answer = await call(tim, from, ids, { signal: io.signal, ...(progress === undefined ? {} : { onProgress: progress.onProgress }) });
  } finally {
    progress?.clear();
  }
  const duplicates = duplicatesNote(ids);
  if (values.json === true) {
    if (duplicates !== undefined) io.note(`${duplicates}: the answer lists each account once`);
    io.print(JSON.stringify(answer, null, 2));
    return;
  }
  io.print(`${table(answer)}\n${summary(answer.InfoItem)}${duplicates === undefined ? '' : ` (${duplicates})`}`);
}

/** `timfetch friend-check --from A --to B,C [--type both|single] [--json]` */
export const friendCheckCommand: Command = { flags: checkFlags, help: friendCheckHelp, run: friendCheck };

async function friendCheck(args: readonly string[], io: CommandIo): Promise<void> {
  const { values } = parseArgs({ args: [...args], options: checkFlags, strict: true });
  const type = values.type ?? 'both';
  if (type !== 'both' && type !== 'single') throw new UsageError('--type must be both or single');
  await batchCall(
    values,
    io,
    (tim, from, to, options) => tim.friendCheck({ From_Account: from, To_Account: to, CheckType: checkTypes[type] }, options),
    (answer) => {
      const rows = answer.InfoItem.map((item) => [
        item.To_Account,
        item.ResultCode === 0 ? String(item.Relation ?? '').replace('CheckResult_Type_', '') : '-',
        resultCell(item),
      ]);
      return formatTable(['To_Account', 'Relation', 'Result'], rows);
    },
  );
}

/** `timfetch friend-get-list --from A --to B,C --tags T1,T2 [--json]` */
export const friendGetListCommand: Command = { flags: getListFlags, help: friendGetListHelp, run: friendGetList };

async function friendGetList(args: readonly string[], io: CommandIo): Promise<void> {
  const { values } = parseArgs({ args: [...args], options: getListFlags, strict: true });
  const tags = required(values.tags, 'tags').split(',').filter((tag) => tag !== '');
  await batchCall(
    values,
    io,
    (tim, from, to, options) => tim.friendGetList({ From_Account: from, To_Account: to, TagList: tags }, options),
    (answer) => {
      const rows = answer.InfoItem.map((item) => {
        const fields = new Map((item.SnsProfileItem ?? []).map(({ Tag, Value }) => [Tag, Array.isArray(Value) ? Value.join(', ') : String(Value)]));
        return [item.To_Account, ...tags.map((tag) => fields.get(tag) ?? ''), resultCell(item)];
      });
      const header = ['To_Account', ...tags.map((tag) => tag.replace(/^Tag_(Profile|SNS)_(IM_)?/, '')), 'Result'];
      return formatTable(header, rows);
    },
  );
}
