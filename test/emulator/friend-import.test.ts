// friend_import on the wire and through the real client: one-way relations with every kept field
// (read back by friend_get, friend_get_list and friend_check), every per-account code (30001,
// 30003, 30010, 30011, 30515), custom-field checks, and write faults (applied before a lost answer).
import { beforeEach, describe, expect, it } from 'vitest';
import { friendGet, type ImportFriendEntry } from '../../src/index.js';
import type { Emulator, EmulatorOptions, EmulatorRequestEntry } from '../../src/emulator/index.js';
import { codes, logged, lostAnswers, post } from './helpers.js';

const path = 'v4/sns/friend_import';
const now = 1_700_000_123_456;

let emu: Emulator;
let tim: ReturnType<typeof logged>['tim'];
let log: EmulatorRequestEntry[];

function fresh(options: Partial<EmulatorOptions> = {}) {
  ({ emu, tim, log } = logged({ now: () => now, ...options }));
  for (const account of ['alice', 'bob', 'carol', 'dave']) emu.store.addAccount(account);
}

beforeEach(() => {
  fresh();
});

const entry = (To_Account: string, fields: Partial<ImportFriendEntry> = {}): ImportFriendEntry => ({ To_Account, AddSource: 'AddSource_Type_Import', ...fields });

async function importFor(entries: ImportFriendEntry[], from = 'alice') {
  const { json } = await post(emu.fetch, path, { From_Account: from, AddFriendItem: entries });
  return json;
}

const full: ImportFriendEntry = entry('bob', {
  Remark: 'Bobby',
  RemarkTime: 1_600_000_001,
  GroupName: ['work', 'climbing'],
  AddWording: 'met at the meetup',
  AddTime: 1_600_000_000,
  CustomItem: [
    { Tag: 'Tag_SNS_Custom_Level', Value: 3 },
    { Tag: 'Tag_SNS_Custom_Note', Value: 'old friend' },
  ],
});

