// Model-based: random sequences of relationship-chain writes over a few accounts, sent through a
// real client to the emulator, and a plain model (Maps and arrays) updated from what each write
// reports. After each sequence every read (friend_get walked, friend_get_list, friend_check,
// black_list_check, black_list_get walked over small pages, group_get) must agree with the model:
// a reported success did exactly what the service documents, a reported failure did nothing, and
// no reported success befriends a blocked pair.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blackListGet, createClient, friendGet, TimApiError, type SnsProfileItem, type TimClient, type WriteResultItem } from '../../src/index.js';
import { createEmulator } from '../../src/emulator/index.js';
import { testApp } from '../support/test-app.js';

const accounts = ['a', 'b', 'c', 'd'] as const;
// d confirms friend requests: an add that is not forced waits (30539) and changes nothing.
const confirming = 'd';
const groupNames = ['g1', 'g2', 'g3'] as const;

/** A friend entry as friend_get and friend_get_list read it back. */
interface Entry {
  remark: string | undefined;
  groups: string[];
}

/** What the writes must have made: friend lists (in the order added), block lists and groups (in the order made). */
class Model {
  readonly #friends = new Map<string, Map<string, Entry>>(accounts.map((account) => [account, new Map()]));
  readonly #blocks = new Map<string, string[]>(accounts.map((account) => [account, []]));
  readonly #groups = new Map<string, string[]>(accounts.map((account) => [account, []]));

  friends(owner: string): Map<string, Entry> {
    return this.#friends.get(owner) ?? new Map();
  }

  blocks(owner: string): string[] {
    return this.#blocks.get(owner) ?? [];
  }

  groups(owner: string): string[] {
    return this.#groups.get(owner) ?? [];
  }

  link(owner: string, friend: string, entry: Entry): void {
    this.friends(owner).set(friend, entry);
    this.addGroups(owner, entry.groups);
  }

  unlink(owner: string, friend: string): void {
    this.friends(owner).delete(friend);
  }

  addGroups(owner: string, names: readonly string[]): void {
    const groups = this.groups(owner);
    for (const name of names) if (!groups.includes(name)) groups.push(name);
  }

  deleteGroups(owner: string, names: readonly string[]): void {
    this.#groups.set(owner, this.groups(owner).filter((name) => !names.includes(name)));
    for (const entry of this.friends(owner).values()) entry.groups = entry.groups.filter((name) => !names.includes(name));
  }

  block(owner: string, other: string): void {
    this.blocks(owner).push(other);
    this.unlink(owner, other);
    this.unlink(other, owner);
  }

  unblock(owner: string, other: string): void {
    this.#blocks.set(owner, this.blocks(owner).filter((account) => account !== other));
  }

  /** What no sequence of reported successes may lead to: a friendship between accounts one of which blocks the other, or with oneself. */
  broken(): string[] {
    return accounts.flatMap((owner) => [
      ...[...this.friends(owner).keys()].filter((friend) => friend === owner || this.blocks(owner).includes(friend) || this.blocks(friend).includes(owner)).map((friend) => `${owner} → ${friend}`),
      ...this.blocks(owner).filter((other) => other === owner).map(() => `${owner} blocks itself`),
    ]);
  }
}

type Write =
  | { kind: 'friendAdd'; from: string; to: string[]; both: boolean; force: boolean; remark: string | undefined; group: string | undefined }
  | { kind: 'friendImport'; from: string; to: string[]; remark: string | undefined; groups: string[] }
  | { kind: 'friendUpdate'; from: string; to: string[]; remark: string | undefined; groups: string[] | undefined }
  | { kind: 'friendDelete'; from: string; to: string[]; both: boolean }
  | { kind: 'friendDeleteAll'; from: string; both: boolean }
  | { kind: 'blackListAdd' | 'blackListDelete'; from: string; to: string[] }
  | { kind: 'groupAdd'; from: string; names: string[]; to: string[] | undefined }
  | { kind: 'groupDelete'; from: string; names: string[] };

const account = fc.constantFrom(...accounts);
// From_Account itself may be among them: the service refuses it per account.
const targets = fc.uniqueArray(account, { minLength: 1, maxLength: 3 });
const remark = fc.option(fc.constantFrom('', 'r1', 'r2'), { nil: undefined });
const group = fc.constantFrom(...groupNames);
const someGroups = fc.uniqueArray(group, { minLength: 1, maxLength: 2 });

const writeArbitrary: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('friendAdd' as const), from: account, to: targets, both: fc.boolean(), force: fc.boolean(), remark, group: fc.option(group, { nil: undefined }) }),
  fc.record({ kind: fc.constant('friendImport' as const), from: account, to: targets, remark, groups: fc.uniqueArray(group, { maxLength: 2 }) }),
  fc
    .record({ kind: fc.constant('friendUpdate' as const), from: account, to: targets, remark, groups: fc.option(fc.uniqueArray(group, { maxLength: 2 }), { nil: undefined }) })
    .filter((write) => write.remark !== undefined || write.groups !== undefined),
  fc.record({ kind: fc.constant('friendDelete' as const), from: account, to: targets, both: fc.boolean() }),
  fc.record({ kind: fc.constant('friendDeleteAll' as const), from: account, both: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('blackListAdd' as const, 'blackListDelete' as const), from: account, to: targets }),
  fc.record({ kind: fc.constant('groupAdd' as const), from: account, names: someGroups, to: fc.option(targets, { nil: undefined }) }),
  fc.record({ kind: fc.constant('groupDelete' as const), from: account, names: someGroups }),
);

