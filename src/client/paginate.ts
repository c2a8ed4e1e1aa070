import type { AnyEndpoint, EndpointRequest, EndpointResponse, PageRequest } from '../endpoints/define-endpoint.js';
import { TimResponseError } from '../errors/tim-response-error.js';
import { TimValidationError } from '../errors/tim-validation-error.js';
import type { CallOptions } from './call-options.js';

type Request = <E extends AnyEndpoint>(endpoint: E, body: EndpointRequest<E>, options?: CallOptions) => Promise<EndpointResponse<E>>;

/**
 * The pages of a paged endpoint, one request each through `request`: the cursor starts at the
 * declaration's `start` and follows each answer's `next` until the last page (`complete`
 * non-zero; without a `complete` field, a next cursor back at `start` or missing). A next cursor
 * that is missing before the last page, or seen before, would end the walk early or walk in a
 * circle: refused as a malformed answer.
 */
export async function* walkPages<E extends AnyEndpoint>(request: Request, endpoint: E, body: PageRequest<E>, options?: CallOptions): AsyncGenerator<EndpointResponse<E>> {
  const { paged } = endpoint;
  if (paged === undefined) {
    throw new TimValidationError(`${endpoint.name} request`, [{ path: '', reason: `${endpoint.name} is not a paged endpoint: call request()` }], endpoint.name);
  }
  const start = paged.start ?? 0;
  const visited = new Set<unknown>([start]);
  let cursor: number = start;
  for (;;) {
    const page = await request(endpoint, { ...body, ...paged.set, [paged.cursor]: cursor } as EndpointRequest<E>, options);
    yield page;
    const answer = page as Record<string, unknown>;
    const next = answer[paged.next];
    if (paged.complete === undefined ? next === undefined || next === start : Number(answer[paged.complete] ?? 0) !== 0) return;
    if (typeof next !== 'number' || visited.has(next)) {
      throw new TimResponseError(`${paged.next} ${JSON.stringify(next)} does not move the walk on (the cursor was ${cursor})`, { endpoint: endpoint.name, path: paged.next });
    }
    visited.add(next);
    cursor = next;
  }
}
