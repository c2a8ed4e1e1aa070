import * as v from 'valibot';
import type { AnyEndpoint } from '../endpoints/define-endpoint.js';
import { envelopeEntries } from '../endpoints/envelope.js';
import { TimApiError } from '../errors/tim-api-error.js';
import { TimResponseError } from '../errors/tim-response-error.js';
import { parseJson } from './parse-json.js';
import type { ApiResponse } from '../pipeline/plugin.js';
import { passesQuickly } from '../endpoints/quick-check.js';
import { objectMessage, toValidationIssues } from '../util/validate.js';

const envelopeSchema = v.looseObject(envelopeEntries, objectMessage);

/**
 * Turns an answer body into the endpoint's typed result. A body that is not JSON is a retryable
 * {@link TimResponseError} (typically a truncated answer); a JSON body without a valid envelope
 * or of the wrong shape is a non-retryable one; a non-zero `ErrorCode` is a {@link TimApiError}.
 */
export function decodeResponse(endpoint: AnyEndpoint, text: string): ApiResponse {
  const quick = endpoint.quickCheck?.response;
  if (quick !== undefined) {
    // Fast path: plain JSON.parse and the endpoint's quick check; anything it is not sure of
    // (including invalid JSON) is decided by the exact path below.
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (passesQuickly(quick, json)) return checkedErrorCode(json as ApiResponse, endpoint);
  }
  return decodeExactly(endpoint, text);
}

/** The answer, unless its ErrorCode says the request failed. */
function checkedErrorCode(answer: ApiResponse, endpoint: AnyEndpoint): ApiResponse {
  if (answer.ErrorCode !== 0) throw new TimApiError(answer, { endpoint: endpoint.name });
  return answer;
}

/** Exact integers, the envelope first, then the endpoint's response schema. */
function decodeExactly(endpoint: AnyEndpoint, text: string): ApiResponse {
  const context = { endpoint: endpoint.name };
  let json: unknown;
  try {
    json = parseJson(text);
  } catch {
    throw new TimResponseError(`body is not valid JSON (${text.length} characters)`, { ...context, retryable: true });
  }

  // valibot's object schemas accept arrays; an IM answer is always a JSON object.
  if (Array.isArray(json)) throw new TimResponseError('must be an object', context);
  const envelope = v.safeParse(envelopeSchema, json);
  if (!envelope.success) {
    const [issue] = toValidationIssues(envelope.issues);
    throw new TimResponseError(issue?.reason ?? 'invalid envelope', { ...context, path: issue?.path ?? '' });
  }
  checkedErrorCode(envelope.output as ApiResponse, endpoint);

  let result: v.SafeParseResult<typeof endpoint.response>;
  try {
    result = v.safeParse(endpoint.response, json);
  } catch {
    throw new TimResponseError(`the response schema of ${endpoint.name} threw`, context);
  }
  if (!result.success) {
    const [issue] = toValidationIssues(result.issues);
    throw new TimResponseError(issue?.reason ?? 'invalid answer', { ...context, path: issue?.path ?? '' });
  }
  return result.output as ApiResponse;
}