/** The accounts a batch write reports done. */
const done = (items: readonly WriteResultItem[]) => items.filter((item) => item.ResultCode === 0).map((item) => item.To_Account);

const remarkOf = (text: string | undefined) => (text === '' ? undefined : text);

/** Sends one write and applies to the model what its answer reports done. */
async function apply(tim: TimClient, model: Model, write: Write, sequences: Map<string, number>): Promise<void> {
  const { from } = write;
  switch (write.kind) {
    case 'friendAdd': {
      const { ResultItem } = await tim.friendAdd({
        From_Account: from,
        AddFriendItem: write.to.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Test', ...(write.remark === undefined ? {} : { Remark: write.remark }), ...(write.group === undefined ? {} : { GroupName: write.group }) })),
        AddType: write.both ? 'Add_Type_Both' : 'Add_Type_Single',
        ...(write.force ? { ForceAddFlags: 1 } : {}),
      });
      // A side already there is kept as it was.
      for (const to of done(ResultItem)) {
        if (!model.friends(from).has(to)) model.link(from, to, { remark: remarkOf(write.remark), groups: write.group === undefined ? [] : [write.group] });
        if (write.both && !model.friends(to).has(from)) model.link(to, from, { remark: undefined, groups: [] });
      }
      return;
    }
    case 'friendImport': {
      const { ResultItem } = await tim.friendImport({
        From_Account: from,
        AddFriendItem: write.to.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Import', ...(write.remark === undefined ? {} : { Remark: write.remark }), GroupName: write.groups })),
      });
      for (const to of done(ResultItem)) model.link(from, to, { remark: remarkOf(write.remark), groups: [...write.groups] });
      return;
    }
    case 'friendUpdate': {
      const fields = [
        ...(write.remark === undefined ? [] : [{ Tag: 'Tag_SNS_IM_Remark' as const, Value: write.remark }]),
        ...(write.groups === undefined ? [] : [{ Tag: 'Tag_SNS_IM_Group' as const, Value: write.groups }]),
      ];
      const { ResultItem } = await tim.friendUpdate({ From_Account: from, UpdateItem: write.to.map((To_Account) => ({ To_Account, SnsItem: fields })) });
      for (const to of done(ResultItem)) {
        const entry = model.friends(from).get(to);
        if (entry === undefined) throw new Error(`friend_update reported ${from} → ${to} done, but it is no friend`);
        if (write.remark !== undefined) entry.remark = remarkOf(write.remark);
        if (write.groups !== undefined) entry.groups = [...write.groups];
        model.addGroups(from, entry.groups);
      }
      return;
    }
    case 'friendDelete': {
      const { ResultItem } = await tim.friendDelete({ From_Account: from, To_Account: write.to, DeleteType: write.both ? 'Delete_Type_Both' : 'Delete_Type_Single' });
      for (const to of done(ResultItem)) {
        model.unlink(from, to);
        if (write.both) model.unlink(to, from);
      }
      return;
    }
    case 'friendDeleteAll': {
      await tim.friendDeleteAll({ From_Account: from, DeleteType: write.both ? 'Delete_Type_Both' : 'Delete_Type_Single' });
      for (const friend of [...model.friends(from).keys()]) {
        model.unlink(from, friend);
        if (write.both) model.unlink(friend, from);
      }
      return;
    }
    case 'blackListAdd':
    case 'blackListDelete': {
      const { ResultItem } = await (write.kind === 'blackListAdd' ? tim.blackListAdd : tim.blackListDelete)({ From_Account: from, To_Account: write.to });
      for (const to of done(ResultItem)) (write.kind === 'blackListAdd' ? model.block(from, to) : model.unblock(from, to));
      return;
    }
    case 'groupAdd': {
      let answer;
      try {
        answer = await tim.groupAdd({ From_Account: from, GroupName: write.names, ...(write.to === undefined ? {} : { To_Account: write.to }) });
      } catch (error) {
        // A group that exists already: the whole request is refused, nothing made.
        if (error instanceof TimApiError && error.code === 30001) return;
        throw error;
      }
      model.addGroups(from, write.names);
      for (const to of done(answer.ResultItem ?? [])) {
        const entry = model.friends(from).get(to);
        if (entry === undefined) throw new Error(`group_add reported ${to} put in a group of ${from}, but it is no friend`);
        entry.groups.push(...write.names.filter((name) => !entry.groups.includes(name)));
      }
      sequences.set(from, answer.CurrentSequence ?? 0);
      return;
    }
    case 'groupDelete': {
      const answer = await tim.groupDelete({ From_Account: from, GroupName: write.names });
      model.deleteGroups(from, write.names);
      sequences.set(from, answer.CurrentSequence ?? 0);
      return;
    }
  }
}

