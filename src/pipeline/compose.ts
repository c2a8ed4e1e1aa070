import type { ApiResponse, Plugin, RequestContext } from './plugin.js';

/** The end of the pipeline: sends one HTTP request and decodes the answer. */
export type Terminal = (ctx: RequestContext) => Promise<ApiResponse>;

/**
 * Chains ordered plugins into one function. Each `next` starts a fresh descent, so a plugin may
 * call it several times (retries, chunks) and concurrently. The caller's signal is checked
 * before every step so an aborted call stops at the next plugin boundary.
 */
export function compose(plugins: readonly Plugin[], terminal: Terminal): Terminal {
  const step = (index: number, ctx: RequestContext): Promise<ApiResponse> => {
    try {
      ctx.signal?.throwIfAborted();
      const plugin = plugins[index];
      if (plugin === undefined) return terminal(ctx);
      return plugin.run(ctx, (nextCtx = ctx) => step(index + 1, nextCtx));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return (ctx) => step(0, ctx);
}
