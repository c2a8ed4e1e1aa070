import * as v from 'valibot';
import { objectMessage } from '../util/validate.js';
import { closestMatch } from '../util/closest-match.js';
import { integerSchema } from './envelope.js';

/** One tag/value pair of a profile or friend field list (`SnsProfileItem`, friend_get's `ValueItem`). */
export const snsProfileItemSchema = v.object(
  {
    Tag: v.string('must be a string'),
    Value: v.union([v.string(), integerSchema, v.array(v.string())], 'must be a string, an integer or a list of strings'),
  },
  objectMessage,
);

/**
 * One profile or friend field: `Tag_SNS_IM_Group` carries a list of group names, integer tags
 * (`Tag_SNS_IM_AddTime`, `Tag_Profile_IM_Level` …) a number, the others a string. Integer values
 * may be uint64: one beyond 2^53, which a JavaScript number cannot hold exactly, arrives as its
 * exact decimal string (`'18446744073709551615'`) instead of a rounded number.
 *
 * {@link tagValue} reads one tag's value, typed by the tag.
 *
 * @example
 * ```ts
 * const { InfoItem } = await tim.friendGetList(body);
 * for (const item of InfoItem) {
 *   const remark = item.SnsProfileItem?.find((field: SnsProfileItem) => field.Tag === 'Tag_SNS_IM_Remark')?.Value;
 *   const same = tagValue(item, 'Tag_SNS_IM_Remark'); // string | undefined
 * }
 * ```
 *
 * @useDeclaredType
 */
export type SnsProfileItem = v.InferOutput<typeof snsProfileItemSchema>;


/**
 * The documented profile (`Tag_Profile_IM_*`) and friend (`Tag_SNS_IM_*`) tags and the type of
 * their values, as {@link tagValue} returns them. Integer tags are uint32 values or Unix seconds:
 * they fit a JavaScript number exactly, so they are typed `number` (the SDK's uint64 rule, a
 * decimal string for an integer beyond 2^53, never applies to them). Values with a fixed set
 * (`Gender_Type_*` …) stay open (`| (string & {})`) so a value the service adds later is kept.
 *
 * @example
 * ```ts
 * const nick: StandardTagValues['Tag_Profile_IM_Nick'] = 'Bob'; // string
 * const groups: StandardTagValues['Tag_SNS_IM_Group'] = ['work', 'family']; // string[]
 * ```
 */
export interface StandardTagValues {
  /** Nickname (at most 500 bytes). */
  Tag_Profile_IM_Nick: string;
  /** Gender. */
  Tag_Profile_IM_Gender: 'Gender_Type_Unknown' | 'Gender_Type_Female' | 'Gender_Type_Male' | (string & {});
  /** Birthday (uint32, for example 19900101). */
  Tag_Profile_IM_BirthDay: number;
  /** Location (at most 16 bytes). */
  Tag_Profile_IM_Location: string;
  /** Signature (at most 500 bytes). */
  Tag_Profile_IM_SelfSignature: string;
  /** How friend requests to this account are handled. */
  Tag_Profile_IM_AllowType: 'AllowType_Type_NeedConfirm' | 'AllowType_Type_AllowAny' | 'AllowType_Type_DenyAny' | (string & {});
  /** Language (uint32). */
  Tag_Profile_IM_Language: number;
  /** Profile photo URL (at most 500 bytes). */
  Tag_Profile_IM_Image: string;
  /** Message settings (uint32 bit flags). */
  Tag_Profile_IM_MsgSettings: number;
  /** Whether the administrator forbids this account to add friends. */
  Tag_Profile_IM_AdminForbidType: 'AdminForbid_Type_None' | 'AdminForbid_Type_SendOut' | (string & {});
  /** Level (uint32). */
  Tag_Profile_IM_Level: number;
  /** Role (uint32). */
  Tag_Profile_IM_Role: number;
  /** The friend groups the friend is in (at most 32). */
  Tag_SNS_IM_Group: string[];
  /** Remark on the friend (at most 96 bytes). */
  Tag_SNS_IM_Remark: string;
  /** Where the friend request came from: `AddSource_Type_` followed by letters. */
  Tag_SNS_IM_AddSource: string;
  /** The message sent with the friend request (at most 256 bytes). */
  Tag_SNS_IM_AddWording: string;
  /** When the friend was added, in Unix seconds. */
  Tag_SNS_IM_AddTime: number;
}

/**
 * The name of a documented profile or friend tag: a key of {@link StandardTagValues}.
 *
 * @example
 * ```ts
 * const TagList: StandardTag[] = ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark'];
 * await tim.friendGetList({ From_Account: 'alice', To_Account: ['bob'], TagList });
 * ```
 */
export type StandardTag = keyof StandardTagValues;

