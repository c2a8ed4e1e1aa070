// The help texts. The blocks two commands share are written once.

const exitCodes = `Exit codes: 0 done (failed accounts are listed in the output), 1 the call failed,
2 bad usage, 130 interrupted by Ctrl-C (143 by SIGTERM). A reader that stops early (| head)
ends the output quietly.`;

const connection = `Connection (flags, or the environment variables in brackets):
  --sdkappid N          the app's SDKAppID                        [TIM_SDKAPPID]
  --identifier ID       an app admin account (default administrator) [TIM_IDENTIFIER]
  --secret-key-file PATH  a file holding the app's key (trimmed): UserSigs are made
                        locally                                   [TIM_SECRET_KEY]
  --secret-key KEY      the key itself: works, but warns, as ps shows it to every user
  --usersig SIG         or a ready UserSig (warns too)            [TIM_USERSIG]
  --region NAME         china (default), singapore, seoul, tokyo, frankfurt, mumbai,
                        silicon-valley or jakarta                 [TIM_REGION]
  --base-url URL        a proxy or emulator instead of a region   [TIM_BASE_URL]
  --timeout MS          time limit of one HTTP attempt`;

const tuning = `Call:
  --retries N           repeats of a failed request (default 3; 0 for none)
  --concurrency N       requests in flight at once (default 4, at most 64)
  --rate N              requests started per second (default 200, the service's limit)
On a terminal, stderr shows a progress line while the call runs (accounts done, requests,
retries, requests per second); TIMFETCH_PROGRESS=1 forces it on, TIMFETCH_PROGRESS=0 off.`;

const accountsAndOutput = `--to takes accounts and @files separated by commas (bob,@more-ids.txt); an id file has one
account per line, blank lines and # comment lines skipped. A repeated account is answered once;
the summary (with --json: stderr) tells how many duplicates were collapsed.
Output: a readable table, or the API's JSON answer with --json. With --json, errors too are
JSON on stdout: {"error":{"class":"TimApiError","code":30003,"message":"…"}} (code: the SDK's
numeric code, null for bad usage).
${exitCodes}`;

/** The text of `timfetch friend-check --help`. */
export const friendCheckHelp = `Usage: timfetch friend-check --from A --to B,C,@ids.txt [--type both|single] [--json]

The relation between --from and each account of --to (v4/sns/friend_check).
  --type both|single    check both directions (default) or only --from's list

${connection}

${tuning}

${accountsAndOutput}
`;

/** The text of `timfetch friend-get-list --help`. */
export const friendGetListHelp = `Usage: timfetch friend-get-list --from A --to B,C,@ids.txt --tags T1,T2 [--json]

Profile and friend fields of chosen friends of --from (v4/sns/friend_get_list).
  --tags T1,T2          the fields to fetch, e.g. Tag_Profile_IM_Nick,Tag_SNS_IM_Remark

${connection}

${tuning}

${accountsAndOutput}
`;

/** The text of `timfetch emulator --help`. */
export const emulatorHelp = `Usage: timfetch emulator [--port 8080] [--host 127.0.0.1] [--users N] [--seed N]

Serves a local IM REST emulator with generated users until Ctrl-C.
  --port N              the port to listen on (default 8080; 0 picks a free one)
  --host HOST           the address to listen on (default 127.0.0.1)
  --users N             accounts to generate (default 1000)
  --seed N              seed of the generated graph (default 1)
  --sdkappid N          the app it answers for (default 1400000000)  [TIM_SDKAPPID]
  --secret-key-file PATH  its key (default: a printed development key) [TIM_SECRET_KEY]
  --secret-key KEY      the key itself (warns: ps shows it)
`;

/** The text of `timfetch demo --help`. */
export const demoHelp = `Usage: timfetch demo [--users N] [--seed N]

Runs both endpoints on large lists through an emulator with light faults and checks every answer.
  --users N             accounts to generate (default 5000)
  --seed N              seed of the graph and the faults (default 7)
`;

/** The text of `timfetch --help`. */
export const helpText = `timfetch — the Tencent Cloud IM REST API from the command line

Usage:
  timfetch friend-check --from A --to B,C,@ids.txt [--type both|single] [--json]
  timfetch friend-get-list --from A --to B,C,@ids.txt --tags Tag_Profile_IM_Nick,Tag_SNS_IM_Remark [--json]
  timfetch emulator [--port 8080] [--host 127.0.0.1] [--users N] [--seed N]
  timfetch demo [--users N] [--seed N]
  timfetch <command> --help     (or -h) the command's flags
  timfetch --version

${connection}

${accountsAndOutput}
`;
