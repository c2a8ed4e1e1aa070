// black_list_add on the wire and through the real client: blocking ends friendships both ways
// (and pending requests), a blocked pair cannot befriend each other (30515), every per-account
// code (30001, 30003, 30013), sequences, and write faults.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator, EmulatorOptions, EmulatorRequestEntry } from '../../src/emulator/index.js';
import { codes, logged, lostAnswers, post } from './helpers.js';

const path = 'v4/sns/black_list_add';
const now = 1_700_000_123_456;

let emu: Emulator;
let log: EmulatorRequestEntry[];

/** alice ⇄ bob, alice → carol, dave → alice, erin exists. */
function fresh(options: Partial<EmulatorOptions> = {}) {
  ({ emu, log } = logged({ now: () => now, ...options }));
  emu.store.addFriend('alice', 'bob');
  emu.store.addFriend('bob', 'alice');
  emu.store.addFriend('alice', 'carol');
  emu.store.addFriend('dave', 'alice');
  emu.store.addAccount('erin');
}

beforeEach(() => {
  fresh();
});

async function block(accounts: string[], from = 'alice') {
  const { json } = await post(emu.fetch, path, { From_Account: from, To_Account: accounts });
  return json;
}

const addFriend = async (from: string, to: string) =>
  codes((await post(emu.fetch, 'v4/sns/friend_add', { From_Account: from, AddFriendItem: [{ To_Account: to, AddSource: 'AddSource_Type_Search' }], ForceAddFlags: 1 })).json);