describe('friend_import applies', () => {
  it('imports one way, answers in the wire shape, and friend_check sees it', async () => {
    const json = await importFor([entry('bob')]);
    expect(json).toEqual({ ResultItem: [{ To_Account: 'bob', ResultCode: 0, ResultInfo: '' }], ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    const { InfoItem } = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' });
    expect(InfoItem[0]?.Relation).toBe('CheckResult_Type_AWithB');
    expect(emu.store.hasFriend('bob', 'alice')).toBe(false);
    expect(log[0]).toMatchObject({ path, from: 'alice', accounts: ['bob'], outcome: 'ok', failed: [], applied: ['bob'] });
  });

  it('keeps every field, read back by friend_get and friend_get_list', async () => {
    await tim.friendImport({ From_Account: 'alice', AddFriendItem: [full] });
    const pages = [];
    for await (const page of tim.paginate(friendGet, { From_Account: 'alice' })) pages.push(...page.UserDataItem);
    expect(pages).toEqual([
      {
        To_Account: 'bob',
        ValueItem: [
          { Tag: 'Tag_SNS_IM_AddSource', Value: 'AddSource_Type_Import' },
          { Tag: 'Tag_SNS_IM_Remark', Value: 'Bobby' },
          { Tag: 'Tag_SNS_IM_Group', Value: ['work', 'climbing'] },
          { Tag: 'Tag_SNS_IM_AddWording', Value: 'met at the meetup' },
          { Tag: 'Tag_SNS_IM_AddTime', Value: 1_600_000_000 },
          { Tag: 'Tag_SNS_Custom_Level', Value: 3 },
          { Tag: 'Tag_SNS_Custom_Note', Value: 'old friend' },
        ],
      },
    ]);
    const TagList = ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_SNS_IM_AddTime', 'Tag_SNS_IM_AddSource', 'Tag_SNS_IM_AddWording', 'Tag_SNS_Custom_Level'];
    const { InfoItem } = await tim.friendGetList({ From_Account: 'alice', To_Account: ['bob'], TagList });
    expect(InfoItem[0]?.SnsProfileItem).toEqual([
      { Tag: 'Tag_SNS_IM_Remark', Value: 'Bobby' },
      { Tag: 'Tag_SNS_IM_Group', Value: ['work', 'climbing'] },
      { Tag: 'Tag_SNS_IM_AddTime', Value: 1_600_000_000 },
      { Tag: 'Tag_SNS_IM_AddSource', Value: 'AddSource_Type_Import' },
      { Tag: 'Tag_SNS_IM_AddWording', Value: 'met at the meetup' },
      { Tag: 'Tag_SNS_Custom_Level', Value: 3 },
    ]);
    expect(emu.store.remarkTime('alice', 'bob')).toBe(1_600_000_001);
    expect(emu.store.groupNames('alice')).toEqual(['work', 'climbing']);
  });

  it('defaults AddTime to the emulator clock, sets no remark or wording for empty ones, and a repeated group once', async () => {
    await importFor([entry('bob', { Remark: '', AddWording: '', GroupName: ['work', 'work'] })]);
    expect(emu.store.friendTags('alice', 'bob')).toEqual({ Tag_SNS_IM_AddSource: 'AddSource_Type_Import', Tag_SNS_IM_AddTime: Math.floor(now / 1000), Tag_SNS_IM_Group: ['work'] });
    expect(emu.store.remarkTime('alice', 'bob')).toBeUndefined();
  });

  it('imports without asking: the other side\'s allow type does not matter, and a pending request is answered', async () => {
    emu.store.setAllowType('bob', 'AllowType_Type_NeedConfirm');
    emu.store.setAllowType('carol', 'AllowType_Type_DenyAny');
    await post(emu.fetch, 'v4/sns/friend_add', { From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Search' }] });
    expect(emu.store.pendingRequests()).toHaveLength(1);
    expect(codes(await importFor([entry('bob'), entry('carol')]))).toEqual([['bob', 0], ['carol', 0]]);
    expect(emu.store.pendingRequests()).toEqual([]);
  });

  it('completes a relation the other side holds: both ways afterwards', async () => {
    emu.store.addFriend('bob', 'alice');
    expect(codes(await importFor([entry('bob')]))).toEqual([['bob', 0]]);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_BothWay');
  });
});

describe('friend_import refuses', () => {
  it('30001 for an account already in the list, changing nothing (an import never overwrites)', async () => {
    emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'kept' });
    const json = await importFor([entry('bob', { Remark: 'ignored' })]);
    expect(json.ResultItem).toEqual([{ To_Account: 'bob', ResultCode: 30001, ResultInfo: 'Err_SNS_FriendImport_Friend_Exist' }]);
    expect(json.Fail_Account).toEqual(['bob']);
    expect(emu.store.friendTags('alice', 'bob')?.Tag_SNS_IM_Remark).toBe('kept');
    expect(log[0]?.applied).toEqual([]);
  });

  it('answers each entry in list order: 30001 for itself and a repeat, 30003 for an unknown account', async () => {
    const json = await importFor([entry('bob'), entry('alice'), entry('zed'), entry('bob'), entry('carol')]);
    expect(codes(json)).toEqual([['bob', 0], ['alice', 30001], ['zed', 30003], ['bob', 30001], ['carol', 0]]);
    expect(json.Fail_Account).toEqual(['alice', 'zed', 'bob']);
    expect(log[0]?.applied).toEqual(['bob', 'carol']);
    expect(emu.store.hasAccount('zed')).toBe(false);
  });

  it('30515 when either side blocks the other', async () => {
    emu.store.block('bob', 'alice');
    emu.store.block('alice', 'carol');
    expect(codes(await importFor([entry('bob'), entry('carol'), entry('dave')]))).toEqual([['bob', 30515], ['carol', 30515], ['dave', 0]]);
    expect(emu.store.friends('alice')).toEqual(['dave']);
  });

  it('30010 when alice\'s list is full (friendListLimit)', async () => {
    fresh({ friendListLimit: 2 });
    emu.store.addFriend('alice', 'carol');
    expect(codes(await importFor([entry('dave'), entry('bob')]))).toEqual([['dave', 0], ['bob', 30010]]);
    expect(emu.store.friends('alice')).toEqual(['carol', 'dave']);
  });

  it('30011 when the groups would make alice\'s 33rd, creating none of them', async () => {
    const groups = Array.from({ length: 31 }, (_, i) => `g${i}`);
    emu.store.addFriend('alice', 'dave', { Tag_SNS_IM_Group: groups });
    expect(codes(await importFor([entry('bob', { GroupName: ['x', 'y'] }), entry('carol', { GroupName: ['g0', 'x'] })]))).toEqual([['bob', 30011], ['carol', 0]]);
    expect(emu.store.hasFriend('alice', 'bob')).toBe(false);
    expect(emu.store.groupNames('alice')).toEqual([...groups, 'x']);
  });

  it.each([
    ['a custom name the service does not take', { Tag: 'Tag_SNS_Custom_Level2', Value: 1 }, 'AddFriendItem[1].CustomItem[0].Tag: must be Tag_SNS_Custom_ and a name of 1 to 8 letters'],
    ['a list value', { Tag: 'Tag_SNS_Custom_Tags', Value: ['a'] }, 'AddFriendItem[1].CustomItem[0].Value: must be a string (at most 500 bytes) or a non-negative integer'],
    ['a negative value', { Tag: 'Tag_SNS_Custom_Score', Value: -1 }, 'AddFriendItem[1].CustomItem[0].Value: must not be negative'],
  ])('answers 30001 for %s and imports nothing', async (_, item, reason) => {
    const json = await importFor([entry('carol'), entry('bob', { CustomItem: [item as { Tag: `Tag_SNS_Custom_${string}`; Value: number }] })]);
    expect(json).toEqual({ ActionStatus: 'FAIL', ErrorCode: 30001, ErrorInfo: `invalid request: ${reason}`, ErrorDisplay: '' });
    expect(emu.store.friends('alice')).toEqual([]);
  });

  it('answers 30001 for more than 1000 entries and a bad AddSource, 30003 for an unknown From_Account', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => entry(`u${i}`));
    expect(await importFor(many)).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: AddFriendItem: must hold at most 1000 accounts per request (got 1001)' });
    expect(await importFor([entry('bob', { AddSource: 'Import' })])).toMatchObject({ ErrorCode: 30001 });
    expect(await importFor([entry('bob')], 'zed')).toMatchObject({ ErrorCode: 30003, ErrorInfo: 'From_Account does not exist: zed' });
    expect(log.map((line) => line.applied)).toEqual([[], [], []]);
  });
});

