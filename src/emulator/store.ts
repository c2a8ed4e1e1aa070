/** The emulator's in-memory data: accounts, profiles, one-way friend entries, block lists and friend groups. */
import * as v from 'valibot';
import { TimValidationError, type ValidationIssue } from '../errors/tim-validation-error.js';
import { userIdSchema } from '../endpoints/user-id.js';
import { toValidationIssues } from '../util/validate.js';
import type { AccountRecord, GraphSink } from './account-record.js';
import { generatedEntry, generateGraph, type GenerateOptions } from './generate.js';
import { PendingRequests, type PendingFriendRequest } from './pending-requests.js';
import type { BlockCheckType, BlockRelation, CheckType, Relation } from './relation.js';
import { copyTags, friendTagIssues, profileTagIssues, withGroups, type AllowType, type FriendTags, type ProfileTags } from './tags.js';

/**
 * The accounts, friend lists, block lists and friend groups an emulator answers from (every
 * endpoint reads and writes the same ones), and read helpers that tell a test what the
 * endpoints must answer. Friendship is one-way, as in IM: `addFriend(a, b)` puts `b` in
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
  /**
   * Puts `blocked` in `owner`'s block list, as black_list_add does: any friendship between them
   * ends both ways (and any friend request between them is forgotten). Creates either account
   * if missing; `blockListLimit` does not apply. Blocking again keeps the first block's time.
   *
   * @throws {@link timfetch!TimValidationError} when `owner` or `blocked` is not a UserID, or
   *   they are the same account.
   *
   * @example
   * ```ts
   * store.addFriend('alice', 'mallory');
   * store.block('alice', 'mallory');
   * store.hasFriend('alice', 'mallory'); // false
   * store.blockList('alice'); // ['mallory']
   * ```
   */
  block(owner: string, blocked: string): void;
  /**
   * The ids in `owner`'s block list, in the order they were blocked (empty for an unknown owner).
   *
   * @example
   * ```ts
   * store.block('alice', 'mallory');
   * store.blockList('alice'); // ['mallory']
   * ```
   */
  blockList(owner: string): string[];
  /**
   * The `Relation` black_list_check answers for `to` when `from` asks with `checkType`.
   *
   * @example
   * ```ts
   * store.block('alice', 'mallory');
   * store.blockRelation('alice', 'mallory', 'BlackCheckResult_Type_Single'); // 'BlackCheckResult_Type_AWithB'
   * store.blockRelation('mallory', 'alice', 'BlackCheckResult_Type_Single'); // 'BlackCheckResult_Type_NO'
   * store.blockRelation('mallory', 'alice', 'BlackCheckResult_Type_Both'); // 'BlackCheckResult_Type_BWithA'
   * ```
   */
  blockRelation(from: string, to: string, checkType: BlockCheckType): BlockRelation;
  /**
   * `owner`'s friend groups, in the order they were created: what group_get lists. A group
   * stays when its last friend leaves it; group_delete removes it. Which friends a group holds
   * is in their entries (`friendTags(owner, friend)?.Tag_SNS_IM_Group`).
   *
   * @example
   * ```ts
   * store.addFriend('alice', 'bob', { Tag_SNS_IM_Group: ['work', 'climbing'] });
   * store.groupNames('alice'); // ['work', 'climbing']
   * ```
   */
  groupNames(owner: string): string[];
  /**
   * When `owner` set the remark of `friend`, in Unix seconds: friend_import's `RemarkTime`, or
   * the emulator's clock when friend_update set the remark; `undefined` when neither did (the
   * service has no tag that reads it back).
   *
   * @example
   * ```ts
   * await tim.friendImport({ From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Import', Remark: 'Bob', RemarkTime: 1_600_000_000 }] });
   * store.remarkTime('alice', 'bob'); // 1600000000
   * ```
   */
  remarkTime(owner: string, friend: string): number | undefined;
}

const addSourceDefault = 'AddSource_Type_Unknown';

