/**
 * Profile and friend tags as the emulator stores them, checked against the field rules of the
 * IM documentation (types, byte limits, enumerations, custom tag names).
 */
import * as v from 'valibot';
import type { ValidationIssue } from '../errors/tim-validation-error.js';
import { utf8Length } from '../endpoints/user-id.js';
import { toValidationIssues } from '../util/validate.js';

/**
 * Who may add an account as a friend (its `Tag_Profile_IM_AllowType`): anyone at once
 * (`AllowAny`, what an account without the tag gets), only after approval (`NeedConfirm`:
 * friend_add answers 30539 and records a pending request) or nobody (`DenyAny`: 30516).
 * `ForceAddFlags: 1` adds whatever the setting.
 *
 * @example
 * ```ts
 * const allowType: AllowType = 'AllowType_Type_NeedConfirm';
 * emu.store.setAllowType('bob', allowType);
 * ```
 */
export type AllowType = 'AllowType_Type_NeedConfirm' | 'AllowType_Type_AllowAny' | 'AllowType_Type_DenyAny';

/**
 * An account's profile: standard `Tag_Profile_IM_*` fields and custom `Tag_Profile_Custom_<kw>`
 * fields (`kw`: 1 to 8 letters). What `friend_get_list` answers for `Tag_Profile_*` tags.
 *
 * @example
 * ```ts
 * const profile: ProfileTags = {
 *   Tag_Profile_IM_Nick: 'Alice',
 *   Tag_Profile_IM_Gender: 'Gender_Type_Female',
 *   Tag_Profile_IM_Level: 12,
 *   Tag_Profile_Custom_City: 'Shenzhen',
 * };
 * emu.store.addAccount('alice', profile);
 * ```
 */
export type ProfileTags = {
  /** Nickname, at most 500 bytes. */
  Tag_Profile_IM_Nick?: string;
  /** Gender. */
  Tag_Profile_IM_Gender?: 'Gender_Type_Unknown' | 'Gender_Type_Female' | 'Gender_Type_Male';
  /** Birthday as a uint32, for example `19900101`. */
  Tag_Profile_IM_BirthDay?: number;
  /** Location, at most 16 bytes. */
  Tag_Profile_IM_Location?: string;
  /** Signature line, at most 500 bytes. */
  Tag_Profile_IM_SelfSignature?: string;
  /** Who may add the account as a friend; see {@link AllowType}. */
  Tag_Profile_IM_AllowType?: AllowType;
  /** Language, a uint32. */
  Tag_Profile_IM_Language?: number;
  /** Avatar URL, at most 500 bytes. */
  Tag_Profile_IM_Image?: string;
  /** Message settings, a uint32. */
  Tag_Profile_IM_MsgSettings?: number;
  /** Whether the admin forbids the account from sending. */
  Tag_Profile_IM_AdminForbidType?: 'AdminForbid_Type_None' | 'AdminForbid_Type_SendOut';
  /** Level, a uint32. */
  Tag_Profile_IM_Level?: number;
  /** Role, a uint32. */
  Tag_Profile_IM_Role?: number;
  /** Custom profile fields: a string of at most 500 bytes or a non-negative integer. */
  [custom: `Tag_Profile_Custom_${string}`]: string | number;
};

/**
 * One entry of an owner's friend list: standard `Tag_SNS_IM_*` fields and custom
 * `Tag_SNS_Custom_<kw>` fields (`kw`: 1 to 8 letters). What `friend_get_list` answers for
 * `Tag_SNS_*` tags.
 *
 * @example
 * ```ts
 * const tags: FriendTags = {
 *   Tag_SNS_IM_Remark: 'bobby',
 *   Tag_SNS_IM_Group: ['work', 'climbing'],
 *   Tag_SNS_IM_AddSource: 'AddSource_Type_Search',
 *   Tag_SNS_Custom_Note: 'met at KubeCon',
 * };
 * emu.store.addFriend('alice', 'bob', tags);
 * ```
 */
