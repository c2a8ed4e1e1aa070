/**
 * The `timfetch` command (Node): the two endpoints, the emulator and the demo. Errors are one
 * line on stderr; exit codes: 0 done, 1 the call failed, 2 bad usage.
 */
import { commands } from './cli/commands.js';
import { helpText } from './cli/help.js';
import { wantsHelp } from './cli/scan-flags.js';
import { UsageError } from './cli/usage-error.js';
import { packageVersion } from './cli/version.js';
import { isTimError } from './errors/tim-error.js';
import { isTimValidationError } from './errors/tim-validation-error.js';

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
  if (command === undefined) {
    process.stderr.write(`timfetch: unknown command "${name}" (see timfetch --help)\n`);
    return 2;
  }
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort(new Error('interrupted')));
  try {
    if (wantsHelp(args, command.flags)) {
      process.stdout.write(command.help);
      return 0;
    }
    const code = await command.run(args, { env: process.env, print: (text) => void process.stdout.write(`${text}\n`), signal: controller.signal });
    return code ?? 0;
  } catch (error) {
    // parseArgs reports unknown or malformed flags with codes starting ERR_PARSE_ARGS.
    const badFlag = (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS') === true;
    const usage = error instanceof UsageError || isTimValidationError(error) || badFlag;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`timfetch: ${message}${usage ? ` (see timfetch ${name} --help)` : ''}\n`);
    if (usage) return 2;
    if (isTimError(error) || controller.signal.aborted) return 1;
    throw error; // a bug: let Node print the stack
  }
}

process.exitCode = await main(process.argv.slice(2));
