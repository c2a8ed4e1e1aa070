/** What an emulated endpoint declares, and the body checks both endpoints share. */
import * as v from 'valibot';
import { toValidationIssues } from '../util/validate.js';
import type { InfoItem } from './answers.js';
import type { MemoryStore } from './store.js';
import type { EmulatorEndpointPath } from './stats.js';

/** A request-level failure an endpoint answers with (30001 bad parameter, 30003 unknown account). */
export interface EndpointFailure {
  readonly code: number;
  readonly info: string;
}

/** What an endpoint answers: a failure, or one item per `To_Account` entry, in order. */
export type EndpointResult = EndpointFailure | { readonly items: InfoItem[] };

/**
 * An endpoint the emulator implements: its path, how it answers a parsed JSON body from the
 * store, and what one of its items looks like when an injected fault fails it.
 */
export interface EmulatedEndpoint {
  readonly path: EmulatorEndpointPath;
  answer(store: MemoryStore, body: unknown): EndpointResult;
  failedItem(account: string, code: 30006 | 30007): InfoItem;
}

/** The `To_Account` schema of a batch endpoint: a non-empty list of strings, at most `max` long. */
export function accountListSchema(max: number) {
  return v.pipe(
    v.array(v.string('must be a string'), 'must be an array of UserIDs'),
    v.nonEmpty('must not be empty'),
    v.maxLength(max, (issue) => `must hold at most ${max} accounts per request (got ${issue.received})`),
  );
}

/** `From_Account` as both endpoints require it. */
export const fromAccountSchema = v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'));

/**
 * Checks a body like the service: not an object or a bad field → 30001 with the field and the
 * rule in `ErrorInfo`; an unknown `From_Account` → 30003.
 */
export function checkBody<TSchema extends v.GenericSchema<unknown, { From_Account: string }>>(
  schema: TSchema,
  body: unknown,
  store: MemoryStore,
): EndpointFailure | { request: v.InferOutput<TSchema> } {
  // valibot's object schemas accept arrays; an IM request body is always an object.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { code: 30001, info: 'invalid request: the body must be a JSON object' };
  const result = v.safeParse(schema, body);
  if (!result.success) {
    const [issue] = toValidationIssues(result.issues);
    return { code: 30001, info: `invalid request: ${issue?.path ?? ''}: ${issue?.reason ?? 'is invalid'}` };
  }
  if (!store.hasAccount(result.output.From_Account)) {
    return { code: 30003, info: `From_Account does not exist: ${result.output.From_Account}` };
  }
  return { request: result.output };
}