export type FriendTags = {
  /** The owner's remark for the friend, at most 96 bytes. */
  Tag_SNS_IM_Remark?: string;
  /** The owner's groups the friend is in, at most 32. */
  Tag_SNS_IM_Group?: readonly string[];
  /**
   * Where the friend request came from: `AddSource_Type_` and letters.
   * @defaultValue 'AddSource_Type_Unknown'
   */
  Tag_SNS_IM_AddSource?: `AddSource_Type_${string}`;
  /** The wording of the friend request, at most 256 bytes. */
  Tag_SNS_IM_AddWording?: string;
  /**
   * When the friend was added, in Unix seconds.
   * @defaultValue the emulator's clock when the entry is added
   */
  Tag_SNS_IM_AddTime?: number;
  /** Custom friend fields: a string of at most 500 bytes or a non-negative integer. */
  [custom: `Tag_SNS_Custom_${string}`]: string | number;
};

/** A copy of friend tags with its own group list, so that neither side can change the other's. */
export function copyTags(tags: FriendTags): FriendTags {
  return { ...tags, ...(tags.Tag_SNS_IM_Group === undefined ? {} : { Tag_SNS_IM_Group: [...tags.Tag_SNS_IM_Group] }) };
}

/** `entry` with its groups set to `groups` (the tag left out when there are none), the rest kept. */
export function withGroups(entry: FriendTags, groups: readonly string[]): FriendTags {
  const { Tag_SNS_IM_Group: _replaced, ...rest } = entry;
  return groups.length === 0 ? rest : { ...rest, Tag_SNS_IM_Group: [...groups] };
}

/** A tag value as `SnsProfileItem` carries it (a string array for `Tag_SNS_IM_Group`). */
export type TagValue = string | number | readonly string[];

/** One `{ Tag, Value }` pair, as friend_get_list's `SnsProfileItem` and friend_get's `ValueItem` carry it. */
export interface TagItem {
  readonly Tag: string;
  readonly Value: TagValue;
}

const maxUint32 = 0xffff_ffff;

function bytesAtMost(max: number) {
  return v.pipe(
    v.string('must be a string'),
    v.check((text: string) => utf8Length(text) <= max, `must be at most ${max} bytes in UTF-8`),
  );
}

const uint32 = v.pipe(
  v.number('must be an integer from 0 to 4294967295'),
  v.integer('must be an integer from 0 to 4294967295'),
  v.minValue(0, 'must be an integer from 0 to 4294967295'),
  v.maxValue(maxUint32, 'must be an integer from 0 to 4294967295'),
);

function oneOf(values: readonly string[]) {
  return v.picklist(values, `must be one of ${values.join(', ')}`);
}

const customValueRule = 'must be a string of at most 500 bytes or a non-negative integer';
const customValue = v.union(
  [
    bytesAtMost(500),
    v.pipe(v.number(customValueRule), v.safeInteger(customValueRule), v.minValue(0, customValueRule)),
  ],
  customValueRule,
);

const profileSchemas: ReadonlyMap<string, v.GenericSchema> = new Map(Object.entries({
  Tag_Profile_IM_Nick: bytesAtMost(500),
  Tag_Profile_IM_Gender: oneOf(['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male']),
  Tag_Profile_IM_BirthDay: uint32,
  Tag_Profile_IM_Location: bytesAtMost(16),
  Tag_Profile_IM_SelfSignature: bytesAtMost(500),
  Tag_Profile_IM_AllowType: oneOf(['AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny'] satisfies AllowType[]),
  Tag_Profile_IM_Language: uint32,
  Tag_Profile_IM_Image: bytesAtMost(500),
  Tag_Profile_IM_MsgSettings: uint32,
  Tag_Profile_IM_AdminForbidType: oneOf(['AdminForbid_Type_None', 'AdminForbid_Type_SendOut']),
  Tag_Profile_IM_Level: uint32,
  Tag_Profile_IM_Role: uint32,
}));

