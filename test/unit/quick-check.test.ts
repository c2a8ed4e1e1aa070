// The built-in endpoints' quick checks (the fast paths of request validation and answer decoding)
// must never accept what their valibot schemas refuse, nor pass on a value the schema would
// change or an integer JSON.parse may have rounded. Seeded property tests over near-valid values.
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { decodeResponse } from '../../src/transport/decode-response.js';
import { friendCheck, friendGetList, type AnyEndpoint } from '../../src/index.js';

const runs = { seed: 20261124, numRuns: 3000 };

/** Right and wrong values for a field, including integers past 2^53 and nested values. */
const anyValue = fc.oneof(
  fc.constantFrom('', 'CheckResult_Type_BothWay', 'CheckResult_Type_Both', 'CheckResult_Type_Single', 'Tag_Profile_IM_Nick', 'x', 'é'.repeat(11), 'é'.repeat(10)),
  fc.constantFrom(0, 1, 30001, -1, 1.5, 2 ** 53, 2 ** 60, -(2 ** 60), 1e300, -1e300, 1e21, null, true),
  fc.constantFrom([], ['a'], [''], ['a', 1], [{}], {}, { Tag: 'a', Value: 1 }, { Tag: 'a', Value: 2 ** 60 }, { Tag: 'a', Value: 'x', Extra: 1 }),
);
const fieldOf = (right: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: right, weight: 12 }, { arbitrary: anyValue, weight: 1 });
const extraKey = fc.constantFrom('Extra', 'toString', 'constructor', '__proto__');

/** A JSON object with most of `fields` (each mostly right) and maybe an unknown key. */
function nearRecord(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const present = Object.entries(fields).map(([key, right]) => fc.option(fieldOf(right).map((value) => [key, value] as const), { freq: 12 }));
  const record = fc.tuple(fc.tuple(...present), fc.option(fc.tuple(extraKey, anyValue), { freq: 4 })).map(([known, extra]) => {
    const entries = [...known.filter((entry) => entry !== null), ...(extra === null ? [] : [extra])];
    // Through JSON, as answers arrive: an own `__proto__` key stays a key.
    return JSON.parse(`{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`) as unknown;
  });
  return fc.oneof({ arbitrary: record, weight: 12 }, { arbitrary: anyValue, weight: 1 });
}

const userId = fc.oneof(fc.stringMatching(/^[a-z0-9_]{1,32}$/), fc.constantFrom('', 'x'.repeat(33), 'é'.repeat(16), 'é'.repeat(17), '😀'.repeat(8), '😀'.repeat(9)));
const accounts = fc.array(fieldOf(userId), { maxLength: 5 });
const envelope = {
  ActionStatus: fc.constantFrom('OK', 'FAIL'),
  ErrorCode: fc.constantFrom(0, 0, 0, 30001, 90001),
  ErrorInfo: fc.string({ maxLength: 3 }),
  RequestId: fc.string({ maxLength: 3 }),
  Fail_Account: fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
};
const batchItem = { To_Account: userId, ResultCode: fc.constantFrom(0, 0, 30001), ResultInfo: fc.string({ maxLength: 3 }) };
const profileItem = nearRecord({ Tag: fc.constantFrom('Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark'), Value: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 })) });

const cases: [AnyEndpoint, fc.Arbitrary<unknown>, fc.Arbitrary<unknown>][] = [
  [
    friendCheck,
    nearRecord({ From_Account: userId, To_Account: accounts, CheckType: fc.constantFrom('CheckResult_Type_Both', 'CheckResult_Type_Single') }),
    nearRecord({ ...envelope, InfoItem: fc.array(nearRecord({ ...batchItem, Relation: fc.constantFrom('CheckResult_Type_BothWay', 'CheckResult_Type_Whatever') }), { maxLength: 4 }) }),
  ],
  [
    friendGetList,
    nearRecord({ From_Account: userId, To_Account: accounts, TagList: fc.array(fc.constantFrom('Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', ''), { maxLength: 3 }) }),
    nearRecord({ ...envelope, InfoItem: fc.array(nearRecord({ ...batchItem, SnsProfileItem: fc.array(profileItem, { maxLength: 3 }) }), { maxLength: 4 }) }),
  ],
];

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
