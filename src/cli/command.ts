import type { ParseArgsConfig } from 'node:util';
import type { CommandIo } from './command-io.js';

/** One `timfetch` command: the flags it takes, its help and its work. */
export interface Command {
  /** Its flags as `parseArgs` takes them; the command line is scanned with them for `--help` before the command runs. */
  readonly flags: NonNullable<ParseArgsConfig['options']>;
  /** Its usage line, `timfetch friend-check --from A …`: the first line of its help, and its line in `timfetch --help`. */
  readonly usage: string;
  /** What it does, in one line, for `timfetch --help`. */
  readonly summary: string;
  /** The text of `timfetch <command> --help`. */
  readonly help: string;
  /** Does the work; resolves to the exit code, or to nothing for 0. */
  readonly run: (args: readonly string[], io: CommandIo) => Promise<number | void>;
}
