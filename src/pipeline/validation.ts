import { batchShape } from '../endpoints/batch.js';
import { passesQuickly } from '../endpoints/quick-check.js';
import { isStreamedList, longList, validatedLongList, validatedStreamedBody } from '../endpoints/streamed-list.js';
import { timeSlices } from '../util/time-slices.js';
import { parseOrThrow } from '../util/validate.js';
import type { Plugin, RequestContext } from './plugin.js';

/** The call's batch list, read without throwing (a getter that throws: the schema's refusal says so). */
function batchList({ endpoint, body }: RequestContext): unknown {
  const list = batchShape(endpoint)?.list;
  try {
    return list === undefined ? undefined : body[list];
  } catch {
    return undefined;
  }
}

/** The body parsed by the endpoint's whole request schema, or TimValidationError. */
const parsed = ({ endpoint, body }: RequestContext) => parseOrThrow(endpoint.request, body, `${endpoint.name} request`, endpoint.name) as Record<string, unknown>;

/**
 * The `validation` plugin (call phase, first in the default stack): parses the request body with
 * the endpoint's request schema, so bad input fails with {@link TimValidationError} before any
 * other plugin or network I/O. A long batch list (a million ids) is checked in slices with pauses
 * between them, so that the event loop stays free; a streamed one (`tim.stream` with an
 * `AsyncIterable`) entry by entry as it is read, each before its chunk is sent.
 */
export function validation(): Plugin {
  return {
    name: 'validation',
    phase: 'call',
    priority: 'high', // before anything else of the call
    async run(ctx, next) {
      const { endpoint } = ctx;
      const list = batchList(ctx);
      if (Array.isArray(list) && list.length > longList) {
        return next({ ...ctx, body: (await validatedLongList(endpoint, ctx.body, timeSlices())) ?? parsed(ctx) });
      }
      // The endpoint's quick check passes the body on as it is; the schema decides the rest.
      if (passesQuickly(endpoint.quickCheck?.request, ctx.body)) return next(ctx);
      return next({ ...ctx, body: isStreamedList(list) ? validatedStreamedBody(endpoint, ctx.body) : parsed(ctx) });
    },
  };
}
