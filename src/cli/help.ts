// The help texts. Blocks that several commands share are written once.
import type { Command } from './command.js';

const exitCodes = `Exit codes: 0 done (failed accounts are listed in the output), 1 the call failed, 2 bad usage,
130 interrupted by Ctrl-C (143 by SIGTERM). A reader that stops early (| head) ends the
output quietly.`;

const jsonErrors = `With --json, errors too are JSON on stdout, never on stderr:
  {"error":{"class":"TimApiError","code":30003,"message":"…"}}
class: the SDK's error class, UsageError, CommandError, Interrupted or InternalError; code: the SDK's numeric
code (the IM ErrorCode, an HTTP status, or -1 … -5), null for the others.`;

const connection = `Connection (flags, or the environment variables in brackets):
  --sdkappid N            the app's SDKAppID                                [TIM_SDKAPPID]
  --identifier ID         an app admin account (default administrator)      [TIM_IDENTIFIER]
  --secret-key-file PATH  a file holding the app's key (content trimmed)
  --secret-key KEY        the key itself (warns: ps shows it to all users)  [TIM_SECRET_KEY]
  --usersig SIG           a ready UserSig instead of the key (warns too)    [TIM_USERSIG]
  --region NAME           china (default), singapore, seoul, tokyo, frankfurt,
                          mumbai, silicon-valley or jakarta                 [TIM_REGION]
  --base-url URL          a proxy or emulator instead of a region           [TIM_BASE_URL]
  --timeout MS            time limit of one HTTP attempt`;

const call = `Call:
  --retries N             repeats of a failing request (default 3; 0 for none)
  --concurrency N         requests in flight at once (default 4, at most 64)
  --rate N                requests started per second (default 200, the service's limit)
  --verbose               every event on stderr: calls, attempts (status, ErrorCode, ms),
                          retries, rate-limit waits, UserSig renewals
On a terminal, stderr shows a progress line while the call runs (accounts done, requests,
retries, requests per second; not with --verbose); TIMFETCH_PROGRESS=1 forces it on, 0 off.`;

const accounts = `--to takes accounts and @files separated by commas (bob,@more-ids.txt); @- reads the ids on
standard input. An id file is UTF-8 text with one account per line; blank lines and lines starting
with # are skipped, and a bad id (whitespace, a comma or a control character inside, invalid UTF-8,
over 32 bytes) or a UTF-16 file is named by file and line. A repeated account is answered
once; the table's summary (with --json: stderr) tells how many duplicates were collapsed.`;

const ndjson = {
  batch: `With --ndjson, one JSON line per result, printed as its request is answered: the ids are read
as the requests go out (memory stays flat for any number of them; a bad id stops the command
where it is read), and a reader that stops early (| head -n 5) stops the requests, exit 0.`,
  paged: `With --ndjson, one JSON line per item, printed as its page arrives (the next page is fetched
meanwhile); a reader that stops early (| head -n 5) stops the walk, exit 0.`,
};

/** The output of each kind of endpoint. */
const outputs = {
  batch: `Output: a readable table, or the API's JSON answer with --json.\n${ndjson.batch}`,
  paged: `Output: a readable table, its rows printed page by page as the pages arrive, or with --json
the API's JSON answer of each page, one document per page.\n${ndjson.paged}`,
  single: 'Output: the API\'s JSON answer.',
} as const;

/** A flag and what it means, aligned as help lists them. */
export const flagLine = (flag: string, meaning: string): string => `  ${flag.padEnd(22)}  ${meaning}`;

/** What the help of an endpoint's command is made of. */
export interface EndpointHelp {
  /** `timfetch friend-check --from A …`. */
  readonly usage: string;
  /** Its summary and path: `Checks … (v4/sns/friend_check)`. */
  readonly summary: string;
  /** The lines of its own flags (see {@link flagLine}). */
  readonly flags: readonly string[];
  readonly kind: keyof typeof outputs;
}

/** The text of `timfetch <endpoint command> --help`. */
export function endpointHelp(help: EndpointHelp): string {
  const output = `${help.kind === 'batch' ? `${accounts}\n\n` : ''}${outputs[help.kind]}\n${jsonErrors}\n${exitCodes}`;
  return `Usage: ${help.usage}

${help.summary}.
${help.flags.join('\n')}

${connection}

${call}

${output}
`;
}

/** The usage line of `timfetch friend-import`. */
export const friendImportUsage = 'timfetch friend-import --from FILE [--checkpoint FILE] [--json] [--verbose]';

