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
 * the batch maximum, that no account was sent again after it succeeded, and (from `applied`)
 * that no write was applied twice, even when its answer was lost.
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
 * const applied = log.flatMap((e) => e.applied);
 * expect(new Set(applied).size).toBe(applied.length); // no write applied twice
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
  /**
   * The accounts of the body's list as the endpoint declares it (the `To_Account` ids, the
   * `To_Account` of each `AddFriendItem` entry …), in order; empty for an endpoint without a
   * list (friend_get) or a body without one. Entries that are not strings are left out.
   */
  readonly accounts: readonly string[];
  /** How the request ended. */
  readonly outcome: EmulatorOutcome;
  /**
   * The accounts that did not get a successful item: `Fail_Account` of a delivered answer, or
   * every account of `accounts` when the request failed as a whole (error code, HTTP error,
   * drop, stall, malformed body).
   */
  readonly failed: readonly string[];
  /**
   * The accounts of `accounts` whose state this request changed: a friend added, imported,
   * updated or removed, a friend request recorded as pending, an account blocked or unblocked,
   * a friend put in a group; an account whose write changed nothing (friend_update setting what
   * was there) is left out. A write without a list names what it changed: friend_delete_all its
   * former friends, group_delete its `From_Account` when a group went. Filled even when the
   * answer was then lost (`drop`, `stall`, `malformed`, `httpError` strike a write after it was
   * applied); empty for a read, a request-level error, an injected `requestError` or
   * `throttle`, and an account an injected `itemError` failed.
   */
  readonly applied: readonly string[];
}
