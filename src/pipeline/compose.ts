import { phases, type ApiResponse, type Phase, type Plugin, type RequestContext } from './plugin.js';

/** The end of the pipeline: sends one HTTP request and decodes the answer. */
export type Terminal = (ctx: RequestContext) => Promise<ApiResponse>;

/** The attempts a sub-call has made: the one counter behind `ctx.attempt`. */
interface SubCall {
  attempts: number;
}

/** Index of the first plugin at or past `phase` (the terminal's index when there is none). */
function start(plugins: readonly Plugin[], phase: Phase): number {
  const found = plugins.findIndex((plugin) => phases.indexOf(plugin.phase) >= phases.indexOf(phase));
  return found === -1 ? plugins.length : found;
}

/**
 * Chains ordered plugins into one function. Each `next` starts a fresh descent, so a plugin may
 * call it several times (retries, chunks) and concurrently. The caller's signal is checked
 * before every step so an aborted call stops at the next plugin boundary.
 *
 * Attempt numbers have one owner, here: every descent into the `sub-call` phase starts a counter,
 * and every descent into the `attempt` phase takes the next number from it, whichever plugin
 * repeated the request.
 */
export function compose(plugins: readonly Plugin[], terminal: Terminal): Terminal {
  const subCallStart = start(plugins, 'sub-call');
  const attemptStart = start(plugins, 'attempt');
  const step = (index: number, ctx: RequestContext, subCall: SubCall): Promise<ApiResponse> => {
    try {
      ctx.signal?.throwIfAborted();
      if (index === subCallStart) subCall = { attempts: 0 };
      if (index === attemptStart) ctx = { ...ctx, attempt: ++subCall.attempts };
      const plugin = plugins[index];
      if (plugin === undefined) return terminal(ctx);
      return plugin.run(ctx, (nextCtx = ctx) => step(index + 1, nextCtx, subCall));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return (ctx) => step(0, ctx, { attempts: 0 });
}
