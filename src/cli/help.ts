// The help texts. Blocks that several commands share are written once.

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

const accountsAndOutput = `--to takes accounts and @files separated by commas (bob,@more-ids.txt). An id file is UTF-8 text
with one account per line; blank lines and lines starting with # are skipped, and a bad id
(whitespace, a comma or a control character inside, invalid UTF-8, over 32 bytes) or a UTF-16 file
is named by file and line. A repeated account is answered
once; the table's summary (with --json: stderr) tells how many duplicates were collapsed.

Output: a readable table, or the API's JSON answer with --json.
${jsonErrors}
${exitCodes}`;

/** The text of `timfetch friend-check --help`. */
export const friendCheckHelp = `Usage: timfetch friend-check --from A --to B,C,@ids.txt [--type both|single] [--json] [--verbose]

The relation between --from and each account of --to (v4/sns/friend_check).
  --type both|single      check both directions (default) or only --from's list

${connection}

${call}

${accountsAndOutput}
`;

/** The text of `timfetch friend-get-list --help`. */
export const friendGetListHelp = `Usage: timfetch friend-get-list --from A --to B,C,@ids.txt --tags T1,T2 [--json] [--verbose]

Profile and friend fields of chosen friends of --from (v4/sns/friend_get_list).
  --tags T1,T2            the fields, e.g. Tag_Profile_IM_Nick,Tag_SNS_IM_Remark

${connection}

${call}

${accountsAndOutput}
`;

/** The text of `timfetch emulator --help`. */
export const emulatorHelp = `Usage: timfetch emulator [--port 8080] [--host 127.0.0.1] [--users N] [--seed N] [--cors MODE]

Serves a local IM REST emulator with generated users until Ctrl-C (then exits 0).
  --port N                the port to listen on (default 8080; 0 picks a free one)
  --host HOST             the address to listen on (default 127.0.0.1)
  --users N               accounts to generate (default 1000)
  --seed N                seed of the generated graph (default 1)
  --cors MODE             permissive (default) or documented: the service's own CORS
                          answer, which refuses browser requests that need a preflight
  --sdkappid N            the app it answers for (default 1400000000)       [TIM_SDKAPPID]
  --secret-key-file PATH  a file holding its key (default: a printed development key)
  --secret-key KEY        the key itself (warns: ps shows it to all users)  [TIM_SECRET_KEY]
A port in use exits 1 with one line.
`;

/** The text of `timfetch demo --help`. */
export const demoHelp = `Usage: timfetch demo [--users N] [--seed N]

Runs both endpoints on large lists through an emulator with light faults, checks every answer
against the emulator's store, and exits 1 if any is wrong.
  --users N               accounts to generate (default 5000)
  --seed N                seed of the graph and the faults (default 7)
`;

/** The text of `timfetch --help`. */
export const helpText = `timfetch — the Tencent Cloud IM REST API from the command line

Usage:
  timfetch friend-check --from A --to B,C,@ids.txt [--type both|single] [--json] [--verbose]
  timfetch friend-get-list --from A --to B,C,@ids.txt --tags Tag_Profile_IM_Nick,Tag_SNS_IM_Remark [--json] [--verbose]
  timfetch emulator [--port 8080] [--host 127.0.0.1] [--users N] [--seed N] [--cors MODE]
  timfetch demo [--users N] [--seed N]
  timfetch <command> --help   (or -h) the command's flags
  timfetch --version

The API commands take the connection from TIM_SDKAPPID, TIM_IDENTIFIER, TIM_SECRET_KEY (or
--secret-key-file) or TIM_USERSIG, TIM_REGION or TIM_BASE_URL, or from flags; and --retries,
--concurrency, --rate. --to mixes accounts and @files of ids, one per line.

${jsonErrors}
${exitCodes}
`;
