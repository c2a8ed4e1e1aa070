import { parseFlags } from './parse-flags.js';
import { createClient, type TimClient } from '../client/create-client.js';
import type { ClientOptions } from '../client/options.js';
import type { AnyEndpoint } from '../endpoints/define-endpoint.js';
import type { Plugin } from '../pipeline/plugin.js';
import { readAccounts, streamAccounts } from './accounts.js';
import type { Command } from './command.js';
import type { CommandIo } from './command-io.js';
import { jsonOutput, ndjsonOutput, tableOutput } from './command-output.js';
import { connection, connectionFlags } from './connection.js';
import { endpointHelp, flagLine } from './help.js';
import { progressLine, progressWanted, requestCounter, type ProgressLine } from './progress-line.js';
import { kebabCase, requestFlags, type FieldFlag, type RequestFlags } from './request-flags.js';
import { resultTable, type ResultRecord } from './result-table.js';
import { tuningFlags, tuningOptions } from './tuning.js';
import { UsageError } from './usage-error.js';
import { verboseLogger } from './verbose-logger.js';

/** The flags every API command takes, whatever its fields. */
export const commonFlags = { ...connectionFlags, ...tuningFlags, json: { type: 'boolean' }, verbose: { type: 'boolean' } } as const;

/** The common flags as `parseArgs` returns them. */
export type CommonValues = { [K in keyof typeof commonFlags]?: (typeof commonFlags)[K]['type'] extends 'boolean' ? boolean | undefined : string | undefined };

/** The progress line of a call over `total` accounts, when it is wanted: never with --verbose, whose events would tear it. */
export function commandProgress(values: CommonValues, io: CommandIo, total: number | undefined): ProgressLine | undefined {
  return values.verbose !== true && progressWanted(io.env, io.stderr) ? progressLine(io.stderr, total) : undefined;
}

/** The client of a command line: its connection `options`, the tuning flags, `--verbose` logging on stderr, and `plugins`. */
export function commandClient(options: ClientOptions, values: CommonValues, io: CommandIo, plugins: Plugin[]): TimClient {
  const logging = values.verbose === true ? { logger: verboseLogger(io.stderr), logLevel: 'debug' as const } : {};
  return createClient({ ...options, ...tuningOptions(values), ...logging, plugins });
}

// A batch endpoint's list: ids, @files of ids and @- (accounts.ts reads them).
const toFlag = { to: { type: 'string' } } as const;
const toValue = 'B,C,@ids.txt,@-';
// A batch or paged endpoint's results, one JSON line each as they arrive.
const ndjsonFlag = { ndjson: { type: 'boolean' } } as const;

/** The usage of a field's flag: `--type both|single`, in brackets when it may be left out. */
const usageOf = (flag: FieldFlag) => (flag.required ? `--${flag.flag} ${flag.value}` : `[--${flag.flag} ${flag.value}]`);

/** A field's line in help: `--type both|single      CheckType: … (required)`. */
function helpLineOf(flag: FieldFlag, label: string): string {
  const meaning = [label, flag.meaning].filter((part) => part !== '').join(': ');
  return flagLine(`--${flag.flag} ${flag.value}`, `${meaning}${flag.required ? ' (required)' : ''}`);
}

/** The usage line and help of an endpoint's command, from its declaration and derived flags: `--from`, `--to`, the entries' flags, the others. */
function helpOf(endpoint: AnyEndpoint, name: string, request: RequestFlags): { usage: string; summary: string; help: string } {
  const { batch } = endpoint;
  const from = request.fields.filter((flag) => flag.flag === 'from');
  const others = request.fields.filter((flag) => flag.flag !== 'from');
  const field = (flag: FieldFlag, label = flag.field) => ({ usage: usageOf(flag), line: helpLineOf(flag, label) });
  const list = batch === undefined ? '' : `${batch.list}: ${batch.account === undefined ? 'the accounts' : `one entry per account, its ${batch.account}`} (required)`;
  const parts = [
    ...from.map((flag) => field(flag)),
    ...(batch === undefined ? [] : [{ usage: `--to ${toValue}`, line: flagLine(`--to ${toValue}`, list) }]),
    ...request.entry.map((flag) => field(flag, `${batch?.list ?? ''}[].${flag.field}, the same for every account`)),
    ...others.map((flag) => field(flag)),
  ];
  const outputFlags = batch !== undefined || endpoint.paged !== undefined ? ['[--json | --ndjson]'] : ['[--json]'];
  const usage = `timfetch ${name} ${[...parts.map((part) => part.usage), ...outputFlags, '[--verbose]'].join(' ')}`;
  const summary = endpoint.summary === undefined ? endpoint.path : `${endpoint.summary} (${endpoint.path})`;
  const kind = batch !== undefined ? 'batch' : endpoint.paged !== undefined ? 'paged' : 'single';
  return { usage, summary, help: endpointHelp({ usage, summary, flags: parts.map((part) => part.line), kind }) };
}

