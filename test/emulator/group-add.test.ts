// group_add on the wire and through the real client: groups created (empty, or holding friends),
// 32216 for an account that is no friend, the whole-request refusals (an existing or repeated
// name: 30001; more than 32 groups: 30011), CurrentSequence, and write faults.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator, EmulatorOptions, EmulatorRequestEntry } from '../../src/emulator/index.js';
import { codes, logged, lostAnswers, post, sequences } from './helpers.js';

const path = 'v4/sns/group_add';

let emu: Emulator;
let log: EmulatorRequestEntry[];

/** alice → bob (in 'work'), alice → carol, dave → alice. */
function fresh(options: Partial<EmulatorOptions> = {}) {
  ({ emu, log } = logged(options));
  emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Group: ['work'] });
  emu.store.addFriend('alice', 'carol');
  emu.store.addFriend('dave', 'alice');
}

beforeEach(() => {
  fresh();
});

async function addGroups(body: Record<string, unknown>) {
  const { json } = await post(emu.fetch, path, { From_Account: 'alice', ...body });
  return json;
}

const groupsOf = (friend: string) => emu.store.friendTags('alice', friend)?.Tag_SNS_IM_Group;

describe('group_add applies', () => {
  it('creates empty groups without To_Account, answering CurrentSequence alone', async () => {
    const before = await sequences(emu, 'alice');
    log.length = 0;
    const json = await addGroups({ GroupName: ['family', 'climbing'] });
    expect(json).toEqual({ CurrentSequence: before.groups + 1, ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    expect(emu.store.groupNames('alice')).toEqual(['work', 'family', 'climbing']);
    expect(log[0]).toMatchObject({ path, accounts: [], outcome: 'ok', applied: [] });
    expect((await sequences(emu, 'alice')).groups).toBe(json.CurrentSequence);
  });

  it('puts each friend of To_Account in every new group, keeping its other groups, in the wire shape', async () => {
    const json = await addGroups({ GroupName: ['family', 'climbing'], To_Account: ['bob', 'carol'] });
    expect(Object.keys(json)).toEqual(['ResultItem', 'CurrentSequence', 'ActionStatus', 'ErrorCode', 'ErrorInfo', 'ErrorDisplay']);
    expect(codes(json)).toEqual([['bob', 0], ['carol', 0]]);
    expect(groupsOf('bob')).toEqual(['work', 'family', 'climbing']);
    expect(groupsOf('carol')).toEqual(['family', 'climbing']);
    expect(log[0]).toMatchObject({ accounts: ['bob', 'carol'], failed: [], applied: ['bob', 'carol'] });
    expect((await sequences(emu, 'alice')).groups).toBe(json.CurrentSequence);
  });

  it('answers 32216 for an account not in alice\'s list (the docs\' ResultInfo), and still creates the groups', async () => {
    const json = await addGroups({ GroupName: ['family'], To_Account: ['dave', 'zed', 'carol', 'carol'] });
    expect(json.ResultItem).toEqual([
      { To_Account: 'dave', ResultCode: 32216, ResultInfo: 'Err_SNS_GroupAdd_ToTinyId_Not_Friend' },
      { To_Account: 'zed', ResultCode: 32216, ResultInfo: 'Err_SNS_GroupAdd_ToTinyId_Not_Friend' },
      { To_Account: 'carol', ResultCode: 0, ResultInfo: '' },
      { To_Account: 'carol', ResultCode: 0, ResultInfo: '' },
    ]);
    expect(json.Fail_Account).toEqual(['dave', 'zed']);
    expect(emu.store.groupNames('alice')).toEqual(['work', 'family']);
    expect(log[0]?.applied).toEqual(['carol']);
  });

  it('reaches the real client: with and without To_Account', async () => {
    const { emu: target, tim } = logged();
    target.store.addFriend('alice', 'bob');
    expect(await tim.groupAdd({ From_Account: 'alice', GroupName: ['a'] })).toMatchObject({ CurrentSequence: 1, ErrorCode: 0 });
    const answer = await tim.groupAdd({ From_Account: 'alice', GroupName: ['b'], To_Account: ['bob', 'zed'] });
    expect(codes(answer)).toEqual([['bob', 0], ['zed', 32216]]);
    expect(answer).toMatchObject({ CurrentSequence: 3, Fail_Account: ['zed'] });
  });
});

describe('group_add refuses the whole request', () => {
  it('30001 for a group alice has already, creating none and moving no one', async () => {
    const json = await addGroups({ GroupName: ['family', 'work'], To_Account: ['carol'] });
    expect(json).toEqual({ ActionStatus: 'FAIL', ErrorCode: 30001, ErrorInfo: 'Err_SNS_GroupAdd_Group_Exist: alice already has the group work', ErrorDisplay: '' });
    expect(emu.store.groupNames('alice')).toEqual(['work']);
    expect(groupsOf('carol')).toBeUndefined();
    expect(log[0]).toMatchObject({ outcome: 30001, failed: ['carol'], applied: [] });
  });

  it('30001 for a name given twice', async () => {
    expect(await addGroups({ GroupName: ['x', 'y', 'x'] })).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: GroupName[2]: names a group given before' });
    expect(emu.store.groupNames('alice')).toEqual(['work']);
  });

  it('30011 past 32 groups in all; exactly 32 is fine', async () => {
    const names = Array.from({ length: 31 }, (_, i) => `g${i}`);
    expect(await addGroups({ GroupName: [...names, 'one too many'] })).toMatchObject({ ErrorCode: 30011 });
    expect(emu.store.groupNames('alice')).toEqual(['work']);
    expect(await addGroups({ GroupName: names })).toMatchObject({ ErrorCode: 0 });
    expect(emu.store.groupNames('alice')).toHaveLength(32);
  });

  it.each([
    ['an empty GroupName', { GroupName: [] }, 'GroupName: must not be empty'],
    ['a name over 30 bytes', { GroupName: ['x'.repeat(31)] }, 'GroupName[0]: must be at most 30 bytes in UTF-8'],
    ['an empty To_Account', { GroupName: ['x'], To_Account: [] }, 'To_Account: must not be empty (leave it out to create empty groups)'],
  ])('30001 for %s', async (_, body, reason) => {
    expect(await addGroups(body)).toEqual({ ActionStatus: 'FAIL', ErrorCode: 30001, ErrorInfo: `invalid request: ${reason}`, ErrorDisplay: '' });
  });
});

describe('group_add under faults', () => {
  it.each(lostAnswers)('%s loses the answer after the groups were created', async (kind, faults) => {
    fresh({ faults });
    await addGroups({ GroupName: ['family'], To_Account: ['carol'] }).catch(() => undefined);
    expect(groupsOf('carol')).toEqual(['family']);
    expect(log).toEqual([expect.objectContaining({ outcome: kind, applied: ['carol'] })]);
  });

  it('itemError fails a friend without moving it; the groups are still created', async () => {
    fresh({ faults: { itemError: 1 } });
    await addGroups({ GroupName: ['family'], To_Account: ['carol'] });
    expect(emu.store.groupNames('alice')).toEqual(['work', 'family']);
    expect(groupsOf('carol')).toBeUndefined();
    expect(log[0]).toMatchObject({ outcome: 'itemError', applied: [] });
  });

  it('the real client reports -6 after a lost answer and sends nothing again', async () => {
    const { emu: target, tim, log: lines } = logged({ faults: { drop: 1 } }, { retry: { retries: 5, minDelay: 1, maxDelay: 2 } });
    target.store.addFriend('alice', 'bob');
    const answer = await tim.groupAdd({ From_Account: 'alice', GroupName: ['x'], To_Account: ['bob'] });
    expect(codes(answer)).toEqual([['bob', -6]]);
    expect(lines).toHaveLength(1);
  });
});