const valueOf = (items: readonly SnsProfileItem[] | undefined, tag: string) => items?.find((item) => item.Tag === tag)?.Value;

/** An entry as a read answers it: its remark and groups. */
const readEntry = (items: readonly SnsProfileItem[] | undefined): Entry => ({
  remark: valueOf(items, 'Tag_SNS_IM_Remark') as string | undefined,
  groups: (valueOf(items, 'Tag_SNS_IM_Group') as string[] | undefined) ?? [],
});

const friendRelation = (model: Model, from: string, to: string, both: boolean) => {
  const aWithB = model.friends(from).has(to);
  const bWithA = both && model.friends(to).has(from);
  return `CheckResult_Type_${aWithB && bWithA ? 'BothWay' : aWithB ? 'AWithB' : bWithA ? 'BWithA' : 'NoRelation'}`;
};

const blockRelation = (model: Model, from: string, to: string, both: boolean) => {
  const aWithB = model.blocks(from).includes(to);
  const bWithA = both && model.blocks(to).includes(from);
  return `BlackCheckResult_Type_${aWithB && bWithA ? 'BothWay' : aWithB ? 'AWithB' : bWithA ? 'BWithA' : 'NO'}`;
};

/** Every read of every account, against the model. */
async function check(tim: TimClient, model: Model, sequences: ReadonlyMap<string, number>): Promise<void> {
  for (const owner of accounts) {
    const others = accounts.filter((other) => other !== owner);
    const friends = model.friends(owner);

    const walked: [string, Entry][] = [];
    for await (const page of tim.paginate(friendGet, { From_Account: owner })) walked.push(...page.UserDataItem.map((item): [string, Entry] => [item.To_Account, readEntry(item.ValueItem)]));
    expect(walked, `friend_get of ${owner}`).toEqual([...friends]);

    const { InfoItem } = await tim.friendGetList({ From_Account: owner, To_Account: others, TagList: ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group'] });
    expect(InfoItem.map((item) => [item.To_Account, item.ResultCode, item.ResultCode === 0 ? readEntry(item.SnsProfileItem) : undefined]), `friend_get_list of ${owner}`).toEqual(
      others.map((other) => {
        const entry = friends.get(other);
        return [other, entry === undefined ? 30001 : 0, entry];
      }),
    );

    for (const both of [true, false]) {
      const checked = await tim.friendCheck({ From_Account: owner, To_Account: others, CheckType: both ? 'CheckResult_Type_Both' : 'CheckResult_Type_Single' });
      expect(checked.InfoItem.map((item) => item.Relation), `friend_check of ${owner}, both: ${both}`).toEqual(others.map((other) => friendRelation(model, owner, other, both)));
      const blocks = await tim.blackListCheck({ From_Account: owner, To_Account: others, CheckType: both ? 'BlackCheckResult_Type_Both' : 'BlackCheckResult_Type_Single' });
      expect(blocks.BlackListCheckItem.map((item) => item.Relation), `black_list_check of ${owner}, both: ${both}`).toEqual(others.map((other) => blockRelation(model, owner, other, both)));
    }

    const blocked: string[] = [];
    for await (const page of tim.paginate(blackListGet, { From_Account: owner, MaxLimited: 1 })) blocked.push(...page.BlackListItem.map((item) => item.To_Account));
    expect(blocked, `black_list_get of ${owner}`).toEqual(model.blocks(owner));

    const groups = await tim.groupGet({ From_Account: owner, NeedFriend: 'Need_Friend_Type_Yes' });
    expect(groups.ResultItem, `group_get of ${owner}`).toEqual(
      model.groups(owner).map((GroupName) => {
        const members = [...friends].filter(([, entry]) => entry.groups.includes(GroupName)).map(([friend]) => friend);
        return { GroupName, FriendNumber: members.length, To_Account: members };
      }),
    );
    expect(groups.CurrentSequence ?? 0, `group sequence of ${owner}`).toBeGreaterThanOrEqual(sequences.get(owner) ?? 0);
  }
}

describe('the relationship chain against a model', () => {
  it('reads back exactly what the reported writes did', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(writeArbitrary, { minLength: 1, maxLength: 20 }), async (writes) => {
        const emu = createEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, rateLimit: false, friendGetPageSize: 2 });
        for (const id of accounts) emu.store.addAccount(id);
        emu.store.setAllowType(confirming, 'AllowType_Type_NeedConfirm');
        const tim = createClient({ ...testApp, fetch: emu.fetch, retry: false, rateLimit: false });
        const model = new Model();
        const sequences = new Map<string, number>();
        for (const write of writes) {
          await apply(tim, model, write, sequences);
          expect(model.broken(), `after ${JSON.stringify(write)}`).toEqual([]);
        }
        await check(tim, model, sequences);
      }),
      { seed: 20_240_601, numRuns: 150 },
    );
  }, 20_000);
});
