/**
 * Answering a request from its emulated behaviour: the body checked with the declaration's
 * request schema (and the service's own rules), then the store's answer, entry by entry for a
 * batch, with injected item failures drawn before each entry is applied.
 */
import * as v from 'valibot';
import { toValidationIssues } from '../util/validate.js';
import { batchFields, failedAccounts, type AccountResult } from './answers.js';
import { batchList } from './batch-list.js';
import type { EmulatedEndpoint, EmulatedRequest, EmulationContext, EndpointFailure } from './emulated-endpoint.js';

/** A successful answer's fields, which accounts failed, which the request changed, and how many items were injected failures. */
export interface Answered {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly failed: readonly string[];
  readonly applied: readonly string[];
  readonly injected: number;
}

/** Draws whether the next account fails by injection, and with which code. */
export type ItemFaultDraw = () => 30006 | 30007 | undefined;

const invalid = (path: string, reason: string): EndpointFailure => ({ code: 30001, info: `invalid request: ${path}: ${reason}` });

/**
 * Checks a body like the service: not an object or a field its endpoint's request schema
 * refuses, a list over the declared maximum or a rule of the behaviour's `check` → 30001 with
 * the field and the rule in `ErrorInfo`; an unknown `From_Account` → 30003.
 */
function checkBody(endpoint: EmulatedEndpoint, body: unknown, context: EmulationContext): EndpointFailure | { readonly request: EmulatedRequest<EmulatedEndpoint['declaration']> } {
  // valibot's object schemas accept arrays; an IM request body is always an object.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { code: 30001, info: 'invalid request: the body must be a JSON object' };
  const result = v.safeParse(endpoint.declaration.request, body);
  if (!result.success) {
    const [issue] = toValidationIssues(result.issues);
    return invalid(issue?.path ?? '', issue?.reason ?? 'is invalid');
  }
  const request = result.output;
  const batch = endpoint.declaration.batch;
  const { length } = batchList(endpoint.declaration, request).entries;
  if (batch !== undefined && length > batch.max) return invalid(batch.list, `must hold at most ${batch.max} accounts per request (got ${length})`);
  const broken = endpoint.check?.(request);
  if (broken !== undefined) return invalid(broken.path, broken.reason);
  if (!context.store.hasAccount(request.From_Account)) return { code: 30003, info: `From_Account does not exist: ${request.From_Account}` };
  return { request };
}

/**
 * The answer of `endpoint` to a JSON body, or the request-level failure it answers. A batch's
 * `before` runs first (its failure answers the request); its entries are answered in list
 * order, `itemFault` drawn once per entry before it is answered (an entry it fails is not
 * applied); `after` adds its fields last.
 */
export function answerRequest(endpoint: EmulatedEndpoint, body: unknown, context: EmulationContext, itemFault: ItemFaultDraw): EndpointFailure | Answered {
  const checked = checkBody(endpoint, body, context);
  if (!('request' in checked)) return checked;
  const { request } = checked;
  if (endpoint.kind === 'whole') {
    const answer = endpoint.answer(request, context);
    if ('code' in answer) return answer;
    return { fields: answer.fields, failed: [], applied: answer.applied ?? [], injected: 0 };
  }
  const batch = endpoint.declaration.batch;
  // The route test holds every batch behaviour to a batch declaration.
  if (batch === undefined) throw new Error(`${endpoint.path} is emulated entry by entry but declares no batch list`);
  const failure = endpoint.before?.(request, context);
  if (failure !== undefined) return failure;
  const { entries, accounts } = batchList(endpoint.declaration, request);
  const applied: string[] = [];
  let injected = 0;
  const results = entries.map((entry, index): AccountResult => {
    const account = accounts[index] ?? '';
    const code = itemFault();
    if (code !== undefined) {
      injected++;
      return endpoint.failedEntry(account, code);
    }
    const answer = endpoint.entry(entry, request, context);
    if (answer.applied) applied.push(account);
    return answer.result;
  });
  const listed = Reflect.get(request, batch.list) !== undefined;
  const fields = { ...(listed ? batchFields(batch.results, results) : {}), ...endpoint.after?.(request, context) };
  return { fields, failed: failedAccounts(results), applied, injected };
}
