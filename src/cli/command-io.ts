import type { StatusStream } from './progress-line.js';

/** What a command needs from its surroundings. */
export interface CommandIo {
  readonly env: NodeJS.ProcessEnv;
  /** Writes a line to stdout. */
  readonly print: (text: string) => void;
  /** Writes a line to stderr after `timfetch: `: notes and warnings for the person, not the script. */
  readonly note: (text: string) => void;
  /** stderr itself, for a status line rewritten in place. */
  readonly stderr: StatusStream;
  /** Aborts when the user interrupts the command (Ctrl-C, SIGTERM). */
  readonly signal: AbortSignal;
}
