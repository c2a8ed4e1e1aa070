// friend_delete_all on the wire and through the real client: one way (the default) and both ways,
// who keeps what, groups kept empty, sequences, the log, and write faults.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator, EmulatorOptions, EmulatorRequestEntry } from '../../src/emulator/index.js';
import { logged, lostAnswers, post, sequences } from './helpers.js';

const path = 'v4/sns/friend_delete_all';

let emu: Emulator;
let log: EmulatorRequestEntry[];

/** alice ⇄ bob (bob in alice's group 'work'), alice → carol, dave → alice, dave ⇄ bob. */
function fresh(options: Partial<EmulatorOptions> = {}) {
  ({ emu, log } = logged(options));
  emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Group: ['work'] });
  emu.store.addFriend('bob', 'alice');
  emu.store.addFriend('alice', 'carol');
  emu.store.addFriend('dave', 'alice');
  emu.store.addFriend('dave', 'bob');
  emu.store.addFriend('bob', 'dave');
}

beforeEach(() => {
  fresh();
});

async function deleteAll(extra: Record<string, unknown> = {}) {
  const { json } = await post(emu.fetch, path, { From_Account: 'alice', ...extra });
  return json;
}

describe('friend_delete_all', () => {
  it('empties alice\'s list only by default, and answers the envelope alone', async () => {
    expect(await deleteAll()).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    expect(emu.store.friends('alice')).toEqual([]);
    expect(emu.store.friends('bob')).toEqual(['alice', 'dave']);
    expect(emu.store.friends('dave')).toEqual(['alice', 'bob']);
    expect(log[0]).toMatchObject({ path, from: 'alice', accounts: [], outcome: 'ok', failed: [], applied: ['bob', 'carol'] });
  });

  it('with Delete_Type_Both also takes alice out of each former friend\'s list, not out of lists of others', async () => {
    await deleteAll({ DeleteType: 'Delete_Type_Both' });
    expect(emu.store.friends('alice')).toEqual([]);
    expect(emu.store.friends('bob')).toEqual(['dave']);
    // dave was not in alice's list: he keeps his one-way relation.
    expect(emu.store.relation('alice', 'dave', 'CheckResult_Type_Both')).toBe('CheckResult_Type_BWithA');
  });

  it('keeps alice\'s groups, empty, and advances her sequences', async () => {
    const before = await sequences(emu, 'alice');
    await deleteAll();
    expect(emu.store.groupNames('alice')).toEqual(['work']);
    const after = await sequences(emu, 'alice');
    expect(after.friends).toBe(before.friends + 2);
    expect(after.groups).toBeGreaterThan(before.groups);
  });

  it('answers the same for an empty list, applying nothing: a resend is harmless', async () => {
    await deleteAll({ DeleteType: 'Delete_Type_Both' });
    expect(await deleteAll({ DeleteType: 'Delete_Type_Both' })).toMatchObject({ ErrorCode: 0 });
    expect(log.map((line) => line.applied)).toEqual([['bob', 'carol'], []]);
  });

  it('reaches the real client, and checks the body: 30001 for a bad DeleteType, 30003 for an unknown From_Account', async () => {
    const { emu: target, tim } = logged();
    target.store.addFriend('alice', 'bob');
    expect(await tim.friendDeleteAll({ From_Account: 'alice' })).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect(target.store.friends('alice')).toEqual([]);
    expect(await deleteAll({ DeleteType: 'Delete_Type_All' })).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: DeleteType: must be Delete_Type_Single or Delete_Type_Both' });
    expect((await post(emu.fetch, path, { From_Account: 'zed' })).json).toMatchObject({ ErrorCode: 30003 });
    expect(emu.store.friends('alice')).toEqual(['bob', 'carol']);
  });
});

describe('friend_delete_all under faults', () => {
  it.each(lostAnswers)('%s loses the answer after the list was emptied', async (kind, faults) => {
    fresh({ faults });
    await deleteAll().catch(() => undefined);
    expect(emu.store.friends('alice')).toEqual([]);
    expect(log).toEqual([expect.objectContaining({ outcome: kind, applied: ['bob', 'carol'] })]);
  });

  it('requestError fails the request before anything is deleted', async () => {
    fresh({ faults: { requestError: 1 } });
    expect([30006, 30007]).toContain((await deleteAll()).ErrorCode);
    expect(emu.store.friends('alice')).toEqual(['bob', 'carol']);
    expect(log[0]).toMatchObject({ outcome: 'requestError', applied: [] });
  });
});
