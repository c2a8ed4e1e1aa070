/** The emulator's in-memory data: accounts, profiles and one-way friend entries. */
import * as v from 'valibot';
import { TimValidationError, type ValidationIssue } from '../errors/tim-validation-error.js';
import { userIdSchema } from '../endpoints/user-id.js';
import { toValidationIssues } from '../util/validate.js';
import type { AccountRecord, GraphSink } from './account-record.js';
import { generatedEntry, generateGraph, type GenerateOptions } from './generate.js';
import { PendingRequests, type PendingFriendRequest } from './pending-requests.js';
import type { CheckType, Relation } from './relation.js';
import { copyTags, friendTagIssues, profileTagIssues, type AllowType, type FriendTags, type ProfileTags } from './tags.js';

/**
 * The accounts and friend lists an emulator answers from, and read helpers that tell a test what
 * the endpoints must answer. Friendship is one-way, as in IM: `addFriend(a, b)` puts `b` in
 * `a`'s list; call it both ways for a mutual friendship. Writes validate ids (non-empty, at most
 * 32 UTF-8 bytes) and tags (the documented field rules) and throw {@link timfetch!TimValidationError}.
 *
 * @example
 * ```ts
 * const { store } = createEmulator({ sdkAppId, secretKey });
 * store.addAccount('alice', { Tag_Profile_IM_Nick: 'Alice' });
 * store.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'bobby' }); // bob enters alice's list
 * store.relation('bob', 'alice', 'CheckResult_Type_Both'); // 'CheckResult_Type_BWithA'
 * ```
 */
