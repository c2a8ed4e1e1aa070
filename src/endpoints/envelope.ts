import * as v from 'valibot';
import { objectMessage } from '../util/validate.js';
import { fieldChecks, fieldsPass, isArrayOf, isExactInteger, isRecord, isString, isStringArray, type FieldChecks } from './quick-check.js';

const unsafeIntegerReason = 'must be an integer from -(2^53 - 1) to 2^53 - 1';

// parseJson keeps an integer literal past 2^53 as its decimal string: reported like the same
// integer in exponent notation (1e20), which reaches the schema as a number.
const isUnsafeIntegerText = (input: unknown) => typeof input === 'string' && /^-?\d+$/.test(input) && !Number.isSafeInteger(Number(input));
const numberMessage: v.ErrorMessage<v.NumberIssue> = (issue) => (isUnsafeIntegerText(issue.input) ? unsafeIntegerReason : 'must be a number');

/**
 * An integer field (`ErrorCode`, `ResultCode` …): a safe integer, judged by the number the JSON
 * denotes, whatever its notation. `100`, `1e2` and `100.0` are all 100; `1.5` is refused, and so
 * is an integer beyond ±(2^53 - 1) in any notation (`1e20`, `-1e300`, `100000000000000000000`),
 * which a JavaScript number cannot hold exactly. Quick checks use {@link isExactInteger}, the
 * same rule. Typed as a plain schema of numbers: the message function in its full type makes
 * TypeDoc list the answers' `ErrorCode` as an undocumented property of every endpoint.
 */
export const integerSchema: v.GenericSchema<number, number, v.NumberIssue | v.IntegerIssue<number> | v.SafeIntegerIssue<number>> = v.pipe(
  v.number(numberMessage),
  v.integer('must be an integer'),
  v.safeInteger(unsafeIntegerReason),
);

/**
 * The fields every IM REST answer shares, to spread into endpoint response schemas.
 * `ActionStatus` may be missing: success is decided on `ErrorCode`.
 */
export const envelopeEntries = {
  ActionStatus: v.optional(v.string('must be a string')),
  ErrorCode: integerSchema,
  ErrorInfo: v.optional(v.string('must be a string')),
  ErrorDisplay: v.optional(v.string('must be a string')),
  RequestId: v.optional(v.string('must be a string')),
};

/** Fields every per-account result of a batch answer shares. */
export const batchItemEntries = {
  To_Account: v.string('must be a string'),
  ResultCode: integerSchema,
  ResultInfo: v.optional(v.string('must be a string')),
};

/** `Fail_Account`, present only when at least one account failed. */
export const failAccountEntry = {
  Fail_Account: v.optional(v.array(v.string('must be a string'), 'must be an array')),
};

/**
 * The answer of a batch endpoint: the envelope, `Fail_Account`, and its `results` field, an
 * array of `item`s (`InfoItem` for reads, `ResultItem` for writes).
 */
export function batchAnswerSchema<const TResults extends string, TItem extends v.GenericSchema>(results: TResults, item: TItem) {
  const entries = { ...envelopeEntries, ...failAccountEntry, [results]: v.array(item, 'must be an array') };
  return v.looseObject(entries as typeof envelopeEntries & typeof failAccountEntry & { readonly [K in TResults]: v.ArraySchema<TItem, 'must be an array'> }, objectMessage);
}

/** Quick checks ({@link EndpointQuickCheck}) of {@link envelopeEntries} and {@link failAccountEntry}. */
const envelopeChecks = {
  ActionStatus: isString,
  ErrorCode: isExactInteger,
  ErrorInfo: isString,
  ErrorDisplay: isString,
  RequestId: isString,
  Fail_Account: isStringArray,
};

/** A field check of a quick check, for {@link batchItemCheck}. */
type FieldCheck = (value: unknown) => boolean;

/**
 * The quick check of one batch result: {@link batchItemEntries} (`To_Account` and `ResultCode`
 * required) plus the endpoint's own `fields`, and `rule` for what spans fields. Types are checked
 * by {@link fieldsPass}, once per field; here only that the required ones are there.
 */
export function batchItemCheck(fields: Record<string, FieldCheck>, rule: (item: Record<string, unknown>) => boolean = () => true): FieldCheck {
  const checks: FieldChecks = fieldChecks({ To_Account: isString, ResultCode: isExactInteger, ResultInfo: isString, ...fields });
  return (item) => isRecord(item) && item.To_Account !== undefined && item.ResultCode !== undefined && rule(item) && fieldsPass(item, checks);
}

/**
 * The quick check of a batch answer: the envelope, `Fail_Account` and a `results` array (`InfoItem`
 * unless given) whose items pass `isItem`. `ErrorCode` and the results are required, as in the
 * response schemas.
 */
export function batchAnswerCheck(isItem: FieldCheck, results = 'InfoItem'): FieldCheck {
  const checks: FieldChecks = fieldChecks({ ...envelopeChecks, [results]: (items) => isArrayOf(items, isItem) });
  return (answer) => isRecord(answer) && answer.ErrorCode !== undefined && answer[results] !== undefined && fieldsPass(answer, checks);
}