/**
 * The name of an app-defined tag: `Tag_Profile_Custom_<keyword>` (profile) or
 * `Tag_SNS_Custom_<keyword>` (friend), the keyword being letters only, at most 8 bytes.
 *
 * @example
 * ```ts
 * const tag: CustomTag = 'Tag_Profile_Custom_Hobby';
 * const { InfoItem } = await tim.friendGetList({ From_Account: 'alice', To_Account: ['bob'], TagList: [tag] });
 * const hobbies = InfoItem.map((item) => tagValue(item, tag)); // (string | number | undefined)[]
 * ```
 */
export type CustomTag = `Tag_Profile_Custom_${string}` | `Tag_SNS_Custom_${string}`;

/**
 * The value type of a tag, as {@link tagValue} returns it:
 * - a documented tag: its type in {@link StandardTagValues};
 * - a custom tag ({@link CustomTag}): `string | number`, because custom fields are strings or
 *   integers, and an integer field may be uint64: one beyond 2^53, which a JavaScript number
 *   cannot hold exactly, arrives as its exact decimal string (`'18446744073709551615'`);
 * - any other tag: whatever `SnsProfileItem` may carry (`string | number | string[]`).
 *
 * @typeParam Tag - the tag name.
 *
 * @example
 * ```ts
 * const nick: TagValue<'Tag_Profile_IM_Nick'> = 'Bob'; // string
 * const score: TagValue<'Tag_Profile_Custom_Score'> = '18446744073709551615'; // string | number
 * ```
 */
export type TagValue<Tag extends string> = Tag extends StandardTag
  ? StandardTagValues[Tag]
  : Tag extends CustomTag
    ? string | number
    : SnsProfileItem['Value'];

type ValueKind = 'string' | 'integer' | 'strings';

// The kind of each documented tag's value, checked at run time so a value is never of another type than its TagValue.
const standardKinds: { readonly [Tag in StandardTag]: ValueKind } = {
  Tag_Profile_IM_Nick: 'string',
  Tag_Profile_IM_Gender: 'string',
  Tag_Profile_IM_BirthDay: 'integer',
  Tag_Profile_IM_Location: 'string',
  Tag_Profile_IM_SelfSignature: 'string',
  Tag_Profile_IM_AllowType: 'string',
  Tag_Profile_IM_Language: 'integer',
  Tag_Profile_IM_Image: 'string',
  Tag_Profile_IM_MsgSettings: 'integer',
  Tag_Profile_IM_AdminForbidType: 'string',
  Tag_Profile_IM_Level: 'integer',
  Tag_Profile_IM_Role: 'integer',
  Tag_SNS_IM_Group: 'strings',
  Tag_SNS_IM_Remark: 'string',
  Tag_SNS_IM_AddSource: 'string',
  Tag_SNS_IM_AddWording: 'string',
  Tag_SNS_IM_AddTime: 'integer',
};

const customTag = /^Tag_(?:Profile|SNS)_Custom_/;

// A custom tag's prefix and a keyword: the service's rule for the keyword (1 to 8 letters) is
// its own to enforce; the SDK refuses only names that surely name no field.
const customTagName = /^Tag_(?:Profile|SNS)_Custom_./su;

/**
 * Whether `tag` names a profile or friend field: a documented tag ({@link StandardTag}) or a
 * custom one (`Tag_Profile_Custom_…`, `Tag_SNS_Custom_…`). Fast: it sits on the quick-check path.
 */
export function isTagName(tag: unknown): boolean {
  return typeof tag === 'string' && (Object.hasOwn(standardKinds, tag) || customTagName.test(tag));
}

// Each documented tag by its full name and by its keyword alone (`Nick`, `Remark`), so that a
// bare keyword finds its tag too.
const standardSpellings: ReadonlyMap<string, readonly string[]> = new Map(
  Object.keys(standardKinds).map((tag) => [tag, [tag, tag.replace(/^Tag_(?:Profile|SNS)_IM_/, '')]]),
);

/** The documented tag closest to `tag` (by edit distance, case ignored), or undefined when none is close. */
export function closestStandardTag(tag: string): StandardTag | undefined {
  return closestMatch(tag, standardSpellings) as StandardTag | undefined;
}

/** Why `tag` names no field, with the closest documented tag when one is close. */
export function unknownTagReason(tag: string): string {
  if (customTag.test(tag)) return `must have a name after ${tag} (a custom tag is its prefix and the field's name)`;
  const closest = closestStandardTag(tag);
  if (closest !== undefined) return `is not a documented tag: did you mean ${closest}? (custom tags start with Tag_Profile_Custom_ or Tag_SNS_Custom_)`;
  return 'is not a documented tag (Tag_Profile_IM_* or Tag_SNS_IM_*, see StandardTag) nor a custom one (Tag_Profile_Custom_<name> or Tag_SNS_Custom_<name>)';
}