export interface EmulatorStore {
  /**
   * Creates an account, or merges `profileTags` into an existing account's profile, so that
   * the endpoints find it (an unknown `From_Account` gets 30003).
   *
   * @throws {@link timfetch!TimValidationError} when `id` is not a UserID (empty, over 32 UTF-8
   *   bytes) or a tag breaks the documented field rules.
   *
   * @example
   * ```ts
   * store.addAccount('alice', { Tag_Profile_IM_Nick: 'Alice', Tag_Profile_Custom_City: 'Shenzhen' });
   * ```
   */
  addAccount(id: string, profileTags?: ProfileTags): void;
  /**
   * Puts `friend` in `owner`'s friend list (one-way), creating either account if missing. An
   * existing entry is replaced. `Tag_SNS_IM_AddSource` defaults to `AddSource_Type_Unknown` and
   * `Tag_SNS_IM_AddTime` to the emulator's clock in Unix seconds. Neither `friendListLimit` nor
   * the friend's {@link AllowType} applies: the store sets up what a test needs.
   *
   * @throws {@link timfetch!TimValidationError} when `owner` or `friend` is not a UserID, they
   *   are the same account, or a tag breaks the documented field rules.
   *
   * @example
   * ```ts
   * store.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'bobby', Tag_SNS_IM_Group: ['work'] });
   * store.addFriend('bob', 'alice'); // now mutual
   * ```
   */
  addFriend(owner: string, friend: string, friendTags?: FriendTags): void;
  /**
   * Whether the account exists.
   *
   * @example
   * ```ts
   * store.hasAccount('alice'); // true after addAccount('alice') or addFriend('alice', …)
   * ```
   */
  hasAccount(id: string): boolean;
  /**
   * Whether `friend` is in `owner`'s friend list.
   *
   * @example
   * ```ts
   * store.addFriend('alice', 'bob');
   * store.hasFriend('alice', 'bob'); // true
   * store.hasFriend('bob', 'alice'); // false
   * ```
   */
  hasFriend(owner: string, friend: string): boolean;
  /**
   * The ids in `owner`'s friend list, in the order they were added (empty for an unknown owner).
   *
   * @example
   * ```ts
   * const [first] = store.generate({ users: 100 });
   * const answer = await tim.friendGetList({ From_Account: first, To_Account: store.friends(first), TagList: ['Tag_SNS_IM_Remark'] });
   * ```
   */
  friends(owner: string): string[];
  /**
   * A copy of `owner`'s entry for `friend`, defaults included, or `undefined` when `friend` is
   * not in the list.
   *
   * @example
   * ```ts
   * store.friendTags('alice', 'bob')?.Tag_SNS_IM_Remark; // 'bobby'
   * ```
   */
  friendTags(owner: string, friend: string): FriendTags | undefined;
  /**
   * A copy of the account's profile tags, or `undefined` for an unknown account.
   *
   * @example
   * ```ts
   * store.profile('alice')?.Tag_Profile_IM_Nick; // 'Alice'
   * ```
   */
  profile(id: string): ProfileTags | undefined;
  /**
   * The `Relation` friend_check answers for `to` when `from` asks with `checkType`.
   *
   * @example
   * ```ts
   * store.addFriend('alice', 'bob');
   * store.relation('alice', 'bob', 'CheckResult_Type_Single'); // 'CheckResult_Type_AWithB'
   * store.relation('bob', 'alice', 'CheckResult_Type_Single'); // 'CheckResult_Type_NoRelation'
   * store.relation('bob', 'alice', 'CheckResult_Type_Both'); // 'CheckResult_Type_BWithA'
   * ```
   */
  relation(from: string, to: string, checkType: CheckType): Relation;
  /**
   * Adds a seeded, realistic graph: `users` accounts with profiles (nick, gender, level,
   * location, avatar, custom tier …) and friend lists with entries (remark, groups, add source,
   * add time, custom score), mostly inside communities, partly mutual. The same seed and options
   * give the same graph; 50,000 users take well under a second or two. For load tests and
   * realistic friend lists without writing them by hand.
   *
   * @returns the new ids, in order.
   * @throws {@link timfetch!TimValidationError} when an option is invalid or unknown, the
   *   `prefix` leaves no room for the digits in a 32-byte UserID, or a generated id already exists.
   *
   * @example
   * ```ts
   * const ids = store.generate({ users: 5000, seed: 7 });
   * const busiest = ids.reduce((a, b) => (store.friends(b).length > store.friends(a).length ? b : a));
   * ```
   */
  generate(options: GenerateOptions): string[];
  /**
   * Sets who may add `id` as a friend (its `Tag_Profile_IM_AllowType`), creating the account if
   * missing: what friend_add answers when another account adds it without `ForceAddFlags: 1`.
   * An account without the setting allows anyone (`AllowType_Type_AllowAny`); generated
   * accounts draw one. The same as `addAccount(id, { Tag_Profile_IM_AllowType: allowType })`.
   *
   * @throws {@link timfetch!TimValidationError} when `id` is not a UserID or `allowType` is not an {@link AllowType}.
   *
   * @example
   * ```ts
   * store.setAllowType('bob', 'AllowType_Type_NeedConfirm'); // friend_add of bob answers 30539 (pending)
   * store.setAllowType('carol', 'AllowType_Type_DenyAny'); // friend_add of carol answers 30516
   * ```
   */
  setAllowType(id: string, allowType: AllowType): void;
  /**
   * Copies of the friend requests waiting for approval (friend_add answered 30539), in the
   * order they were made; see {@link PendingFriendRequest}.
   *
   * @example
   * ```ts
   * store.setAllowType('bob', 'AllowType_Type_NeedConfirm');
   * await tim.friendAdd({ From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Search' }] });
   * store.pendingRequests().map((request) => `${request.from} → ${request.to}`); // ['alice → bob']
   * ```
   */
  pendingRequests(): PendingFriendRequest[];
}

const addSourceDefault = 'AddSource_Type_Unknown';

function idIssues(id: unknown, path: string): ValidationIssue[] {
  const result = v.safeParse(userIdSchema, id);
  return result.success ? [] : toValidationIssues(result.issues).map((issue) => ({ ...issue, path }));
}

function throwIfAny(subject: string, issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new TimValidationError(subject, issues);
}

/**
 * The store behind {@link createEmulator}: accounts in a `Map`, each with its friend list in a
 * `Map`. `entry` and `record` give the endpoints uncopied access; `link`, `unlink` and `pending`
 * are the writes of the emulated endpoints, which trust their validated requests.
 */
export class MemoryStore implements EmulatorStore, GraphSink {
  readonly #accounts = new Map<string, AccountRecord>();
  /** Friend requests waiting for approval. */
  readonly pending = new PendingRequests();
  readonly #now: () => number;
  readonly #seed: number;

  /**
   * @param options - the clock (default add times) and the default seed of `generate`.
   */
  constructor(options: { now: () => number; seed: number }) {
    this.#now = options.now;
    this.#seed = options.seed;
  }

  /** The account's record, uncopied. */
  record(id: string): AccountRecord | undefined {
    return this.#accounts.get(id);
  }

  /** `owner`'s entry for `friend`: uncopied, or freshly drawn for a generated one. */
  entry(owner: string, friend: string): FriendTags | undefined {
    const stored = this.#accounts.get(owner)?.friends.get(friend);
    return typeof stored === 'number' ? generatedEntry(stored) : stored;
  }

