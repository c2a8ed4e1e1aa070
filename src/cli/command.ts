import type { ParseArgsConfig } from 'node:util';
import type { CommandIo } from './command-io.js';

/** One `timfetch` command: the flags it takes, its `--help` text and its work. */
export interface Command {
  /** Its flags as `parseArgs` takes them; the command line is scanned with them for `--help` before the command runs. */
  readonly flags: NonNullable<ParseArgsConfig['options']>;
  /** The text of `timfetch <command> --help`. */
  readonly help: string;
  /** Does the work; resolves to the exit code, or to nothing for 0. */
  readonly run: (args: readonly string[], io: CommandIo) => Promise<number | void>;
}
