import * as v from 'valibot';

const encoder = new TextEncoder();

/** Length of a string in UTF-8 bytes, the unit the IM limits are written in. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** Maximum length of an IM UserID in UTF-8 bytes. */
export const maxUserIdBytes = 32;

/** A UserID as the IM service accepts it: a non-empty string of at most 32 UTF-8 bytes. */
export const userIdSchema = v.pipe(
  v.string('must be a string'),
  v.nonEmpty('must not be empty'),
  v.check((id) => utf8Length(id) <= maxUserIdBytes, `must be at most ${maxUserIdBytes} bytes in UTF-8`),
);
