// friend_add on the wire and through the real client: one-way and both-way adds, the stored
// entry, every per-account code (30001, 30003, 30010, 30011, 30014, 30515, 30516, 30539), pending requests,
// the store's allow-type and pending helpers, and write faults (applied before a lost answer).
import { beforeEach, describe, expect, it } from 'vitest';
import type { AddFriendEntry } from '../../src/index.js';
import type { Emulator, EmulatorOptions, EmulatorRequestEntry, FaultOptions } from '../../src/emulator/index.js';
import { post, setup, validationError } from './helpers.js';

const path = 'v4/sns/friend_add';
const now = 1_700_000_123_456;
const addTime = 1_700_000_123;

let emu: Emulator;
let log: EmulatorRequestEntry[];

function fresh(options: Partial<EmulatorOptions> = {}) {
  log = [];
  ({ emu } = setup({ now: () => now, onRequest: (entry) => log.push(entry), ...options }));
  for (const account of ['alice', 'bob', 'carol', 'dave']) emu.store.addAccount(account);
  return emu;
}

beforeEach(() => {
  fresh();
});

const entry = (To_Account: string, fields: Partial<AddFriendEntry> = {}): AddFriendEntry => ({ To_Account, AddSource: 'AddSource_Type_Search', ...fields });

/** POSTs a friend_add for alice and returns the answer. */
async function add(entries: AddFriendEntry[], extra: Record<string, unknown> = {}, target: Emulator = emu) {
  const { json } = await post(target.fetch, path, { From_Account: 'alice', AddFriendItem: entries, ...extra });
  return json;
}

/** Each account's [ResultCode, ResultInfo] of an answer. */
const codes = (json: Record<string, unknown>) => (json.ResultItem as { To_Account: string; ResultCode: number }[]).map((item) => [item.To_Account, item.ResultCode]);

describe('friend_add applies', () => {
  it('adds both ways by default and answers in the wire shape', async () => {
    const json = await add([entry('bob')]);
    expect(json).toEqual({ ResultItem: [{ To_Account: 'bob', ResultCode: 0, ResultInfo: '' }], ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    expect(Object.keys(json)).toEqual(['ResultItem', 'ActionStatus', 'ErrorCode', 'ErrorInfo', 'ErrorDisplay']);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_BothWay');
  });

  it('adds one way with Add_Type_Single: bob enters alice\'s list only', async () => {
    expect(codes(await add([entry('bob')], { AddType: 'Add_Type_Single' }))).toEqual([['bob', 0]]);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_AWithB');
  });

  it('stores Remark, GroupName (a one-item group list), AddSource, AddWording and the add time on the emulator clock', async () => {
    await add([entry('bob', { Remark: 'Bobby', GroupName: 'work', AddSource: 'AddSource_Type_QRCode', AddWording: 'hi, it is alice' })]);
    expect(emu.store.friendTags('alice', 'bob')).toEqual({
      Tag_SNS_IM_AddSource: 'AddSource_Type_QRCode',
      Tag_SNS_IM_AddTime: addTime,
      Tag_SNS_IM_Remark: 'Bobby',
      Tag_SNS_IM_Group: ['work'],
      Tag_SNS_IM_AddWording: 'hi, it is alice',
    });
    // The other side keeps how and when, not alice's own labels for bob.
    expect(emu.store.friendTags('bob', 'alice')).toEqual({ Tag_SNS_IM_AddSource: 'AddSource_Type_QRCode', Tag_SNS_IM_AddTime: addTime, Tag_SNS_IM_AddWording: 'hi, it is alice' });
  });

  it('sets no remark or group for empty ones', async () => {
    await add([entry('bob', { Remark: '', GroupName: '' })]);
    expect(emu.store.friendTags('alice', 'bob')).toEqual({ Tag_SNS_IM_AddSource: 'AddSource_Type_Search', Tag_SNS_IM_AddTime: addTime });
  });

  it('completes a one-way friendship both ways, keeping the side that was there', async () => {
    emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'old' });
    expect(codes(await add([entry('bob', { Remark: 'new' })]))).toEqual([['bob', 0]]);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_BothWay');
    expect(emu.store.friendTags('alice', 'bob')?.Tag_SNS_IM_Remark).toBe('old');
  });

  it('answers each entry in list order, with Fail_Account listing the failed ones', async () => {
    emu.store.addFriend('alice', 'carol');
    emu.store.addFriend('carol', 'alice');
    const json = await add([entry('bob'), entry('carol'), entry('zed'), entry('dave')]);
    expect(codes(json)).toEqual([['bob', 0], ['carol', 30001], ['zed', 30003], ['dave', 0]]);
    expect(json.Fail_Account).toEqual(['carol', 'zed']);
    expect(Object.keys(json)).toEqual(['ResultItem', 'Fail_Account', 'ActionStatus', 'ErrorCode', 'ErrorInfo', 'ErrorDisplay']);
    expect(log[0]).toMatchObject({ path, from: 'alice', accounts: ['bob', 'carol', 'zed', 'dave'], outcome: 'ok', failed: ['carol', 'zed'], applied: ['bob', 'dave'] });
  });

  it('reaches the real client as ResultItem and Fail_Account', async () => {
    const { emu, tim } = setup();
    emu.store.addAccount('alice');
    emu.store.setAllowType('bob', 'AllowType_Type_NeedConfirm');
    emu.store.addAccount('carol');
    const answer = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: [entry('bob'), entry('carol')] });
    expect(answer.ResultItem.map((item) => [item.To_Account, item.ResultCode])).toEqual([['bob', 30539], ['carol', 0]]);
    expect(answer.Fail_Account).toEqual(['bob']);
    expect(emu.store.hasFriend('alice', 'carol') && emu.store.hasFriend('carol', 'alice')).toBe(true);
  });
});

