import type { StatusStream } from './progress-line.js';

/** What a command needs from its surroundings. */
export interface CommandIo {
  readonly env: NodeJS.ProcessEnv;
  /** Writes a line to stdout. */
  readonly print: (text: string) => void;
  /** Resolves once stdout has taken what was printed (at once unless its buffer is full): output that streams waits for its reader. */
  readonly drained: () => Promise<void>;
  /** Writes a line to stderr after `timfetch: `: notes and warnings for the person, not the script. */
  readonly note: (text: string) => void;
  /** stderr itself, for a status line rewritten in place. */
  readonly stderr: StatusStream;
  /** Aborts when the user interrupts the command (Ctrl-C, SIGTERM), or stdout's reader is gone (`| head`). */
  readonly signal: AbortSignal;
  /** Standard input, for `--to @-`. */
  readonly stdin: AsyncIterable<Uint8Array>;
}
