// Near-valid values for the quick-check property tests (test/unit/quick-check.test.ts): right
// and wrong values for every field, integers past 2^53, nested values and dropped keys.
import fc from 'fast-check';
import { friendCheck, friendGetList, type AnyEndpoint } from '../../src/index.js';

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
// Tag names: documented and custom ones, and near misses (mostly the former, so that the
// quick check's accepting side is reached often).
const tagName = fc.oneof(
  { arbitrary: fc.constantFrom('Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_Profile_Custom_Hobby', 'Tag_SNS_Custom_x'), weight: 5 },
  { arbitrary: fc.constantFrom('', 'Tag_Profile_IM_Nik', 'Tag_Profile_Custom_', 'Tag_SNS_IM_Custom', 'toString'), weight: 1 },
);
const profileItem = nearRecord({ Tag: fc.constantFrom('Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark'), Value: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 })) });

/**
 * Near-valid request bodies and answers of every endpoint with a quick check, by name: the
 * catalogue's contract test checks that none is missing.
 */
export const quickCheckCases: Readonly<Record<string, readonly [AnyEndpoint, fc.Arbitrary<unknown>, fc.Arbitrary<unknown>]>> = {
  friendCheck: [
    friendCheck,
    nearRecord({ From_Account: userId, To_Account: accounts, CheckType: fc.constantFrom('CheckResult_Type_Both', 'CheckResult_Type_Single') }),
    nearRecord({ ...envelope, InfoItem: fc.array(nearRecord({ ...batchItem, Relation: fc.constantFrom('CheckResult_Type_BothWay', 'CheckResult_Type_Whatever') }), { maxLength: 4 }) }),
  ],
  friendGetList: [
    friendGetList,
    nearRecord({ From_Account: userId, To_Account: accounts, TagList: fc.array(tagName, { maxLength: 3 }) }),
    nearRecord({ ...envelope, InfoItem: fc.array(nearRecord({ ...batchItem, SnsProfileItem: fc.array(profileItem, { maxLength: 3 }) }), { maxLength: 4 }) }),
  ],
};
