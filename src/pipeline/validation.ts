import { passesQuickly } from '../endpoints/quick-check.js';
import { parseOrThrow } from '../util/validate.js';
import type { Plugin } from './plugin.js';

/**
 * The `validation` plugin (call phase, first in the default stack): parses the request body with
 * the endpoint's request schema, so bad input fails with {@link TimValidationError} before any
 * other plugin or network I/O.
 */
export function validation(): Plugin {
  return {
    name: 'validation',
    phase: 'call',
    priority: 'high', // before anything else of the call
    run(ctx, next) {
      const { endpoint } = ctx;
      // The endpoint's quick check passes the body on as it is; the schema decides the rest.
      if (passesQuickly(endpoint.quickCheck?.request, ctx.body)) return next(ctx);
      const body = parseOrThrow(endpoint.request, ctx.body, `${endpoint.name} request`, endpoint.name);
      return next({ ...ctx, body: body as Record<string, unknown> });
    },
  };
}