const friendSchemas: ReadonlyMap<string, v.GenericSchema> = new Map(Object.entries({
  Tag_SNS_IM_Remark: bytesAtMost(96),
  Tag_SNS_IM_Group: v.pipe(
    v.array(v.pipe(bytesAtMost(30), v.nonEmpty('must not be empty')), 'must be an array of group names'),
    v.maxLength(32, 'must hold at most 32 groups'),
  ),
  // The keyword after the prefix: letters only, at most 8 bytes, as the service refuses longer ones.
  Tag_SNS_IM_AddSource: v.pipe(
    v.string('must be a string'),
    v.regex(/^AddSource_Type_[A-Za-z]{1,8}$/, 'must be AddSource_Type_ followed by 1 to 8 letters'),
  ),
  Tag_SNS_IM_AddWording: bytesAtMost(256),
  Tag_SNS_IM_AddTime: uint32,
}));

/** The tag family of one kind of tags: standard fields and the custom-name pattern. */
interface TagFamily {
  readonly subject: string;
  readonly standard: ReadonlyMap<string, v.GenericSchema>;
  readonly custom: RegExp;
  readonly expected: string;
}

const profileFamily: TagFamily = {
  subject: 'profile tags',
  standard: profileSchemas,
  custom: /^Tag_Profile_Custom_[A-Za-z]{1,8}$/,
  expected: 'a standard Tag_Profile_IM_* tag or Tag_Profile_Custom_ followed by 1 to 8 letters',
};

const friendFamily: TagFamily = {
  subject: 'friend tags',
  standard: friendSchemas,
  custom: /^Tag_SNS_Custom_[A-Za-z]{1,8}$/,
  expected: 'a standard Tag_SNS_IM_* tag or Tag_SNS_Custom_ followed by 1 to 8 letters',
};

// Keys decide the schema, so a loop reads better than a valibot record with a keyed union.
function tagIssues(family: TagFamily, tags: unknown, path: string): ValidationIssue[] {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return [{ path, reason: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(tags)) {
    const where = path === '' ? key : `${path}.${key}`;
    const schema = family.standard.get(key) ?? (family.custom.test(key) ? customValue : undefined);
    if (schema === undefined) {
      issues.push({ path: where, reason: `is not ${family.expected}` });
      continue;
    }
    const result = v.safeParse(schema, value);
    if (!result.success) {
      for (const issue of toValidationIssues(result.issues)) {
        // Only arrays (Tag_SNS_IM_Group) nest, so an inner path is an index like `[3]`.
        issues.push({ path: `${where}${issue.path}`, reason: issue.reason });
      }
    }
  }
  return issues;
}

/** Problems of a profile tag object, as validation issues under `path` (empty when it is valid). */
export function profileTagIssues(tags: unknown, path: string): ValidationIssue[] {
  return tagIssues(profileFamily, tags, path);
}

/** Problems of a friend tag object, as validation issues under `path` (empty when it is valid). */
export function friendTagIssues(tags: unknown, path: string): ValidationIssue[] {
  return tagIssues(friendFamily, tags, path);
}

/**
 * Whether `tag` names a field `friend_get_list` can answer: a profile tag (answered from the
 * friend's profile) or a friend tag (answered from the owner's friend entry).
 */
export function tagSource(tag: string): 'profile' | 'friend' | undefined {
  if (profileSchemas.has(tag) || profileFamily.custom.test(tag)) return 'profile';
  if (friendSchemas.has(tag) || friendFamily.custom.test(tag)) return 'friend';
  return undefined;
}

/**
 * Why `friend_get_list` cannot answer `tag` (see {@link tagSource}). A name that is neither
 * documented nor custom is refused earlier, by the declaration's schema (with a did-you-mean);
 * what reaches this is a custom name against the service's keyword rule.
 */
export const unanswerableTagReason =
  'is not a documented profile (Tag_Profile_IM_*) or friend (Tag_SNS_IM_*) tag, nor a custom one (Tag_Profile_Custom_ or Tag_SNS_Custom_ and 1 to 8 letters)';