describe('friend_add refuses', () => {
  it('30001 "already friends" for Add_Type_Single when bob is in alice\'s list, changing nothing', async () => {
    emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'kept' });
    const json = await add([entry('bob', { Remark: 'ignored' })], { AddType: 'Add_Type_Single' });
    expect(json.ResultItem).toEqual([{ To_Account: 'bob', ResultCode: 30001, ResultInfo: 'Err_SNS_FriendAdd_Friend_Exist' }]);
    expect(emu.store.friendTags('alice', 'bob')?.Tag_SNS_IM_Remark).toBe('kept');
    expect(emu.store.hasFriend('bob', 'alice')).toBe(false);
    expect(log[0]?.applied).toEqual([]);
  });

  it('30001 "already friends" for a both-way add only when both lists hold the other', async () => {
    emu.store.addFriend('alice', 'bob');
    emu.store.addFriend('bob', 'alice');
    expect(codes(await add([entry('bob')]))).toEqual([['bob', 30001]]);
  });

  it('30001 for an account twice in one request: the second finds the first done', async () => {
    expect(codes(await add([entry('bob'), entry('bob')]))).toEqual([['bob', 0], ['bob', 30001]]);
    expect(log[0]?.applied).toEqual(['bob']);
  });

  it('30001 for From_Account itself, 30003 for an account that does not exist', async () => {
    const json = await add([entry('alice'), entry('zed')]);
    expect(codes(json)).toEqual([['alice', 30001], ['zed', 30003]]);
    expect(emu.store.hasAccount('zed')).toBe(false);
  });

  it('30010 when alice\'s list is full (friendListLimit), whichever way she adds', async () => {
    fresh({ friendListLimit: 2 });
    emu.store.addFriend('alice', 'carol');
    emu.store.addFriend('alice', 'dave');
    expect(codes(await add([entry('bob')], { AddType: 'Add_Type_Single' }))).toEqual([['bob', 30010]]);
    expect(codes(await add([entry('bob')]))).toEqual([['bob', 30010]]);
    expect(emu.store.friends('alice')).toEqual(['carol', 'dave']);
    expect(emu.store.hasFriend('bob', 'alice')).toBe(false);
  });

  it('30014 when bob\'s list is full on a both-way add; a one-way add still works', async () => {
    fresh({ friendListLimit: 1 });
    emu.store.addFriend('bob', 'carol');
    expect(codes(await add([entry('bob')]))).toEqual([['bob', 30014]]);
    expect(emu.store.hasFriend('alice', 'bob')).toBe(false);
    expect(codes(await add([entry('bob')], { AddType: 'Add_Type_Single' }))).toEqual([['bob', 0]]);
  });

  it('counts only the sides still to add against the limit', async () => {
    fresh({ friendListLimit: 1 });
    emu.store.addFriend('alice', 'bob'); // alice's list is full, but already holds bob
    expect(codes(await add([entry('bob')]))).toEqual([['bob', 0]]);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_BothWay');
  });

  it('30515 when either blocks the other, even forced, changing nothing', async () => {
    emu.store.block('bob', 'alice');
    emu.store.block('alice', 'carol');
    expect(codes(await add([entry('bob'), entry('carol'), entry('dave')], { ForceAddFlags: 1 }))).toEqual([['bob', 30515], ['carol', 30515], ['dave', 0]]);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_NoRelation');
    expect(emu.store.relation('alice', 'carol', 'CheckResult_Type_Both')).toBe('CheckResult_Type_NoRelation');
    expect(log[0]?.applied).toEqual(['dave']);
  });

  it('30011 when GroupName would be alice\'s 33rd group; an existing group is fine, a new one is created', async () => {
    const groups = Array.from({ length: 31 }, (_, i) => `g${i}`);
    emu.store.addFriend('alice', 'dave', { Tag_SNS_IM_Group: groups });
    const json = await add([entry('bob', { GroupName: 'new' }), entry('carol', { GroupName: 'newer' })], { AddType: 'Add_Type_Single' });
    expect(codes(json)).toEqual([['bob', 0], ['carol', 30011]]);
    expect(emu.store.groupNames('alice')).toEqual([...groups, 'new']);
    expect(emu.store.hasFriend('alice', 'carol')).toBe(false);
    expect(codes(await add([entry('carol', { GroupName: 'g0' })], { AddType: 'Add_Type_Single' }))).toEqual([['carol', 0]]);
  });

  it('30516 when bob refuses every request (DenyAny), unless ForceAddFlags is 1', async () => {
    emu.store.setAllowType('bob', 'AllowType_Type_DenyAny');
    expect(codes(await add([entry('bob')]))).toEqual([['bob', 30516]]);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_NoRelation');
    expect(emu.store.pendingRequests()).toEqual([]);
    expect(codes(await add([entry('bob')], { ForceAddFlags: 1 }))).toEqual([['bob', 0]]);
  });

  it('answers 30001 (bad body) for a missing AddSource and for more than 100 entries, 30003 for an unknown From_Account', async () => {
    expect(await add([{ To_Account: 'bob' } as AddFriendEntry])).toEqual({
      ActionStatus: 'FAIL',
      ErrorCode: 30001,
      ErrorInfo: 'invalid request: AddFriendItem[0].AddSource: is required',
      ErrorDisplay: '',
    });
    const many = Array.from({ length: 101 }, (_, i) => entry(`u${i}`));
    expect(await add(many)).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: AddFriendItem: must hold at most 100 accounts per request (got 101)' });
    const { json } = await post(emu.fetch, path, { From_Account: 'zed', AddFriendItem: [entry('bob')] });
    expect(json).toMatchObject({ ErrorCode: 30003, ErrorInfo: 'From_Account does not exist: zed' });
    expect(log.map((line) => line.applied)).toEqual([[], [], []]);
    expect(emu.stats.endpoints[path]).toMatchObject({ requests: 3, maxAccountsPerRequest: 101 });
  });
});

