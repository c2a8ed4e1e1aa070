import * as v from 'valibot';

/** An integer as JSON numbers carry them. */
export const integerSchema = v.pipe(v.number('must be a number'), v.integer('must be an integer'));

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
