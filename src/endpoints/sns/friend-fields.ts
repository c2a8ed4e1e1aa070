import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { integerSchema } from '../envelope.js';
import { textOfAtMost } from '../user-id.js';

/** Most friend groups one account may have (30011 beyond). */
export const maxFriendGroups = 32;

/** A friend group's name: non-empty, at most 30 bytes in UTF-8. */
export const groupNameSchema = v.pipe(textOfAtMost(30), v.nonEmpty('must not be empty'));

/** A request's `GroupName` list: 1 to 32 names (an account has at most 32 groups). */
export const groupNamesSchema = v.pipe(
  v.array(groupNameSchema, 'must be an array of group names'),
  v.nonEmpty('must not be empty'),
  v.maxLength(maxFriendGroups, `must hold at most ${maxFriendGroups} names (an account has at most ${maxFriendGroups} groups)`),
);

/** A custom friend field's tag: `Tag_SNS_Custom_` and a name of 1 to 8 letters (the documented rule). */
export const customFriendTagSchema = v.custom<`Tag_SNS_Custom_${string}`>(
  (tag) => typeof tag === 'string' && /^Tag_SNS_Custom_[A-Za-z]{1,8}$/.test(tag),
  'must be Tag_SNS_Custom_ and a name of 1 to 8 letters',
);

/** A custom friend field's value: a string of at most 500 bytes, or a non-negative integer. */
export const customFriendValueSchema = v.union([textOfAtMost(500), v.pipe(integerSchema, v.minValue(0, 'must not be negative'))], 'must be a string (at most 500 bytes) or a non-negative integer');

/** One custom friend field, `{ Tag, Value }`. */
export const customFriendFieldSchema = v.object({ Tag: customFriendTagSchema, Value: customFriendValueSchema }, objectMessage);