/**
 * The valibot schema of one tag name in a `TagList`: a documented tag ({@link StandardTag}) or a
 * custom one (`Tag_Profile_Custom_…`, `Tag_SNS_Custom_…`). An unknown name (`Tag_Profile_IM_Nik`)
 * is refused before any request with a did-you-mean (`did you mean Tag_Profile_IM_Nick?`).
 * `friendGetList` uses it; use it in your own declarations of endpoints that take tags.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 *
 * const portraitGet = defineEndpoint({
 *   name: 'portraitGet',
 *   path: 'v4/profile/portrait_get',
 *   effect: 'read',
 *   request: v.object({ To_Account: v.array(v.string()), TagList: v.array(tagNameSchema) }),
 *   response: v.looseObject({ ErrorCode: v.number(), UserProfileItem: v.array(v.looseObject({ To_Account: v.string(), ResultCode: v.number() })) }),
 *   batch: { list: 'To_Account', max: 100, results: 'UserProfileItem' },
 * });
 * // TimValidationError: Invalid portraitGet request: TagList[0]: is not a documented tag: did you mean Tag_Profile_IM_Nick? …
 * await tim.request(portraitGet, { To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nik'] });
 * ```
 */
// Typed as a plain string schema: the declarations' types stay what they were (and the API
// pages do not list the message function's signature).
export const tagNameSchema: v.GenericSchema<string, string> = v.pipe(
  v.string('must be a string'),
  v.nonEmpty('must not be empty'),
  // The empty name has its own reason above.
  v.check((tag: string) => tag === '' || isTagName(tag), (issue) => unknownTagReason(String(issue.input))),
);

function fits(tag: string, value: SnsProfileItem['Value']): boolean {
  const kind = Object.hasOwn(standardKinds, tag) ? standardKinds[tag as StandardTag] : undefined;
  if (kind === 'string') return typeof value === 'string';
  if (kind === 'integer') return typeof value === 'number';
  if (kind === 'strings') return Array.isArray(value);
  return !customTag.test(tag) || !Array.isArray(value);
}

/**
 * The value of one tag in a friend_get_list result (or a friend of a friend_get page), typed by the tag ({@link TagValue}):
 * `tagValue(item, 'Tag_Profile_IM_Nick')` is a `string`, `tagValue(item, 'Tag_SNS_IM_Group')`
 * a `string[]`, `tagValue(item, 'Tag_SNS_IM_AddTime')` a `number`, a custom tag's value a
 * `string | number`. Undefined when the item has no such tag: a failed item, a tag not asked
 * for in `TagList`, or one the service left out. A value of another type than documented (which
 * the service does not send) also gives undefined rather than a value of the wrong type; the raw
 * pairs stay in `item.SnsProfileItem` (friend_get: `item.ValueItem`).
 *
 * @typeParam Tag - the tag name, inferred from the argument.
 * @param item - a result of {@link friendGetList}'s `InfoItem`, successful or not, or a friend of a `friendGet` page's `UserDataItem`.
 * @param tag - the tag to read, for example `Tag_Profile_IM_Nick` or `Tag_SNS_Custom_Level`.
 * @returns the tag's value, or undefined.
 *
 * @example
 * ```ts
 * const { InfoItem } = await tim.friendGetList({
 *   From_Account: 'alice',
 *   To_Account: ['bob'],
 *   TagList: ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_Group', 'Tag_SNS_IM_AddTime'],
 * });
 * for (const item of InfoItem) {
 *   const nick = tagValue(item, 'Tag_Profile_IM_Nick') ?? item.To_Account; // string
 *   const groups = tagValue(item, 'Tag_SNS_IM_Group') ?? []; // string[]
 *   const added = tagValue(item, 'Tag_SNS_IM_AddTime'); // number | undefined
 *   console.log(nick, groups.join(', '), added === undefined ? '' : new Date(added * 1000).toISOString());
 * }
 * ```
 */
export function tagValue<Tag extends StandardTag | CustomTag | (string & {})>(
  item: { readonly SnsProfileItem?: readonly SnsProfileItem[] | undefined } | { readonly ValueItem?: readonly SnsProfileItem[] | undefined },
  tag: Tag,
): TagValue<Tag> | undefined {
  const fields = 'ValueItem' in item ? item.ValueItem : 'SnsProfileItem' in item ? item.SnsProfileItem : undefined;
  if (fields === undefined) return undefined;
  for (const field of fields) {
    if (field.Tag === tag) return fits(tag, field.Value) ? (field.Value as TagValue<Tag>) : undefined;
  }
  return undefined;
}
