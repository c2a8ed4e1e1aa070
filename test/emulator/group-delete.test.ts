// group_delete on the wire and through the real client: groups deleted, friends kept in no group,
// names alice does not have passed over (a resend changes nothing), CurrentSequence, and faults.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator, EmulatorOptions, EmulatorRequestEntry } from '../../src/emulator/index.js';
import { logged, lostAnswers, post, sequences } from './helpers.js';

const path = 'v4/sns/group_delete';

let emu: Emulator;
let log: EmulatorRequestEntry[];

/** alice → bob (in 'work' and 'climbing'), alice → carol (in 'work'), an empty group 'family'. */
function fresh(options: Partial<EmulatorOptions> = {}) {
  ({ emu, log } = logged(options));
  emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Group: ['work', 'climbing'] });
  emu.store.addFriend('alice', 'carol', { Tag_SNS_IM_Group: ['work'] });
}

beforeEach(async () => {
  fresh();
  await post(emu.fetch, 'v4/sns/group_add', { From_Account: 'alice', GroupName: ['family'] });
  log.length = 0;
});

async function deleteGroups(names: string[]) {
  const { json } = await post(emu.fetch, path, { From_Account: 'alice', GroupName: names });
  return json;
}

describe('group_delete', () => {
  it('deletes the groups; their friends stay friends, in no group of those; answers CurrentSequence', async () => {
    const before = await sequences(emu, 'alice');
    log.length = 0;
    const json = await deleteGroups(['work', 'family']);
    expect(json).toEqual({ CurrentSequence: json.CurrentSequence, ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    expect(json.CurrentSequence).toBeGreaterThan(before.groups);
    expect(emu.store.groupNames('alice')).toEqual(['climbing']);
    expect(emu.store.friends('alice')).toEqual(['bob', 'carol']);
    expect(emu.store.friendTags('alice', 'bob')?.Tag_SNS_IM_Group).toEqual(['climbing']);
    expect(emu.store.friendTags('alice', 'carol')?.Tag_SNS_IM_Group).toBeUndefined();
    expect(log[0]).toMatchObject({ path, from: 'alice', accounts: [], outcome: 'ok', applied: ['alice'] });
    expect((await sequences(emu, 'alice')).groups).toBe(json.CurrentSequence);
  });

  it('passes over names alice does not have: a resend answers the same and changes nothing', async () => {
    const first = await deleteGroups(['work', 'nope']);
    const state = emu.store.friendTags('alice', 'carol');
    expect(await deleteGroups(['work', 'nope'])).toEqual(first);
    expect(emu.store.friendTags('alice', 'carol')).toEqual(state);
    expect(log.map((line) => line.applied)).toEqual([['alice'], []]);
  });

  it('lets group_add create a deleted name again', async () => {
    await deleteGroups(['family']);
    expect((await post(emu.fetch, 'v4/sns/group_add', { From_Account: 'alice', GroupName: ['family'] })).json).toMatchObject({ ErrorCode: 0 });
  });

  it('reaches the real client, and answers 30001 for an empty list, 30003 for an unknown From_Account', async () => {
    const { emu: target, tim } = logged();
    target.store.addFriend('alice', 'bob', { Tag_SNS_IM_Group: ['x'] });
    const answer = await tim.groupDelete({ From_Account: 'alice', GroupName: ['x'] });
    expect(answer).toMatchObject({ ErrorCode: 0, CurrentSequence: (await sequences(target, 'alice')).groups });
    expect(target.store.groupNames('alice')).toEqual([]);
    expect(await deleteGroups([])).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: GroupName: must not be empty' });
    expect((await post(emu.fetch, path, { From_Account: 'zed', GroupName: ['x'] })).json).toMatchObject({ ErrorCode: 30003 });
  });
});

describe('group_delete under faults', () => {
  it.each(lostAnswers)('%s loses the answer after the groups were deleted', async (kind, faults) => {
    fresh({ faults });
    await deleteGroups(['work']).catch(() => undefined);
    expect(emu.store.groupNames('alice')).toEqual(['climbing']);
    expect(log).toEqual([expect.objectContaining({ outcome: kind, applied: ['alice'] })]);
  });

  it('the real client resends it after a lost answer (idempotent) and reports it done', async () => {
    const { emu: target, tim, log: lines } = logged({ faults: { drop: 0.5 }, seed: 9 }, { retry: { retries: 5, minDelay: 1, maxDelay: 2 } });
    target.store.addFriend('alice', 'bob', { Tag_SNS_IM_Group: ['x'] });
    expect(await tim.groupDelete({ From_Account: 'alice', GroupName: ['x'] })).toMatchObject({ ErrorCode: 0 });
    expect(lines.map((line) => line.outcome)).toEqual(['drop', 'drop', 'drop', 'ok']);
    expect(lines.flatMap((line) => line.applied)).toEqual(['alice']);
  });
});
