/** What the `onRequest` hook receives: one line of the emulator's request log. */

/**
 * A kind of injected fault, as `stats.faults` counts it and `EmulatorRequestEntry.outcome`
 * reports it (`latency` only delays, so it is never an outcome).
 *
 * @example
 * ```ts
 * const kinds: FaultKind[] = ['requestError', 'itemError', 'httpError', 'drop', 'stall', 'malformed'];
 * ```
 */
export type FaultKind = 'requestError' | 'itemError' | 'httpError' | 'drop' | 'stall' | 'malformed' | 'throttle';

/**
 * How a request ended: `'ok'` (answered, every item as the store says), a {@link FaultKind}
 * (`'itemError'`: answered, with at least one injected item failure), or the non-zero
 * request-level `ErrorCode` the emulator answered (envelope checks, 60007, 30001, 30003 …).
 *
 * @example
 * ```ts
 * const throttled = (outcome: EmulatorOutcome) => outcome === 60007;
 * ```
 */
export type EmulatorOutcome = 'ok' | FaultKind | number;

/**
 * One request as the emulator saw it, passed to `onRequest` when its outcome is decided (before
 * any latency or stall). Chunking and retry tests read these to prove that no request exceeded
 * the batch maximum and that no account was sent again after it succeeded.
 *
 * @example
 * ```ts
 * import { expect } from 'vitest';
 *
 * const log: EmulatorRequestEntry[] = [];
 * const emu = createEmulator({ sdkAppId, secretKey, onRequest: (entry) => log.push(entry) });
 * // … calls through a client given emu.fetch …
 * const succeeded = log.flatMap((e) => e.accounts.filter((a) => !e.failed.includes(a)));
 * expect(new Set(succeeded).size).toBe(succeeded.length); // nothing succeeded twice
 * ```
 */
export interface EmulatorRequestEntry {
  /**
   * The endpoint path without any base-URL prefix (`v4/sns/friend_check`), or the request's
   * pathname when it matched no endpoint.
   */
  readonly path: string;
  /** The emulator clock when the request arrived, in milliseconds. */
  readonly at: number;
  /** The `random` query value, when it was a valid uint32. */
  readonly random: number | undefined;
  /** `From_Account` of the body, when it was a string. */
  readonly from: string | undefined;
  /** The string entries of the body's `To_Account`, in order (empty when there was none). */
  readonly accounts: readonly string[];
  /** How the request ended. */
  readonly outcome: EmulatorOutcome;
  /**
   * The accounts that did not get a successful item: `Fail_Account` of a delivered answer, or
   * every account of `accounts` when the request failed as a whole (error code, HTTP error,
   * drop, stall, malformed body).
   */
  readonly failed: readonly string[];
}
