import * as v from 'valibot';
import { objectMessage } from '../../util/validate.js';
import { declareBuiltIn, type EndpointRequest } from '../define-endpoint.js';
import { integerSchema } from '../envelope.js';
import { textOfAtMost, userIdSchema } from '../user-id.js';
import { customFriendFieldSchema, groupNameSchema, maxFriendGroups } from './friend-fields.js';
import { friendshipReconciliation, writeAnswerSchema } from './write-result.js';

/**
 * One relation to import with {@link friendImport} (an `AddFriendItem` entry), sent as given:
 * `To_Account` enters `From_Account`'s list, one way, with its remark, groups, times and custom
 * friend fields.
 *
 * @example
 * ```ts
 * const entry: ImportFriendEntry = {
 *   To_Account: 'bob',
 *   AddSource: 'AddSource_Type_Import',
 *   Remark: 'Bob',
 *   GroupName: ['Work'],
 *   AddTime: 1_700_000_000,
 *   CustomItem: [{ Tag: 'Tag_SNS_Custom_Level', Value: 3 }],
 * };
 * await tim.friendImport({ From_Account: 'alice', AddFriendItem: [entry] });
 * ```
 */
export interface ImportFriendEntry {
  /** The account that enters `From_Account`'s list. */
  To_Account: string;
  /** Where the relation came from: `AddSource_Type_` and a keyword of 1 to 8 letters. */
  AddSource: string;
  /** The remark: at most 96 bytes in UTF-8. */
  Remark?: string | undefined;
  /** When the remark was set, in Unix seconds. */
  RemarkTime?: number | undefined;
  /** The friend groups: at most 32, each 1 to 30 bytes in UTF-8. */
  GroupName?: string[] | undefined;
  /** The message the request carried: at most 256 bytes in UTF-8. */
  AddWording?: string | undefined;
  /** When the friendship began, in Unix seconds. */
  AddTime?: number | undefined;
  /** Custom friend fields (`Tag_SNS_Custom_` and 1 to 8 letters) with their values: a string of at most 500 bytes or a non-negative integer. */
  CustomItem?: { Tag: `Tag_SNS_Custom_${string}`; Value: string | number }[] | undefined;
  /** Fields the service may take later, sent as given. */
  [field: string]: unknown;
}

const seconds = v.pipe(integerSchema, v.minValue(0, 'must not be negative'));

const importItemSchema = v.looseObject(
  {
    To_Account: userIdSchema,
    AddSource: v.pipe(v.string('must be a string'), v.regex(/^AddSource_Type_[A-Za-z]{1,8}$/, 'must be AddSource_Type_ and a keyword of 1 to 8 letters')),
    Remark: v.optional(textOfAtMost(96)),
    RemarkTime: v.optional(seconds),
    GroupName: v.optional(v.pipe(v.array(groupNameSchema, 'must be an array of group names'), v.maxLength(maxFriendGroups, `must hold at most ${maxFriendGroups} names`))),
    AddWording: v.optional(textOfAtMost(256)),
    AddTime: v.optional(seconds),
    CustomItem: v.optional(v.array(customFriendFieldSchema, 'must be an array of { Tag, Value }')),
  },
  objectMessage,
) as v.GenericSchema<ImportFriendEntry, ImportFriendEntry>;

/**
 * The declaration of `v4/sns/friend_import`, which writes relations as they are (one way: each
 * `To_Account` enters `From_Account`'s list) with their remark, groups, times and custom fields,
 * up to 1,000 per request, without asking anyone and without a callback: for migrating a
 * relationship chain. What `tim.friendImport` calls. After an unknown outcome the SDK reads the
 * relations with `friendCheck`: an account in the list is reported imported (its `ResultInfo`
 * says it was confirmed by reconciling; friend_check cannot tell an entry the import wrote from
 * one already there, whose fields stay as they were), the others are sent again.
 *
 * @example
 * ```ts
 * const { ResultItem } = await tim.request(friendImport, {
 *   From_Account: 'alice',
 *   AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Import', AddTime: 1_700_000_000 }],
 * });
 * ```
 */
export const friendImport = declareBuiltIn({
  name: 'friendImport',
  path: 'v4/sns/friend_import',
  summary: "Imports relations one way into From_Account's list, with their remark, groups, times and custom fields",
  effect: 'write',
  request: v.looseObject(
    {
      From_Account: userIdSchema,
      AddFriendItem: v.pipe(v.array(importItemSchema, 'must be an array of { To_Account, AddSource … }'), v.nonEmpty('must not be empty')),
    },
    objectMessage,
  ),
  response: writeAnswerSchema,
  batch: { list: 'AddFriendItem', account: 'To_Account', max: 1000, results: 'ResultItem' },
  // Imported: B is in A's list (whether B also lists A is not the import's business).
  reconcile: friendshipReconciliation((relation) => relation === 'CheckResult_Type_AWithB' || relation === 'CheckResult_Type_BothWay'),
});

/**
 * Request body of {@link friendImport}: `From_Account` and the relations to import as
 * `AddFriendItem` entries ({@link ImportFriendEntry}).
 *
 * @example
 * ```ts
 * const body: FriendImportRequest = { From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Import' }] };
 * const { ResultItem } = await tim.friendImport(body);
 * ```
 *
 * @useDeclaredType
 */
export type FriendImportRequest = EndpointRequest<typeof friendImport>;

/**
 * Answer of {@link friendImport}: one `ResultItem` per account ({@link WriteResultItem}),
 * `Fail_Account` listing those not imported (30001: already in the list; 30010: the list is full).
 *
 * @example
 * ```ts
 * const answer: FriendImportResponse = await tim.friendImport({ From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Import' }] });
 * console.log(`${answer.ResultItem.length - (answer.Fail_Account?.length ?? 0)} imported`);
 * ```
 *
 * @useDeclaredType
 */
export type FriendImportResponse = v.InferOutput<typeof friendImport.response>;
