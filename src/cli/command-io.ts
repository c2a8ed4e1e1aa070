/** What a command needs from its surroundings. */
export interface CommandIo {
  readonly env: NodeJS.ProcessEnv;
  /** Writes a line to stdout. */
  readonly print: (text: string) => void;
  /** Aborts when the user interrupts the command (Ctrl-C, SIGTERM). */
  readonly signal: AbortSignal;
}
