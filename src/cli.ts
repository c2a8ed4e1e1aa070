/**
 * The `timfetch` command (Node): the two endpoints, the emulator and the demo. Errors are one
 * line on stderr, or with `--json` a JSON object on stdout; exit codes: 0 done, 1 the call
 * failed, 2 bad usage, 130 interrupted (143 for SIGTERM).
 */
import { ignoreBrokenPipe } from './cli/broken-pipe.js';
import type { CommandIo } from './cli/command-io.js';
import { commands } from './cli/commands.js';
import { describeFailure, type Failure } from './cli/failure.js';
import { helpText } from './cli/help.js';
import { listenForInterrupt } from './cli/interrupt.js';
import { wantsHelp, wantsJson } from './cli/scan-flags.js';
import { UsageError } from './cli/usage-error.js';
import { packageVersion } from './cli/version.js';

/** Tells a failure: a JSON object on stdout with `--json`, else one line on stderr. */
function report(failure: Failure, json: boolean, helpHint: string): number {
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: { class: failure.class, code: failure.code, message: failure.message } })}\n`);
  } else {
    process.stderr.write(`timfetch: ${failure.message}${failure.exitCode === 2 ? ` (see ${helpHint})` : ''}\n`);
  }
  return failure.exitCode;
}

/** Runs one command line and tells the exit code. */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version') {
    // src/cli.ts and dist/cli.js both sit one level below package.json.
    process.stdout.write(`${packageVersion(new URL('../package.json', import.meta.url))}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText);
    return name === undefined ? 2 : 0;
  }
  const command = commands.get(name);
  const interrupt = listenForInterrupt();
  try {
    if (command === undefined) throw new UsageError(`unknown command "${name}"`);
    if (wantsHelp(args, command.flags)) {
      process.stdout.write(command.help);
      return 0;
    }
    const io: CommandIo = {
      env: process.env,
      print: (text) => void process.stdout.write(`${text}\n`),
      note: (text) => void process.stderr.write(`timfetch: ${text}\n`),
      stderr: process.stderr,
      signal: interrupt.signal,
    };
    return (await command.run(args, io)) ?? 0;
  } catch (error) {
    const failure = describeFailure(error, interrupt.by());
    if (failure === undefined) throw error; // a bug: let Node print the stack
    return report(failure, wantsJson(argv), command === undefined ? 'timfetch --help' : `timfetch ${name} --help`);
  }
}

ignoreBrokenPipe(process.stdout);
ignoreBrokenPipe(process.stderr);
process.exitCode = await main(process.argv.slice(2));