/** The name of an endpoint's command: the kebab-case of its name (`friendGetList` → `friend-get-list`). */
export const commandName = (endpoint: AnyEndpoint): string => kebabCase(endpoint.name);

/**
 * The command of an endpoint, made from its declaration alone: its flags (see requestFlags), its
 * help, and its work: the call (a walk, page by page, for a paged endpoint) with a progress line
 * or `--verbose` events on stderr, then a table of the results and a summary, or the API's JSON.
 * Throws when the declaration's fields cannot be flags side by side (see requestFlags).
 */
export function endpointCommand(endpoint: AnyEndpoint): Command {
  const request = requestFlags(endpoint, new Set([...Object.keys(commonFlags), ...Object.keys(toFlag), ...Object.keys(ndjsonFlag), 'help']));
  const items = endpoint.batch?.results ?? endpoint.paged?.items;
  const fieldFlags = Object.fromEntries([...request.fields, ...request.entry].map(({ flag }) => [flag, { type: 'string' } as const]));
  const flags = { ...commonFlags, ...(endpoint.batch === undefined ? {} : toFlag), ...(items === undefined ? {} : ndjsonFlag), ...fieldFlags };
  const { usage, summary, help } = helpOf(endpoint, commandName(endpoint), request);

  async function run(args: readonly string[], io: CommandIo): Promise<void> {
    const { values } = parseFlags(args, flags);
    const given = new Map(Object.entries(values));
    const text = (flag: string) => {
      const value = given.get(flag);
      return typeof value === 'string' ? value : undefined;
    };
    const { options, warnings } = await connection(values, io.env);
    const fields = request.values(text);
    const to = text('to');
    if (endpoint.batch !== undefined && (to === undefined || to === '')) throw new UsageError('missing --to');
    // --ndjson streams: the ids are read as requests go out, and each result printed as it comes.
    const ndjson = items !== undefined && (values as { ndjson?: boolean }).ndjson === true;
    if (ndjson && values.json === true) throw new UsageError('--json and --ndjson: give one of them');
    const accounts = endpoint.batch === undefined || to === undefined ? undefined : ndjson ? streamAccounts(to, io.stdin) : await readAccounts(to, io.stdin);
    const body = request.body(fields, accounts);
    const progress = commandProgress(values, io, Array.isArray(accounts) ? new Set(accounts).size : undefined);
    const print = (line: string) => {
      progress?.erase();
      io.print(line);
    };
    const table = resultTable(endpoint, body);
    const output = ndjson ? ndjsonOutput(items, print) : values.json === true || table === undefined ? jsonOutput(print, io.note) : tableOutput(table, print);
    try {
      const tim = commandClient(options, values, io, progress === undefined ? [] : [requestCounter(progress.onRequest)]);
      warnings.forEach(io.note); // now that the command line is known good: errors stay one line
      const call = { signal: io.signal, ...(progress === undefined ? {} : { onProgress: progress.onProgress }) };
      const { paged } = endpoint;
      // A walk's pages as they come; a streamed batch call's parts; any other call's one answer.
      const answers = paged !== undefined ? tim.paginate(endpoint, body, call) : ndjson ? tim.stream(endpoint, body, call) : [await tim.request(endpoint, body, call)];
      for await (const answer of answers) {
        const page = answer as ResultRecord;
        if (paged !== undefined) progress?.onPage(Array.isArray(page[paged.items]) ? (page[paged.items] as unknown[]).length : 0);
        output.page(page);
        // A reader slower than the network holds the requests back, not a growing buffer.
        await io.drained();
      }
    } finally {
      progress?.clear();
    }
    output.end(Array.isArray(accounts) ? accounts : undefined);
  }

  return { flags, usage, summary, help, run };
}
