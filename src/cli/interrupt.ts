import { constants } from 'node:os';

/** The user's request to stop (Ctrl-C, SIGTERM), as a signal the commands wait on. */
export interface Interrupt {
  /** Aborts on the first SIGINT or SIGTERM; a second one kills at once, as the listener is gone. */
  readonly signal: AbortSignal;
  /** The signal that arrived, if one did. */
  readonly by: () => NodeJS.Signals | undefined;
}

/** Listens for SIGINT and SIGTERM for the rest of the process. */
export function listenForInterrupt(): Interrupt {
  const controller = new AbortController();
  let by: NodeJS.Signals | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      by = signal;
      controller.abort(new Error(`interrupted (${signal})`));
    });
  }
  return { signal: controller.signal, by: () => by };
}

/** The shell's exit code for a command stopped by `signal`: 128 + its number (130 for SIGINT). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}
