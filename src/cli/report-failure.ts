import { redactSecrets } from '../util/redact.js';
import { describeFailure, type Failure } from './failure.js';

/** Where a failure is told: stdout with `--json`, else stderr (`process` itself, or a test's fakes). */
export interface FailureStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** What the reporting of a failure depends on, besides the error. */
export interface FailureContext {
  /** `--json` is on the command line: the failure is a JSON object on stdout. */
  readonly json: boolean;
  /** The signal that interrupted the command, if one did. */
  readonly interruptedBy: NodeJS.Signals | undefined;
  /** Named after a usage error: `timfetch friend-check --help`. */
  readonly helpCommand: string;
  /** TIMFETCH_DEBUG=1: an internal error's stack follows its line on stderr. */
  readonly debug: boolean;
}

/** A thrown value as `Name: message` on one line; lower layers may quote a request URL. */
function oneLineText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redactSecrets(text.split('\n').join(' '));
}

/** An error no command expects: a bug, still told in one line with exit code 1. */
function internalFailure(error: unknown): Failure {
  return { exitCode: 1, class: 'InternalError', code: null, message: oneLineText(error) };
}

function stderrLine(failure: Failure, context: FailureContext): string {
  if (failure.exitCode === 2) return `${failure.message} (see ${context.helpCommand})`;
  if (failure.class !== 'InternalError') return failure.message;
  return `internal error: ${failure.message}${context.debug ? '' : ' (a bug; TIMFETCH_DEBUG=1 prints its stack)'}`;
}

/**
 * Tells how a command failed and returns its exit code: a JSON object
 * `{"error":{"class","code","message"}}` on stdout with `--json`, else one line on stderr. An
 * error no command expects is class `InternalError`, exit code 1, never a stack trace unless
 * TIMFETCH_DEBUG=1 asks for it.
 */
export function reportFailure(error: unknown, context: FailureContext, streams: FailureStreams): number {
  const failure = describeFailure(error, context.interruptedBy) ?? internalFailure(error);
  if (context.json) {
    streams.stdout.write(`${JSON.stringify({ error: { class: failure.class, code: failure.code, message: failure.message } })}\n`);
  } else {
    streams.stderr.write(`timfetch: ${stderrLine(failure, context)}\n`);
  }
  if (context.debug && failure.class === 'InternalError' && error instanceof Error && error.stack !== undefined) {
    streams.stderr.write(`${redactSecrets(error.stack)}\n`);
  }
  return failure.exitCode;
}
