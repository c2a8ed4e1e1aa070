import { isTimError } from '../errors/tim-error.js';
import { isTimValidationError } from '../errors/tim-validation-error.js';
import { signalExitCode } from './interrupt.js';
import { UsageError } from './usage-error.js';

/** The command could not do its work for a reason outside the SDK (a port in use): exit code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

/**
 * How a command failed: its exit code, and the fields `--json` prints as
 * `{"error":{"class","code","message"}}` (a stable shape: scripts read it instead of stderr).
 */
export interface Failure {
  /** 1 the call (or the command) failed, 2 bad usage, 128 + n stopped by signal n (130 for Ctrl-C). */
  readonly exitCode: number;
  /** The SDK's error class (`TimApiError`, `TimValidationError`, …), or `UsageError`, `CommandError` or `Interrupted`. */
  readonly class: string;
  /** The SDK's numeric code (`TimError.code`: the IM ErrorCode, an HTTP status, or -1 … -5), else null. */
  readonly code: number | null;
  /** One line; the SDK's messages never quote secrets. */
  readonly message: string;
}

// parseArgs reports unknown or malformed flags with codes starting ERR_PARSE_ARGS.
function isBadFlag(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code?.toString().startsWith('ERR_PARSE_ARGS') === true;
}

// parseArgs explains an ambiguous flag over three lines: keep the one-line promise.
const oneLine = (text: string) => text.split('\n').join(' ');

/**
 * The failure an error means, or undefined for an error no command expects (a bug). Once the
 * user interrupted, whatever the aborted work threw means just that.
 */
export function describeFailure(error: unknown, interruptedBy: NodeJS.Signals | undefined): Failure | undefined {
  if (interruptedBy !== undefined) {
    return { exitCode: signalExitCode(interruptedBy), class: 'Interrupted', code: null, message: `interrupted (${interruptedBy})` };
  }
  if (error instanceof UsageError || isBadFlag(error)) {
    return { exitCode: 2, class: 'UsageError', code: null, message: oneLine((error as Error).message) };
  }
  if (error instanceof CommandError) return { exitCode: 1, class: 'CommandError', code: null, message: oneLine(error.message) };
  if (isTimError(error)) {
    return { exitCode: isTimValidationError(error) ? 2 : 1, class: error.name, code: error.code, message: oneLine(error.message) };
  }
  return undefined;
}
