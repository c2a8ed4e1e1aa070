import type { Plugin } from '../index.js';

/**
 * A plugin that hears every HTTP attempt, with its number within its chunk: 1 for the first
 * request, more for a retry. In the transport phase, so it sees each attempt exactly once,
 * whoever repeats the request (retry, UserSig renewal).
 */
export function requestCounter(onRequest: (attempt: number) => void): Plugin {
  return {
    name: 'cli-request-counter',
    phase: 'transport',
    run(ctx, next) {
      onRequest(ctx.attempt);
      return next(ctx);
    },
  };
}
