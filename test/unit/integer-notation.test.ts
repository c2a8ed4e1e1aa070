// An integer field (ErrorCode, ResultCode, an integer profile Value) is judged by the number its
// JSON denotes, not by how it is written: 100, 1e2 and 100.0 are all 100, and an integer outside
// ±(2^53 - 1) is refused in every notation (digits, which parseJson keeps as a string, or an
// exponent, which JSON.parse reads as a rounded number). The fast path (quick checks) and the
// exact path (valibot) give the same verdict.
import { describe, expect, it } from 'vitest';
import { decodeResponse } from '../../src/transport/decode-response.js';
import { friendCheck, friendGetList, isTimApiError, isTimResponseError, type AnyEndpoint } from '../../src/index.js';

const unsafeReason = 'must be an integer from -(2^53 - 1) to 2^53 - 1';

/** The verdict on `text`: the answer, or the error's class, code, path and reason. */
function verdict(endpoint: AnyEndpoint, text: string): unknown {
  try {
    return { answer: decodeResponse(endpoint, text) };
  } catch (error) {
    if (isTimResponseError(error)) return { error: error.name, path: error.path, reason: error.reason };
    if (isTimApiError(error)) return { error: error.name, code: error.code };
    throw error;
  }
}

/** The verdict of the fast path, after checking the exact path (no quick check) agrees. */
function decided(endpoint: AnyEndpoint, text: string): unknown {
  const fast = verdict(endpoint, text);
  expect(fast).toStrictEqual(verdict({ ...endpoint, quickCheck: undefined }, text));
  return fast;
}

const check = (errorCode: string, resultCode = '0') =>
  `{"ErrorCode":${errorCode},"InfoItem":[{"To_Account":"bob","ResultCode":${resultCode},"Relation":"CheckResult_Type_BothWay"}]}`;
const profile = (value: string) =>
  `{"ErrorCode":0,"InfoItem":[{"To_Account":"bob","ResultCode":0,"SnsProfileItem":[{"Tag":"Tag_SNS_IM_AddTime","Value":${value}}]}]}`;

const unsafe = ['100000000000000000000', '1e20', '1E20', '1.0e+20', '-1e300', '9007199254740992', '9007199254740992.0', '-9007199254740992', '1e400'];
const fractional = ['1.5', '-0.5', '30003.5'];

describe('ErrorCode', () => {
  it.each(unsafe)('%s is a TimResponseError, never a TimApiError', (notation) => {
    const reason = notation === '1e400' ? 'must be an integer' : unsafeReason; // 1e400 reads as Infinity
    expect(decided(friendCheck, check(notation))).toStrictEqual({ error: 'TimResponseError', path: 'ErrorCode', reason });
  });

  it('gives 100000000000000000000 and 1e20 the same error', () => {
    expect(decided(friendCheck, check('100000000000000000000'))).toStrictEqual(decided(friendCheck, check('1e20')));
  });

  it.each(fractional)('%s is refused as not an integer', (notation) => {
    expect(decided(friendCheck, check(notation))).toStrictEqual({ error: 'TimResponseError', path: 'ErrorCode', reason: 'must be an integer' });
  });

  it.each(['30003', '3.0003e4', '30003.0', '30003E0', '300030e-1'])('%s is the integer 30003 (a TimApiError)', (notation) => {
    expect(decided(friendCheck, check(notation))).toStrictEqual({ error: 'TimApiError', code: 30003 });
  });

  it.each(['9007199254740991', '-9007199254740991', '0.0', '-0', '0e5'])('%s is a safe integer, accepted', (notation) => {
    const outcome = decided(friendCheck, check(notation));
    expect(outcome).toMatchObject(Number(notation) === 0 ? { answer: {} } : { error: 'TimApiError', code: Number(notation) });
  });
});

describe('ResultCode', () => {
  it.each(unsafe)('%s is a TimResponseError at the item', (notation) => {
    const reason = notation === '1e400' ? 'must be an integer' : unsafeReason;
    expect(decided(friendCheck, check('0', notation))).toStrictEqual({ error: 'TimResponseError', path: 'InfoItem[0].ResultCode', reason });
  });

  it.each(fractional)('%s is refused as not an integer', (notation) => {
    expect(decided(friendCheck, check('0', notation))).toStrictEqual({ error: 'TimResponseError', path: 'InfoItem[0].ResultCode', reason: 'must be an integer' });
  });

  it('reads 3e4 as 30000 on friend_get_list too', () => {
    const text = '{"ErrorCode":0,"Fail_Account":["bob"],"InfoItem":[{"To_Account":"bob","ResultCode":3e4}]}';
    expect(decided(friendGetList, text)).toStrictEqual({ answer: { ErrorCode: 0, Fail_Account: ['bob'], InfoItem: [{ To_Account: 'bob', ResultCode: 30000 }] } });
  });
});

describe('an integer profile Value', () => {
  const valueOf = (outcome: unknown) => (outcome as { answer: { InfoItem: { SnsProfileItem: { Value: unknown }[] }[] } }).answer.InfoItem[0]?.SnsProfileItem[0]?.Value;

  it('keeps 1700000000 in every notation', () => {
    for (const notation of ['1700000000', '1.7e9', '1700000000.0', '17e8']) expect(valueOf(decided(friendGetList, profile(notation)))).toBe(1_700_000_000);
  });

  it('keeps a uint64 written in digits exact, as its string (parseJson)', () => {
    expect(valueOf(decided(friendGetList, profile('18446744073709551615')))).toBe('18446744073709551615');
  });

  it.each([
    ['1e20', unsafeReason],
    ['1.8446744073709552e19', unsafeReason],
    ['-1e300', unsafeReason],
    ['1.5', 'must be an integer'],
  ])('refuses %s: %s', (notation, reason) => {
    expect(decided(friendGetList, profile(notation))).toStrictEqual({ error: 'TimResponseError', path: 'InfoItem[0].SnsProfileItem[0].Value', reason });
  });
});