  insertAccount(id: string, profile: ProfileTags): AccountRecord {
    const record: AccountRecord = { profile, friends: new Map(), sequence: 0 };
    this.#accounts.set(id, record);
    return record;
  }

  #ensure(id: string): AccountRecord {
    return this.#accounts.get(id) ?? this.insertAccount(id, {});
  }

  addAccount(id: string, profileTags: ProfileTags = {}): void {
    throwIfAny('emulator account', [...idIssues(id, 'id'), ...profileTagIssues(profileTags, 'profileTags')]);
    Object.assign(this.#ensure(id).profile, profileTags);
  }

  addFriend(owner: string, friend: string, friendTags: FriendTags = {}): void {
    const issues = [...idIssues(owner, 'owner'), ...idIssues(friend, 'friend'), ...friendTagIssues(friendTags, 'friendTags')];
    if (issues.length === 0 && owner === friend) issues.push({ path: 'friend', reason: 'must differ from owner (an account cannot be its own friend)' });
    throwIfAny('emulator friend', issues);
    this.#ensure(friend);
    this.link(owner, friend, this.newEntry(friendTags));
  }

  /**
   * A friend entry made now: `tags` (copied) over the defaults, `AddSource_Type_Unknown` and the
   * emulator's clock in Unix seconds.
   */
  newEntry(tags: FriendTags): FriendTags {
    return { Tag_SNS_IM_AddSource: addSourceDefault, Tag_SNS_IM_AddTime: Math.floor(this.#now() / 1000), ...copyTags(tags) };
  }

  /**
   * Puts `friend` in `owner`'s list with `entry` (kept, not copied), replacing an existing entry
   * in its place, and advances `owner`'s sequence.
   */
  link(owner: string, friend: string, entry: FriendTags): void {
    const record = this.#ensure(owner);
    record.friends.set(friend, entry);
    record.sequence++;
  }

  /** Takes `friend` out of `owner`'s list and advances `owner`'s sequence; false when it was not there. */
  unlink(owner: string, friend: string): boolean {
    const record = this.#accounts.get(owner);
    if (record?.friends.delete(friend) !== true) return false;
    record.sequence++;
    return true;
  }

  /** How many friends `owner` has (0 for an unknown owner). */
  friendCount(owner: string): number {
    return this.#accounts.get(owner)?.friends.size ?? 0;
  }

  /** Who may add `id`: its `Tag_Profile_IM_AllowType`, or anyone when it has none. */
  allowType(id: string): AllowType {
    return this.#accounts.get(id)?.profile.Tag_Profile_IM_AllowType ?? 'AllowType_Type_AllowAny';
  }

  setAllowType(id: string, allowType: AllowType): void {
    const allowTypeIssues = profileTagIssues({ Tag_Profile_IM_AllowType: allowType }, '').map((issue) => ({ ...issue, path: 'allowType' }));
    throwIfAny('emulator allow type', [...idIssues(id, 'id'), ...allowTypeIssues]);
    this.#ensure(id).profile.Tag_Profile_IM_AllowType = allowType;
  }

  pendingRequests(): PendingFriendRequest[] {
    return this.pending.list();
  }

  hasAccount(id: string): boolean {
    return this.#accounts.has(id);
  }

  hasFriend(owner: string, friend: string): boolean {
    return this.#accounts.get(owner)?.friends.has(friend) ?? false;
  }

  friends(owner: string): string[] {
    return [...(this.#accounts.get(owner)?.friends.keys() ?? [])];
  }

  friendTags(owner: string, friend: string): FriendTags | undefined {
    const entry = this.entry(owner, friend);
    return entry === undefined ? undefined : copyTags(entry);
  }

  profile(id: string): ProfileTags | undefined {
    const record = this.#accounts.get(id);
    return record === undefined ? undefined : { ...record.profile };
  }

  relation(from: string, to: string, checkType: CheckType): Relation {
    const aWithB = this.hasFriend(from, to);
    if (checkType === 'CheckResult_Type_Single') return aWithB ? 'CheckResult_Type_AWithB' : 'CheckResult_Type_NoRelation';
    const bWithA = this.hasFriend(to, from);
    if (aWithB && bWithA) return 'CheckResult_Type_BothWay';
    if (aWithB) return 'CheckResult_Type_AWithB';
    return bWithA ? 'CheckResult_Type_BWithA' : 'CheckResult_Type_NoRelation';
  }

  generate(options: GenerateOptions): string[] {
    return generateGraph(this, options, this.#seed);
  }
}