describe('friend_import under faults', () => {
  it.each(lostAnswers)('%s loses the answer after the import was applied', async (kind, faults) => {
    fresh({ faults });
    await importFor([entry('bob'), entry('carol')]).catch(() => undefined);
    expect(emu.store.friends('alice')).toEqual(['bob', 'carol']);
    expect(log).toEqual([expect.objectContaining({ outcome: kind, failed: ['bob', 'carol'], applied: ['bob', 'carol'] })]);
  });

  it('requestError fails the request before anything is imported', async () => {
    fresh({ faults: { requestError: 1 } });
    expect([30006, 30007]).toContain((await importFor([entry('bob')])).ErrorCode);
    expect(emu.store.friends('alice')).toEqual([]);
    expect(log[0]).toMatchObject({ outcome: 'requestError', applied: [] });
  });

  it('itemError fails an account without importing it', async () => {
    fresh({ faults: { itemError: 1 } });
    const json = await importFor([entry('bob')]);
    expect([30006, 30007]).toContain(codes(json)[0]?.[1]);
    expect(emu.store.friends('alice')).toEqual([]);
    expect(log[0]).toMatchObject({ outcome: 'itemError', failed: ['bob'], applied: [] });
  });

  it('reconciles a lost answer through the real client: friend_check shows it imported, nothing is sent twice', async () => {
    ({ emu, tim, log } = logged({ faults: { drop: 0.5 }, seed: 9 }, { retry: { retries: 5, minDelay: 1, maxDelay: 2 } }));
    for (const account of ['alice', 'bob', 'carol']) emu.store.addAccount(account);
    const answer = await tim.friendImport({ From_Account: 'alice', AddFriendItem: [entry('bob'), entry('carol')] });
    expect(codes(answer)).toEqual([['bob', 0], ['carol', 0]]);
    expect(log.some((line) => line.outcome === 'drop')).toBe(true);
    expect(log.some((line) => line.path === 'v4/sns/friend_check')).toBe(true);
    expect(log.flatMap((line) => line.applied)).toEqual(['bob', 'carol']);
  });
});
