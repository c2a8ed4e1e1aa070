/**
 * The `timfetch` command (Node): a command per endpoint of the catalogue, the emulator and the
 * demo. Errors are one line on stderr, or with `--json` a JSON object on stdout, a bug's too
 * (`InternalError`; its stack only with TIMFETCH_DEBUG=1); exit codes: 0 done, 1 the call (or the
 * command) failed, 2 bad usage, 130 interrupted (143 for SIGTERM).
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { abortable } from '../util/abort.js';
import type { CommandIo } from './command-io.js';
import { commands } from './commands.js';
import { helpText } from './help.js';
import { listenForInterrupt } from './interrupt.js';
import { joinNegativeValues } from './parse-flags.js';
import { reportFailure, type FailureContext } from './report-failure.js';
import { UsageError } from './usage-error.js';

/**
 * The `version` of the package.json at `url`. Read when asked, not bundled: the built command
 * then always tells the version of the package it ships in.
 */
function packageVersion(url: URL): string {
  const { version } = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new Error(`${url.pathname} has no version`);
  return version;
}

/**
 * Whether a command line asks for the command's help (`--help` or `-h`), before the command
 * checks what it needs. Parsed as strictly as the command parses it: an unknown flag next to
 * `--help` is still bad usage, and a flag's value (`--to -h`) is not mistaken for it.
 */
function wantsHelp(args: readonly string[], flags: NonNullable<ParseArgsConfig['options']>): boolean {
  const options = { ...flags, help: { type: 'boolean', short: 'h' } } as const;
  return parseArgs({ args: joinNegativeValues(args, options), options, strict: true }).values.help === true;
}

/**
 * Whether `--json` is anywhere on a command line, found leniently so that even a line the
 * command refuses (an unknown flag, an unknown command) gets its error as JSON.
 */
function wantsJson(argv: readonly string[]): boolean {
  const options = { json: { type: 'boolean' } } as const;
  return parseArgs({ args: [...argv], options, strict: false, allowPositionals: true }).values.json === true;
}

// Aborted when stdout's reader is gone: the command stops its requests.
const outputClosed = new AbortController();

/**
 * Lets a reader that stops early (`timfetch … | head -n 5`) end the output quietly: without a
 * listener, the EPIPE of the next write would crash the command with a stack trace. The rest of
 * the output is dropped, and `then` runs: for stdout, the command's signal aborts (nothing more
 * is requested) and it exits 0.
 */
function onBrokenPipe(stream: NodeJS.WriteStream, then: () => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    then();
  });
}

/** How failures of a command line are told; see reportFailure. */
function failureContext(argv: readonly string[], interruptedBy: NodeJS.Signals | undefined): FailureContext {
  const [name] = argv;
  const helpCommand = name !== undefined && commands.has(name) ? `timfetch ${name} --help` : 'timfetch --help';
  return { json: wantsJson(argv), interruptedBy, helpCommand, debug: process.env.TIMFETCH_DEBUG === '1' };
}

/** Runs one command line and tells the exit code. */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version') {
    // Read next to the built command: dist/cli.js sits one level below package.json.
    process.stdout.write(`${packageVersion(new URL('../package.json', import.meta.url))}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText(commands.values()));
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
      drained: () => (process.stdout.writableNeedDrain ? abortable(once(process.stdout, 'drain').then(() => undefined), outputClosed.signal) : Promise.resolve()),
      note: (text) => void process.stderr.write(`timfetch: ${text}\n`),
      stderr: process.stderr,
      signal: AbortSignal.any([interrupt.signal, outputClosed.signal]),
      stdin: process.stdin,
    };
    return (await command.run(args, io)) ?? 0;
  } catch (error) {
    // The reader has what it wanted: nothing to tell, and nowhere to tell it.
    if (outputClosed.signal.aborted && interrupt.by() === undefined) return 0;
    return reportFailure(error, failureContext(argv, interrupt.by()), process);
  }
}

const argv = process.argv.slice(2);
// A bug that escapes main (a throw in a callback, an 'error' event nobody handles) is told the
// same way; then the process ends, as its state is unknown.
process.on('uncaughtException', (error) => {
  process.exitCode = reportFailure(error, failureContext(argv, undefined), process);
  process.exit();
});
onBrokenPipe(process.stdout, () => outputClosed.abort(new Error('stdout was closed by its reader')));
onBrokenPipe(process.stderr, () => undefined);
process.exitCode = await main(argv);
