import * as v from 'valibot';
import type { BatchProgress } from '../pipeline/events.js';
import { functionSchema, isPlainObject, optionsObject } from '../util/validate.js';
import { timeoutSchema } from './options.js';

/**
 * Options of one call, the last argument of every client method: cancel it, give it
 * its own attempt timeout, follow a batch's progress, or pass values to your plugins. Unknown
 * keys and bad values are rejected with {@link TimValidationError}.
 *
 * @example
 * ```ts
 * const options: CallOptions = { signal: AbortSignal.timeout(30_000), timeout: 5000, context: { requestId: 'r-42' } };
 * const answer = await tim.friendCheck(body, options);
 * ```
 */
export interface CallOptions {
  /**
   * Aborts the call: queued work is not started and the returned promise rejects with the signal's reason.
   * @defaultValue none: the call runs until it settles (each attempt still has its `timeout`)
   */
  signal?: AbortSignal;
  /**
   * Time limit of each HTTP attempt of this call, in milliseconds (an integer from 1 to
   * 2147483647); overrides the client's `timeout`.
   * @defaultValue the client's `timeout` (10000 unless set)
   */
  timeout?: number;
  /**
   * Hears how a batch call progresses, once per finished chunk (only with the `chunking` plugin
   * in the stack, and only for batch endpoints).
   * @defaultValue none
   */
  onProgress?: (progress: BatchProgress) => void;
  /**
   * A plain object of your own values for the plugins of this call: every plugin sees it as
   * `ctx.context`, the same object for every chunk and attempt.
   * @defaultValue `{}`
   */
  context?: Record<string, unknown>;
}

export const callOptionsSchema = optionsObject(
  {
    signal: v.optional(v.instance(AbortSignal, 'must be an AbortSignal')),
    timeout: v.optional(timeoutSchema),
    onProgress: v.optional(functionSchema<(progress: BatchProgress) => void>()),
    context: v.optional(v.custom<Record<string, unknown>>(isPlainObject, 'must be a plain object')),
  },
  'a call option',
);

