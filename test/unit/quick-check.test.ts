// The built-in endpoints' quick checks (the fast paths of request validation and answer decoding)
// must never accept what their valibot schemas refuse, nor pass on a value the schema would
// change or an integer JSON.parse may have rounded. Seeded property tests over near-valid values.
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { decodeResponse } from '../../src/transport/decode-response.js';
import { friendCheck, type AnyEndpoint } from '../../src/index.js';
import { quickCheckCases } from '../support/quick-check-cases.js';

const cases = Object.values(quickCheckCases);

const runs = { seed: 20261124, numRuns: 3000 };

/** Whether a parsed JSON value holds a number that may not be the one written in the text. */
function holdsRoundedInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsRoundedInteger);
  return false;
}

/**
 * `value` as JSON text with each integer in one of several notations, taken in turn from `seed`
 * (JSON.stringify writes only the first): a safe one as `100`, `100.0`, `1e+2`, `100e0` or
 * `100E+0`; a larger one in digits or as an exponent (`1.152921504606847e+18`).
 */
function withNotations(value: unknown, seed: number): string {
  let turn = seed;
  const write = (item: unknown): string => {
    if (typeof item === 'number' && Number.isInteger(item)) {
      const forms = Number.isSafeInteger(item) ? [String(item), `${item}.0`, item.toExponential(), `${item}e0`, `${item}E+0`] : [JSON.stringify(item), item.toExponential()];
      return forms[turn++ % forms.length] ?? String(item);
    }
    if (Array.isArray(item)) return `[${item.map(write).join(',')}]`;
    if (typeof item === 'object' && item !== null) return `{${Object.entries(item).map(([key, field]) => `${JSON.stringify(key)}:${write(field)}`).join(',')}}`;
    return JSON.stringify(item) ?? 'undefined';
  };
  return write(value);
}

/** What decodeResponse makes of `text`: the answer, or the error's text and path. */
function outcome(target: AnyEndpoint, text: string): unknown {
  try {
    return { answer: decodeResponse(target, text) };
  } catch (error) {
    return { error: String(error), path: (error as { path?: unknown }).path };
  }
}

describe.each(cases)('the quick checks of $name', (endpoint, request, response) => {
  const quick = endpoint.quickCheck;

  it('exist, so that the fast paths are taken', () => {
    expect(typeof quick?.request).toBe('function');
    expect(typeof quick?.response).toBe('function');
  });

  it('accept a request body only if the request schema accepts it unchanged', () => {
    let accepted = 0;
    fc.assert(
      fc.property(request, (body) => {
        if (quick?.request?.(body) !== true) return;
        accepted++;
        const result = v.safeParse(endpoint.request, body);
        expect(result.success).toBe(true);
        // What is sent: the body as it is must serialise like the schema's output.
        expect(JSON.stringify(body)).toBe(JSON.stringify(result.output));
      }),
      runs,
    );
    // The generator must reach the accepting side too, or the property proves nothing.
    expect(accepted).toBeGreaterThan(runs.numRuns / 50);
  });

  it('accept an answer only if the response schema accepts it unchanged and no integer was rounded', () => {
    let accepted = 0;
    fc.assert(
      fc.property(response, (answer) => {
        if (quick?.response?.(answer) !== true) return;
        accepted++;
        expect(holdsRoundedInteger(answer)).toBe(false);
        const result = v.safeParse(endpoint.response, answer);
        expect(result.success).toBe(true);
        expect(result.output).toStrictEqual(answer);
      }),
      runs,
    );
    expect(accepted).toBeGreaterThan(runs.numRuns / 50);
  });

  it('leave decodeResponse its verdicts: the same answer or the same error as the exact path', () => {
    const exact: AnyEndpoint = { ...endpoint, quickCheck: undefined };
    fc.assert(
      fc.property(response, (answer) => {
        const text = JSON.stringify(answer) ?? 'undefined';
        expect(outcome(endpoint, text)).toStrictEqual(outcome(exact, text));
      }),
      runs,
    );
  });

  it('give the verdict of the number, not of its notation (1e2 is 100), on both paths', () => {
    const exact: AnyEndpoint = { ...endpoint, quickCheck: undefined };
    fc.assert(
      fc.property(response, fc.nat(), (answer, seed) => {
        const text = withNotations(answer, seed);
        expect(outcome(endpoint, text)).toStrictEqual(outcome(exact, text));
        // Past 2^53 the notation matters by design: digits stay exact (a string), an exponent cannot.
        if (!holdsRoundedInteger(answer)) expect(outcome(exact, text)).toStrictEqual(outcome(exact, JSON.stringify(answer) ?? 'undefined'));
      }),
      runs,
    );
  });
});

it('keeps an integer past 2^53 in an answer exact: the fast path hands it to the exact one', () => {
  const text = '{"ErrorCode":0,"InfoItem":[{"To_Account":"bob","ResultCode":0,"Relation":"CheckResult_Type_BothWay","Seq":18446744073709551615}]}';
  const answer = decodeResponse(friendCheck, text) as unknown as { InfoItem: { Seq: unknown }[] };
  expect(answer.InfoItem[0]?.Seq).toBe('18446744073709551615');
});
