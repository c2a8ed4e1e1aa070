import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Whether a command line asks for the command's help (`--help` or `-h`), before the command
 * checks what it needs. Parsed as strictly as the command parses it: an unknown flag next to
 * `--help` is still bad usage, and a flag's value (`--to -h`) is not mistaken for it.
 */
export function wantsHelp(args: readonly string[], flags: NonNullable<ParseArgsConfig['options']>): boolean {
  const options = { ...flags, help: { type: 'boolean', short: 'h' } } as const;
  return parseArgs({ args: [...args], options, strict: true }).values.help === true;
}

/**
 * Whether `--json` is anywhere on a command line, found leniently so that even a line the
 * command refuses (an unknown flag, an unknown command) gets its error as JSON.
 */
export function wantsJson(argv: readonly string[]): boolean {
  const options = { json: { type: 'boolean' } } as const;
  return parseArgs({ args: [...argv], options, strict: false, allowPositionals: true }).values.json === true;
}
