import * as v from 'valibot';

/**
 * Length of a string in UTF-8 bytes, the unit the IM limits are written in. Counted from the
 * UTF-16 code units without encoding: request validation runs it on every account of a call.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      // A surrogate pair is one code point of 4 bytes; a lone surrogate encodes as U+FFFD (3).
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Maximum length of an IM UserID in UTF-8 bytes. */
export const maxUserIdBytes = 32;

/**
 * Whether `value` is a UserID {@link userIdSchema} accepts, without building an issue: the fast
 * path of request checks. A UTF-16 unit is at most 3 UTF-8 bytes, so short ids are not counted.
 */
export function isUserId(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && (value.length * 3 <= maxUserIdBytes || utf8Length(value) <= maxUserIdBytes);
}

/** Whether `value` is a non-empty array of UserIDs, as request schemas want account lists. */
export const isUserIdList = (value: unknown): boolean => Array.isArray(value) && value.length > 0 && value.every(isUserId);

/** A UserID as the IM service accepts it: a non-empty string of at most 32 UTF-8 bytes. */
export const userIdSchema = v.pipe(
  v.string('must be a string'),
  v.nonEmpty('must not be empty'),
  v.check((id) => utf8Length(id) <= maxUserIdBytes, `must be at most ${maxUserIdBytes} bytes in UTF-8`),
);

/** A string of at most `limit` UTF-8 bytes, the unit the IM limits are written in (remarks, group names …). */
export const textOfAtMost = (limit: number) =>
  v.pipe(v.string('must be a string'), v.check((text) => utf8Length(text) <= limit, `must be at most ${limit} bytes in UTF-8`));

/** A non-empty list of UserIDs: a batch request's `To_Account`. */
export const userIdListSchema = v.pipe(v.array(userIdSchema, 'must be an array of UserIDs'), v.nonEmpty('must not be empty'));
