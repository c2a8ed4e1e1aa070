/** The text of `timfetch --help`. */
export const helpText = `timfetch — the Tencent Cloud IM REST API from the command line

Usage:
  timfetch friend-check --from A --to B,C|@ids.txt [--type both|single] [--json]
  timfetch friend-get-list --from A --to B,C|@ids.txt --tags Tag_Profile_IM_Nick,Tag_SNS_IM_Remark [--json]
  timfetch emulator [--port 8080] [--host 127.0.0.1] [--users N] [--seed N]
  timfetch demo [--users N] [--seed N]

Connection (flags, or the environment variables in brackets):
  --sdkappid N          the app's SDKAppID                        [TIM_SDKAPPID]
  --identifier ID       an app admin account (default administrator) [TIM_IDENTIFIER]
  --secret-key KEY      the app's key: UserSigs are made locally  [TIM_SECRET_KEY]
  --usersig SIG         or a ready UserSig                        [TIM_USERSIG]
  --region NAME         china (default), singapore, seoul, tokyo, frankfurt, mumbai,
                        silicon-valley or jakarta                 [TIM_REGION]
  --base-url URL        a proxy or emulator instead of a region   [TIM_BASE_URL]
  --timeout MS          time limit of one HTTP attempt

Output: a readable table, or the API's JSON answer with --json.
--to takes a comma-separated list, or @file with one account per line (or separated by commas).
Exit codes: 0 done (failed accounts are listed in the output), 1 the call failed, 2 bad usage.
`;