describe('friend_add pending requests', () => {
  beforeEach(() => {
    emu.store.setAllowType('bob', 'AllowType_Type_NeedConfirm');
  });

  it('answers 30539 and records the request when bob confirms requests', async () => {
    const json = await add([entry('bob', { Remark: 'Bobby', AddWording: 'hello' })], { AddType: 'Add_Type_Single' });
    expect(json.ResultItem).toEqual([{ To_Account: 'bob', ResultCode: 30539, ResultInfo: 'Err_SNS_FriendAdd_Need_Confirm' }]);
    expect(json.Fail_Account).toEqual(['bob']);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_NoRelation');
    expect(emu.store.pendingRequests()).toEqual([
      {
        from: 'alice',
        to: 'bob',
        addType: 'Add_Type_Single',
        tags: { Tag_SNS_IM_AddSource: 'AddSource_Type_Search', Tag_SNS_IM_AddTime: addTime, Tag_SNS_IM_Remark: 'Bobby', Tag_SNS_IM_AddWording: 'hello' },
      },
    ]);
    expect(log[0]).toMatchObject({ failed: ['bob'], applied: ['bob'] });
  });

  it('answers 30539 again while pending, recording nothing new', async () => {
    await add([entry('bob', { AddWording: 'first' })]);
    const again = await add([entry('bob', { AddWording: 'second' })]);
    expect(codes(again)).toEqual([['bob', 30539]]);
    expect(emu.store.pendingRequests()).toHaveLength(1);
    expect(emu.store.pendingRequests()[0]?.tags.Tag_SNS_IM_AddWording).toBe('first');
    expect(log.map((line) => line.applied)).toEqual([['bob'], []]);
  });

  it('adds without asking with ForceAddFlags 1, and the request is no longer pending', async () => {
    await add([entry('bob')]);
    expect(codes(await add([entry('bob')], { ForceAddFlags: 1 }))).toEqual([['bob', 0]]);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_BothWay');
    expect(emu.store.pendingRequests()).toEqual([]);
  });

  it('honours the allow type generated accounts draw', async () => {
    const ids = emu.store.generate({ users: 200, friendsPerUser: 0, seed: 5 });
    const json = await add(ids.slice(0, 100).map((id) => entry(id)));
    const allowTypes = ids.slice(0, 100).map((id) => emu.store.profile(id)?.Tag_Profile_IM_AllowType ?? 'AllowType_Type_AllowAny');
    const expected = { AllowType_Type_AllowAny: 0, AllowType_Type_NeedConfirm: 30539, AllowType_Type_DenyAny: 30516 } as const;
    expect(codes(json).map(([, code]) => code)).toEqual(allowTypes.map((allowType) => expected[allowType]));
    expect(new Set(codes(json).map(([, code]) => code))).toEqual(new Set([0, 30539, 30516]));
  });
});