/** The text of `timfetch friend-import --help`; `fields` are the fields a line may have. */
export function friendImportHelp(fields: readonly string[], defaultAddSource: string): string {
  return `Usage: ${friendImportUsage}

Imports the relations of an NDJSON file with friend_import (v4/sns/friend_import), one way: each
To_Account enters its From_Account's list, with the fields its line gives.
${flagLine('--from FILE', 'the relations, one JSON object per line (required)')}
${flagLine('--checkpoint FILE', 'records what is done, to resume a run that stopped (made when missing)')}

A line: {"From_Account":"alice","To_Account":"bob","Remark":"Bob","GroupName":["Work"],
"AddTime":1700000000,"CustomItem":[{"Tag":"Tag_SNS_Custom_Level","Value":3}]}
Its fields:
  ${fields.join(', ')}
From_Account and To_Account are required; AddSource defaults to ${defaultAddSource}. Every
line is checked before anything is sent: a bad one (not JSON, an unknown field, a bad value) is
named by file and line, and nothing is sent.

One owner's relations share requests of up to 1,000; the lines of up to 16 owners may be mixed
(mixing more only makes smaller requests). Requests for different owners run side by side
(--concurrency), one owner's one at a time, at most 200 a second (--rate). The file is streamed
twice (checked, then imported), never held: memory stays flat however long it is.

With --checkpoint, the same command resumes a run that stopped (Ctrl-C, a failure, a kill, a
crash): relations done are skipped, those in flight when it stopped are sent again (30001 then
means the stopped run imported them: they count as already done), and the summary says how many
were done before. A checkpoint made for another file, app or service is refused.

${connection}

${call}

Output: a line per relation that failed (30001 already in the list, 30010 friend list full …),
then a summary: imported, already done, failed by code, unsettled (an unknown outcome, a
transient failure, a stop: the next run sends them again), not sent. With --json, a JSON
document per line: {"failed":{…}} per failed relation, then {"summary":{…}}.
${jsonErrors}
Exit codes: 0 every relation imported (by this run or an earlier one), 1 some failed, are
unsettled or were not sent (the command stopped: run it again), 2 bad usage, 130 interrupted by
Ctrl-C (143 by SIGTERM).
`;
}

/** The usage line of `timfetch emulator`. */
export const emulatorUsage = 'timfetch emulator [--port 8080] [--host 127.0.0.1] [--users N] [--seed N] [--cors MODE] [--drop P …]';

/** The text of `timfetch emulator --help`. */
export const emulatorHelp = `Usage: ${emulatorUsage}

Serves a local IM REST emulator with generated users until Ctrl-C or SIGTERM, then prints
its counts (requests per endpoint, faults injected, error answers) and exits 0.
  --port N                the port to listen on (default 8080; 0 picks a free one)
  --host HOST             the address to listen on (default 127.0.0.1)
  --users N               accounts to generate (default 1000)
  --seed N                seed of the generated graph and of the faults (default 1)
  --cors MODE             permissive (default) or documented: the service's own CORS
                          answer, which refuses browser requests that need a preflight
  --sdkappid N            the app it answers for (default 1400000000)       [TIM_SDKAPPID]
  --secret-key-file PATH  a file holding its key (default: a printed development key)
  --secret-key KEY        the key itself (warns: ps shows it to all users)  [TIM_SECRET_KEY]
Faults, each a probability P from 0 to 1 per request (default 0: none):
  --request-error P       the whole request fails with ErrorCode 30006 or 30007
  --item-error P          per account: ResultCode 30006 or 30007, listed in Fail_Account
  --http-error P          HTTP 502 or 503 with an HTML body
  --drop P                the connection is dropped without an answer
  --stall P               no answer for --stall-ms (default 60000)
  --stall-ms MS           how long a stalled request is held
  --malformed P           HTTP 200 with the JSON cut in half
  --throttle P            60007, as if another tool had spent the app's budget
  --latency MS|MIN-MAX    every request waits MS, or a time drawn from MIN to MAX ms
On a write, a lost answer (drop, stall, malformed, 502) comes after the write was applied.
A port in use exits 1 with one line.
`;

/** The usage line of `timfetch demo`. */
export const demoUsage = 'timfetch demo [--users N] [--seed N]';

/** The text of `timfetch demo --help`. */
export const demoHelp = `Usage: ${demoUsage}

Runs the relationship chain through an emulator with light faults: friend_check and
friend_get_list on large lists, a friend_import of thousands of relations with progress, paged
friend_get and black_list_get walks, a block, a friend group, and the emulator's requests per
endpoint. Checks every answer against the emulator's store, and exits 1 if any is wrong.
  --users N               accounts to generate (default 5000)
  --seed N                seed of the graph and the faults (default 7)
`;

/** The text of `timfetch --help`: every command's usage line and summary, from the commands themselves. */
export function helpText(commands: Iterable<Command>): string {
  const lines = [...commands].map((command) => `  ${command.usage}\n      ${command.summary}`);
  return `timfetch — the Tencent Cloud IM REST API from the command line

Usage:
${lines.join('\n')}
  timfetch <command> --help   (or -h) the command's flags
  timfetch --version

The API commands take the connection from TIM_SDKAPPID, TIM_IDENTIFIER, TIM_SECRET_KEY (or
--secret-key-file) or TIM_USERSIG, TIM_REGION or TIM_BASE_URL, or from flags; and --retries,
--concurrency, --rate. --to mixes accounts and @files of ids, one per line.

${jsonErrors}
${exitCodes}
`;
}
