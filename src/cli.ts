/**
 * The `timfetch` command (Node): the two endpoints, the emulator and the demo. Errors are one
 * line on stderr; exit codes: 0 done, 1 the call failed, 2 bad usage.
 */
import { demoCommand } from './cli/demo.js';
import { emulatorCommand } from './cli/emulator-command.js';
import { friendCheckCommand, friendGetListCommand, type CommandIo } from './cli/friend-commands.js';
import { helpText } from './cli/help.js';
import { UsageError } from './cli/usage-error.js';
import { isTimError } from './errors/tim-error.js';
import { isTimValidationError } from './errors/tim-validation-error.js';

// A command resolves to its exit code, or to nothing for 0.
const commands: Record<string, (args: readonly string[], io: CommandIo) => Promise<number | void>> = {
  'friend-check': friendCheckCommand,
  'friend-get-list': friendGetListCommand,
  emulator: emulatorCommand,
  demo: demoCommand,
};

/** Runs one command line and tells the exit code. */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    process.stderr.write(`timfetch: unknown command "${name}" (see timfetch --help)\n`);
    return 2;
  }
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort(new Error('interrupted')));
  try {
    const code = await command(args, { env: process.env, print: (text) => void process.stdout.write(`${text}\n`), signal: controller.signal });
    return code ?? 0;
  } catch (error) {
    // parseArgs reports unknown or malformed flags with codes starting ERR_PARSE_ARGS.
    const badFlag = (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS') === true;
    const usage = error instanceof UsageError || isTimValidationError(error) || badFlag;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`timfetch: ${message}${usage ? ' (see timfetch --help)' : ''}\n`);
    if (usage) return 2;
    if (isTimError(error) || controller.signal.aborted) return 1;
    throw error; // a bug: let Node print the stack
  }
}

process.exitCode = await main(process.argv.slice(2));