describe('black_list_add applies', () => {
  it('blocks each account, answering in the wire shape, and ends every friendship both ways', async () => {
    const json = await block(['bob', 'carol', 'dave', 'erin']);
    expect(json).toEqual({ ResultItem: ['bob', 'carol', 'dave', 'erin'].map((To_Account) => ({ To_Account, ResultCode: 0, ResultInfo: '' })), ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    expect(emu.store.blockList('alice')).toEqual(['bob', 'carol', 'dave', 'erin']);
    for (const account of ['bob', 'carol', 'dave', 'erin']) expect(emu.store.relation('alice', account, 'CheckResult_Type_Both')).toBe('CheckResult_Type_NoRelation');
    expect(emu.store.blockList('bob')).toEqual([]); // one way: bob blocks nobody
    expect(log[0]).toMatchObject({ path, accounts: ['bob', 'carol', 'dave', 'erin'], outcome: 'ok', failed: [], applied: ['bob', 'carol', 'dave', 'erin'] });
  });

  it('keeps when each was blocked, and advances the block sequence per block', async () => {
    await block(['bob', 'erin']);
    const { json } = await post(emu.fetch, 'v4/sns/black_list_get', { From_Account: 'alice', StartIndex: 0, MaxLimited: 10, LastSequence: 0 });
    expect(json.BlackListItem).toEqual([
      { To_Account: 'bob', AddBlackTimeStamp: Math.floor(now / 1000) },
      { To_Account: 'erin', AddBlackTimeStamp: Math.floor(now / 1000) },
    ]);
    expect(json.CurrentSequence).toBe(2);
  });

  it('forgets a pending friend request between the two, either way', async () => {
    emu.store.setAllowType('erin', 'AllowType_Type_NeedConfirm');
    await post(emu.fetch, 'v4/sns/friend_add', { From_Account: 'alice', AddFriendItem: [{ To_Account: 'erin', AddSource: 'AddSource_Type_Search' }] });
    expect(emu.store.pendingRequests()).toHaveLength(1);
    await block(['alice'], 'erin');
    expect(emu.store.pendingRequests()).toEqual([]);
  });

  it('makes friend_add answer 30515 either way, even forced, until unblocked', async () => {
    await block(['bob']);
    expect(await addFriend('bob', 'alice')).toEqual([['alice', 30515]]);
    expect(await addFriend('alice', 'bob')).toEqual([['bob', 30515]]);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_NoRelation');
    await post(emu.fetch, 'v4/sns/black_list_delete', { From_Account: 'alice', To_Account: ['bob'] });
    expect(await addFriend('bob', 'alice')).toEqual([['alice', 0]]);
  });

  it('reaches the real client as ResultItem and Fail_Account', async () => {
    const { emu: target, tim } = logged();
    target.store.addFriend('alice', 'bob');
    const answer = await tim.blackListAdd({ From_Account: 'alice', To_Account: ['bob', 'zed'] });
    expect(codes(answer)).toEqual([['bob', 0], ['zed', 30003]]);
    expect(answer.Fail_Account).toEqual(['zed']);
    expect(target.store.hasFriend('alice', 'bob')).toBe(false);
  });
});

describe('black_list_add refuses', () => {
  it('30001 for an account already blocked (the docs\' ResultInfo) or itself, 30003 for an unknown one', async () => {
    emu.store.block('alice', 'erin');
    const json = await block(['erin', 'alice', 'zed', 'bob', 'bob']);
    expect(json.ResultItem).toEqual([
      { To_Account: 'erin', ResultCode: 30001, ResultInfo: 'Err_SNS_BlackListAdd_Already_Exist' },
      { To_Account: 'alice', ResultCode: 30001, ResultInfo: 'Err_SNS_BlackListAdd_Add_Self' },
      { To_Account: 'zed', ResultCode: 30003, ResultInfo: 'Err_SNS_BlackListAdd_Account_Not_Exist' },
      { To_Account: 'bob', ResultCode: 0, ResultInfo: '' },
      { To_Account: 'bob', ResultCode: 30001, ResultInfo: 'Err_SNS_BlackListAdd_Already_Exist' },
    ]);
    expect(json.Fail_Account).toEqual(['erin', 'alice', 'zed', 'bob']);
    expect(log[0]?.applied).toEqual(['bob']);
  });

  it('30013 when the block list is full (blockListLimit), leaving the friendship as it was', async () => {
    fresh({ blockListLimit: 1 });
    expect(codes(await block(['erin', 'bob']))).toEqual([['erin', 0], ['bob', 30013]]);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_BothWay');
  });

  it('holds 1000 blocks by default, and refuses the 1001st', async () => {
    fresh();
    const accounts = Array.from({ length: 1001 }, (_, i) => `u${i}`);
    for (const account of accounts) emu.store.addAccount(account);
    expect(codes(await block(accounts.slice(0, 1000))).every(([, code]) => code === 0)).toBe(true);
    expect(codes(await block(accounts.slice(1000)))).toEqual([['u1000', 30013]]);
  });

  it('answers 30001 for an empty list or more than 1000 accounts, 30003 for an unknown From_Account', async () => {
    expect(await block([])).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: To_Account: must not be empty' });
    expect(await block(Array.from({ length: 1001 }, (_, i) => `u${i}`))).toMatchObject({ ErrorCode: 30001 });
    expect(await block(['bob'], 'zed')).toMatchObject({ ErrorCode: 30003 });
    expect(emu.store.blockList('alice')).toEqual([]);
  });
});

describe('black_list_add under faults', () => {
  it.each(lostAnswers)('%s loses the answer after the block was applied', async (kind, faults) => {
    fresh({ faults });
    await block(['bob']).catch(() => undefined);
    expect(emu.store.blockList('alice')).toEqual(['bob']);
    expect(emu.store.hasFriend('bob', 'alice')).toBe(false);
    expect(log).toEqual([expect.objectContaining({ outcome: kind, failed: ['bob'], applied: ['bob'] })]);
  });

  it('itemError and requestError apply nothing', async () => {
    fresh({ faults: { itemError: 1 } });
    await block(['bob']);
    expect(emu.store.blockList('alice')).toEqual([]);
    expect(emu.store.hasFriend('bob', 'alice')).toBe(true);
    fresh({ faults: { requestError: 1 } });
    await block(['bob']);
    expect(emu.store.blockList('alice')).toEqual([]);
    expect(log[0]).toMatchObject({ outcome: 'requestError', applied: [] });
  });

  it('the real client reconciles a lost answer with black_list_check: blocked once, reported done', async () => {
    const { emu: target, tim, log: lines } = logged({ faults: { drop: 0.5 }, seed: 9 }, { retry: { retries: 5, minDelay: 1, maxDelay: 2 } });
    for (const account of ['alice', 'bob', 'carol']) target.store.addAccount(account);
    const answer = await tim.blackListAdd({ From_Account: 'alice', To_Account: ['bob', 'carol'] });
    expect(codes(answer)).toEqual([['bob', 0], ['carol', 0]]);
    expect(lines.some((line) => line.path === 'v4/sns/black_list_check')).toBe(true);
    expect(lines.flatMap((line) => line.applied)).toEqual(['bob', 'carol']);
  });
});