function idIssues(id: unknown, path: string): ValidationIssue[] {
  const result = v.safeParse(userIdSchema, id);
  return result.success ? [] : toValidationIssues(result.issues).map((issue) => ({ ...issue, path }));
}

/** Issues of `owner` and `other` (at `otherPath`) as UserIDs, and of their being one account (`why` not). */
function pairIssues(owner: string, other: string, otherPath: string, why: string): ValidationIssue[] {
  const issues = [...idIssues(owner, 'owner'), ...idIssues(other, otherPath)];
  if (issues.length === 0 && owner === other) issues.push({ path: otherPath, reason: `must differ from owner (${why})` });
  return issues;
}

function throwIfAny(subject: string, issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new TimValidationError(subject, issues);
}

/** The groups an entry names (none when it has no `Tag_SNS_IM_Group`). */
const groupsOf = (entry: FriendTags): readonly string[] => entry.Tag_SNS_IM_Group ?? [];

const sameGroups = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((name, index) => b[index] === name);

/**
 * The store behind {@link createEmulator}: accounts in a `Map`, each with its friend list in a
 * `Map`. `entry` and `record` give the endpoints uncopied access; `link`, `unlink`, the block,
 * group and remark-time writes and `pending` are the writes of the emulated endpoints, which
 * trust their validated requests. Every write advances the sequences of what it changed.
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

  /** The emulator's clock in Unix seconds. */
  seconds(): number {
    return Math.floor(this.#now() / 1000);
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
    const record: AccountRecord = { profile, friends: new Map(), sequence: 0, blockSequence: 0, groupSequence: 0 };
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
    throwIfAny('emulator friend', [...pairIssues(owner, friend, 'friend', 'an account cannot be its own friend'), ...friendTagIssues(friendTags, 'friendTags')]);
    this.#ensure(friend);
    this.link(owner, friend, this.newEntry(friendTags));
  }

  /**
   * A friend entry made now: `tags` (copied) over the defaults, `AddSource_Type_Unknown` and the
   * emulator's clock in Unix seconds.
   */
  newEntry(tags: FriendTags): FriendTags {
    return { Tag_SNS_IM_AddSource: addSourceDefault, Tag_SNS_IM_AddTime: this.seconds(), ...copyTags(tags) };
  }

  /**
   * Puts `friend` in `owner`'s list with `entry` (kept, not copied), replacing an existing entry
   * in its place, and advances `owner`'s sequence; a group the entry names that `owner` does not
   * have is created. The group sequence advances when the friend's groups change.
   */
  link(owner: string, friend: string, entry: FriendTags): void {
    const record = this.#ensure(owner);
    const before = groupsOf(this.entry(owner, friend) ?? {});
    const after = groupsOf(entry);
    if (after.length > 0) {
      const groups = this.#groups(record);
      for (const name of after) groups.add(name);
    }
    record.friends.set(friend, entry);
    record.sequence++;
    if (!sameGroups(before, after)) record.groupSequence++;
  }

  /**
   * Takes `friend` out of `owner`'s list (and out of its groups, which stay) and advances
   * `owner`'s sequences; false when it was not there.
   */
  unlink(owner: string, friend: string): boolean {
    const record = this.#accounts.get(owner);
    const entry = this.entry(owner, friend);
    if (record === undefined || entry === undefined) return false;
    record.friends.delete(friend);
    record.remarkTimes?.delete(friend);
    record.sequence++;
    if (groupsOf(entry).length > 0) record.groupSequence++;
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

  block(owner: string, blocked: string): void {
    throwIfAny('emulator block', pairIssues(owner, blocked, 'blocked', 'an account cannot block itself'));
    this.#ensure(blocked);
    if (!this.isBlocked(owner, blocked)) this.addBlock(owner, blocked);
  }

  /**
   * Puts `other` in `owner`'s block list now and advances its block sequence; ends any
   * friendship between them both ways and forgets any friend request between them.
   */
  addBlock(owner: string, other: string): void {
    const record = this.#ensure(owner);
    (record.blocked ??= new Map()).set(other, this.seconds());
    record.blockSequence++;
    for (const [a, b] of [[owner, other], [other, owner]] as const) {
      this.unlink(a, b);
      this.pending.delete(a, b);
    }
  }

  /** Takes `other` out of `owner`'s block list and advances its block sequence; false when it was not there. */
  removeBlock(owner: string, other: string): boolean {
    const record = this.#accounts.get(owner);
    if (record?.blocked?.delete(other) !== true) return false;
    record.blockSequence++;
    return true;
  }

  /** Whether `other` is in `owner`'s block list. */
  isBlocked(owner: string, other: string): boolean {
    return this.#accounts.get(owner)?.blocked?.has(other) ?? false;
  }

  /** How many accounts `owner` blocks. */
  blockCount(owner: string): number {
    return this.#accounts.get(owner)?.blocked?.size ?? 0;
  }

  /** `owner`'s block list with the time of each block, in the order blocked. */
  blockEntries(owner: string): [string, number][] {
    return [...(this.#accounts.get(owner)?.blocked ?? [])];
  }

  blockList(owner: string): string[] {
    return this.blockEntries(owner).map(([id]) => id);
  }

  blockRelation(from: string, to: string, checkType: BlockCheckType): BlockRelation {
    const aWithB = this.isBlocked(from, to);
    if (checkType === 'BlackCheckResult_Type_Single') return aWithB ? 'BlackCheckResult_Type_AWithB' : 'BlackCheckResult_Type_NO';
    const bWithA = this.isBlocked(to, from);
    if (aWithB && bWithA) return 'BlackCheckResult_Type_BothWay';
    if (aWithB) return 'BlackCheckResult_Type_AWithB';
    return bWithA ? 'BlackCheckResult_Type_BWithA' : 'BlackCheckResult_Type_NO';
  }

  /**
   * `record`'s groups, made on first need from the groups its entries name: generated entries
   * name groups that no write created.
   */
  #groups(record: AccountRecord): Set<string> {
    if (record.groups !== undefined) return record.groups;
    const groups = new Set<string>();
    for (const stored of record.friends.values()) {
      for (const name of groupsOf(typeof stored === 'number' ? generatedEntry(stored) : stored)) groups.add(name);
    }
    record.groups = groups;
    return groups;
  }

  groupNames(owner: string): string[] {
    const record = this.#accounts.get(owner);
    return record === undefined ? [] : [...this.#groups(record)];
  }

  /** Creates groups `owner` does not have yet, in order, and advances its group sequence. */
  createGroups(owner: string, names: readonly string[]): void {
    const record = this.#ensure(owner);
    const groups = this.#groups(record);
    for (const name of names) groups.add(name);
    record.groupSequence++;
  }

  /**
   * Deletes `owner`'s groups named in `names` (those it has) and takes every friend out of them;
   * the friends stay. Advances the group sequence when a group was deleted.
   */
  deleteGroups(owner: string, names: readonly string[]): void {
    const record = this.#accounts.get(owner);
    if (record === undefined) return;
    const groups = this.#groups(record);
    const gone = new Set(names.filter((name) => groups.delete(name)));
    if (gone.size === 0) return;
    record.groupSequence++;
    for (const friend of record.friends.keys()) {
      const entry = this.entry(owner, friend) ?? {};
      const kept = groupsOf(entry).filter((name) => !gone.has(name));
      if (kept.length !== groupsOf(entry).length) this.link(owner, friend, withGroups(entry, kept));
    }
  }

  /** Records when `owner` set the remark of `friend` (Unix seconds). */
  setRemarkTime(owner: string, friend: string, seconds: number): void {
    (this.#ensure(owner).remarkTimes ??= new Map()).set(friend, seconds);
  }

  remarkTime(owner: string, friend: string): number | undefined {
    return this.#accounts.get(owner)?.remarkTimes?.get(friend);
  }
}
