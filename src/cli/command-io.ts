/** What a command needs from its surroundings. */
export interface CommandIo {
  readonly env: NodeJS.ProcessEnv;
  /** Writes a line to stdout. */
  readonly print: (text: string) => void;
  /** Writes a line to stderr after `timfetch: `: notes and warnings for the person, not the script. */
  readonly note: (text: string) => void;
  /** Aborts when the user interrupts the command (Ctrl-C, SIGTERM). */
  readonly signal: AbortSignal;
}