describe('store helpers for friend requests', () => {
  it('setAllowType sets the profile tag, creating the account, and checks its input', () => {
    emu.store.setAllowType('erin', 'AllowType_Type_DenyAny');
    expect(emu.store.profile('erin')).toEqual({ Tag_Profile_IM_AllowType: 'AllowType_Type_DenyAny' });
    const bad = validationError(() => emu.store.setAllowType('erin', 'AllowType_Type_Maybe' as 'AllowType_Type_DenyAny'));
    expect(bad).toMatchObject({ path: 'allowType', reason: 'must be one of AllowType_Type_NeedConfirm, AllowType_Type_AllowAny, AllowType_Type_DenyAny' });
    expect(validationError(() => emu.store.setAllowType('', 'AllowType_Type_AllowAny'))).toMatchObject({ path: 'id' });
  });

  it('pendingRequests hands out copies', async () => {
    emu.store.setAllowType('bob', 'AllowType_Type_NeedConfirm');
    await add([entry('bob', { GroupName: 'work' })]);
    const [request] = emu.store.pendingRequests();
    (request?.tags.Tag_SNS_IM_Group as string[]).push('mutated');
    expect(emu.store.pendingRequests()[0]?.tags.Tag_SNS_IM_Group).toEqual(['work']);
  });
});

describe('friend_add under faults', () => {
  /** A fresh emulator with these faults. */
  const faulty = (faults: FaultOptions, seed = 1) => fresh({ faults, seed });

  it.each([
    ['drop', { drop: 1 }],
    ['httpError', { httpError: 1 }],
    ['malformed', { malformed: 1 }],
    ['stall', { stall: 1, stallMs: 5 }],
  ] as const)('%s loses the answer after the add was applied', async (kind, faults) => {
    const target = faulty(faults);
    await add([entry('bob'), entry('carol')]).catch(() => undefined);
    expect(target.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_BothWay');
    expect(target.store.relation('alice', 'carol', 'CheckResult_Type_Both')).toBe('CheckResult_Type_BothWay');
    expect(log).toEqual([expect.objectContaining({ outcome: kind, failed: ['bob', 'carol'], applied: ['bob', 'carol'] })]);
    expect(target.stats.faults[kind]).toBe(1);
  });

  it('a stalled answer, once given, is the applied add\'s own', async () => {
    faulty({ stall: 1, stallMs: 5 });
    expect(codes(await add([entry('bob')]))).toEqual([['bob', 0]]);
  });

  it.each([
    ['requestError', { requestError: 1 }, [30006, 30007]],
    ['throttle', { throttle: 1 }, [60007]],
  ] as const)('%s fails the request before anything is applied', async (kind, faults, errorCodes) => {
    const target = faulty(faults);
    const json = await add([entry('bob')]);
    expect(errorCodes).toContain(json.ErrorCode);
    expect(target.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_NoRelation');
    expect(log).toEqual([expect.objectContaining({ outcome: kind, failed: ['bob'], applied: [] })]);
  });

  it('itemError fails an account without applying it, and applies the others', async () => {
    const target = faulty({ itemError: 0.5 });
    const accounts = Array.from({ length: 40 }, (_, i) => `u${i}`);
    for (const account of accounts) target.store.addAccount(account);
    const json = await add(accounts.map((account) => entry(account)), { AddType: 'Add_Type_Single' });
    const failed = json.Fail_Account as string[];
    expect(failed.length).toBeGreaterThan(5);
    expect(failed.length).toBeLessThan(35);
    for (const account of accounts) expect(target.store.hasFriend('alice', account)).toBe(!failed.includes(account));
    expect(log[0]).toMatchObject({ outcome: 'itemError', failed, applied: accounts.filter((account) => !failed.includes(account)) });
    expect(target.stats.faults.itemError).toBe(failed.length);
  });

  it('records an add once in applied, however often lost answers make the caller resend it', async () => {
    faulty({ drop: 0.5 }, 9); // seed 9: three drops, then an answer
    let answer: Record<string, unknown> | undefined;
    for (let attempt = 0; answer === undefined && attempt < 20; attempt++) answer = await add([entry('bob')]).catch(() => undefined);
    expect(log.map((line) => line.outcome)).toEqual(['drop', 'drop', 'drop', 'ok']);
    expect(log.flatMap((line) => line.applied)).toEqual(['bob']);
    expect(codes(answer ?? {})).toEqual([['bob', 30001]]); // the resend that got through found it done
  });
});
