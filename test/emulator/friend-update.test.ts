// friend_update on the wire and through the real client: remark, groups and custom fields set on
// friends (nothing else), 30001 for an account not in the list, 30011 past 32 groups, sequences
// and the log only when something changed (a resend applies nothing), custom-field checks, faults.
import { beforeEach, describe, expect, it } from 'vitest';
import type { UpdateFriendEntry } from '../../src/index.js';
import type { Emulator, EmulatorOptions, EmulatorRequestEntry } from '../../src/emulator/index.js';
import { codes, logged, lostAnswers, post, sequences } from './helpers.js';

const path = 'v4/sns/friend_update';
const now = 1_700_000_123_456;

let emu: Emulator;
let log: EmulatorRequestEntry[];

/** alice → bob (remark 'old', group 'work', a custom score), alice → carol, dave exists. */
function fresh(options: Partial<EmulatorOptions> = {}) {
  ({ emu, log } = logged({ now: () => now, ...options }));
  emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'old', Tag_SNS_IM_Group: ['work'], Tag_SNS_Custom_Score: 1, Tag_SNS_IM_AddTime: 5 });
  emu.store.addFriend('alice', 'carol', { Tag_SNS_IM_AddTime: 5 });
  emu.store.addAccount('dave');
}

beforeEach(() => {
  fresh();
});

async function update(items: UpdateFriendEntry[]) {
  const { json } = await post(emu.fetch, path, { From_Account: 'alice', UpdateItem: items });
  return json;
}


describe('friend_update applies', () => {
  it('sets remark, groups and custom fields, keeping every other field, and answers in the wire shape', async () => {
    const json = await update([
      {
        To_Account: 'bob',
        SnsItem: [
          { Tag: 'Tag_SNS_IM_Remark', Value: 'Bobby' },
          { Tag: 'Tag_SNS_IM_Group', Value: ['family', 'climbing'] },
          { Tag: 'Tag_SNS_Custom_Note', Value: 'n' },
        ],
      },
    ]);
    expect(json).toEqual({ ResultItem: [{ To_Account: 'bob', ResultCode: 0, ResultInfo: '' }], ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    expect(emu.store.friendTags('alice', 'bob')).toEqual({
      Tag_SNS_IM_AddSource: 'AddSource_Type_Unknown',
      Tag_SNS_IM_AddTime: 5,
      Tag_SNS_IM_Remark: 'Bobby',
      Tag_SNS_IM_Group: ['family', 'climbing'],
      Tag_SNS_Custom_Score: 1,
      Tag_SNS_Custom_Note: 'n',
    });
    expect(emu.store.remarkTime('alice', 'bob')).toBe(Math.floor(now / 1000));
    // The groups it named were created; 'work' stays, empty.
    expect(emu.store.groupNames('alice')).toEqual(['work', 'family', 'climbing']);
    expect(log[0]).toMatchObject({ path, accounts: ['bob'], outcome: 'ok', applied: ['bob'] });
  });

  it('clears the remark with an empty one, and every group with an empty list', async () => {
    await update([{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: '' }, { Tag: 'Tag_SNS_IM_Group', Value: [] }] }]);
    expect(emu.store.friendTags('alice', 'bob')).toEqual({ Tag_SNS_IM_AddSource: 'AddSource_Type_Unknown', Tag_SNS_IM_AddTime: 5, Tag_SNS_Custom_Score: 1 });
  });

  it('applies the fields in order: the last value of a tag wins; repeated group names count once', async () => {
    await update([{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'a' }, { Tag: 'Tag_SNS_IM_Remark', Value: 'b' }, { Tag: 'Tag_SNS_IM_Group', Value: ['x', 'x'] }] }]);
    expect(emu.store.friendTags('alice', 'bob')).toMatchObject({ Tag_SNS_IM_Remark: 'b', Tag_SNS_IM_Group: ['x'] });
  });

  it('advances the friend and group sequences when something changed, and only then', async () => {
    const before = await sequences(emu, 'alice');
    await update([{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'old' }, { Tag: 'Tag_SNS_IM_Group', Value: ['work'] }] }]);
    expect(await sequences(emu, 'alice')).toEqual(before);
    expect(log.find((line) => line.path === path)).toMatchObject({ failed: [], applied: [] });
    await update([{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'new' }] }]);
    expect(await sequences(emu, 'alice')).toEqual({ ...before, friends: before.friends + 1 });
    await update([{ To_Account: 'carol', SnsItem: [{ Tag: 'Tag_SNS_IM_Group', Value: ['work'] }] }]);
    expect(await sequences(emu, 'alice')).toEqual({ ...before, friends: before.friends + 2, groups: before.groups + 1 });
  });

  it('a resend applies nothing again: same answer, same state, nothing in applied', async () => {
    const items: UpdateFriendEntry[] = [{ To_Account: 'carol', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'Carol' }] }];
    const first = await update(items);
    const state = emu.store.friendTags('alice', 'carol');
    const again = await update(items);
    expect(again).toEqual(first);
    expect(emu.store.friendTags('alice', 'carol')).toEqual(state);
    expect(log.map((line) => line.applied)).toEqual([['carol'], []]);
  });
});

describe('friend_update refuses', () => {
  it('30001 for an account not in alice\'s list (even one whose list holds alice), in list order', async () => {
    emu.store.addFriend('dave', 'alice');
    const set = [{ Tag: 'Tag_SNS_IM_Remark' as const, Value: 'r' }];
    const json = await update([{ To_Account: 'dave', SnsItem: set }, { To_Account: 'zed', SnsItem: set }, { To_Account: 'carol', SnsItem: set }]);
    expect(json.ResultItem).toEqual([
      { To_Account: 'dave', ResultCode: 30001, ResultInfo: 'Err_SNS_FriendUpdate_Friend_Not_Exist' },
      { To_Account: 'zed', ResultCode: 30001, ResultInfo: 'Err_SNS_FriendUpdate_Friend_Not_Exist' },
      { To_Account: 'carol', ResultCode: 0, ResultInfo: '' },
    ]);
    expect(json.Fail_Account).toEqual(['dave', 'zed']);
    expect(emu.store.hasFriend('alice', 'dave')).toBe(false);
    expect(log[0]?.applied).toEqual(['carol']);
  });

  it('30011 when the groups would make alice\'s 33rd, changing nothing for that friend', async () => {
    const groups = Array.from({ length: 31 }, (_, i) => `g${i}`);
    await update([{ To_Account: 'carol', SnsItem: [{ Tag: 'Tag_SNS_IM_Group', Value: groups }] }]);
    expect(emu.store.groupNames('alice')).toHaveLength(32); // 'work' and g0 … g30
    const json = await update([{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'r' }, { Tag: 'Tag_SNS_IM_Group', Value: ['new'] }] }]);
    expect(codes(json)).toEqual([['bob', 30011]]);
    expect(emu.store.friendTags('alice', 'bob')?.Tag_SNS_IM_Remark).toBe('old');
  });

  it.each([
    ['a tag it cannot set', { Tag: 'Tag_SNS_IM_AddWording', Value: 'x' }, 'UpdateItem[0].SnsItem[0].Tag: must be a field friend_update sets: Tag_SNS_IM_Remark, Tag_SNS_IM_Group or Tag_SNS_Custom_ and 1 to 8 letters'],
    ['a custom name the service does not take', { Tag: 'Tag_SNS_Custom_TooLongName', Value: 1 }, 'UpdateItem[0].SnsItem[0].Tag: must be a field friend_update sets: Tag_SNS_IM_Remark, Tag_SNS_IM_Group or Tag_SNS_Custom_ and 1 to 8 letters'],
    ['a custom value over 500 bytes', { Tag: 'Tag_SNS_Custom_Note', Value: 'x'.repeat(501) }, 'UpdateItem[0].SnsItem[0].Value: must be at most 500 bytes in UTF-8'],
  ])('answers 30001 for %s and updates nothing', async (_, field, reason) => {
    const { json } = await post(emu.fetch, path, { From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: [field] }] });
    expect(json).toEqual({ ActionStatus: 'FAIL', ErrorCode: 30001, ErrorInfo: `invalid request: ${reason}`, ErrorDisplay: '' });
    expect(emu.store.friendTags('alice', 'bob')?.Tag_SNS_IM_Remark).toBe('old');
  });
});

describe('friend_update under faults', () => {
  it.each(lostAnswers)('%s loses the answer after the update was applied', async (kind, faults) => {
    fresh({ faults });
    await update([{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'new' }] }]).catch(() => undefined);
    expect(emu.store.friendTags('alice', 'bob')?.Tag_SNS_IM_Remark).toBe('new');
    expect(log).toEqual([expect.objectContaining({ outcome: kind, failed: ['bob'], applied: ['bob'] })]);
  });

  it('itemError fails an account without updating it', async () => {
    fresh({ faults: { itemError: 1 } });
    await update([{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'new' }] }]);
    expect(emu.store.friendTags('alice', 'bob')?.Tag_SNS_IM_Remark).toBe('old');
    expect(log[0]).toMatchObject({ outcome: 'itemError', applied: [] });
  });

  it('the real client resends it after a lost answer (idempotent): done once, reported done', async () => {
    const { emu: target, tim, log: lines } = logged({ faults: { drop: 0.5 }, seed: 9 }, { retry: { retries: 5, minDelay: 1, maxDelay: 2 } });
    target.store.addFriend('alice', 'bob');
    const answer = await tim.friendUpdate({ From_Account: 'alice', UpdateItem: [{ To_Account: 'bob', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'B' }] }] });
    expect(codes(answer)).toEqual([['bob', 0]]);
    expect(lines.filter((line) => line.path === path).map((line) => line.outcome)).toEqual(['drop', 'drop', 'drop', 'ok']);
    expect(lines.flatMap((line) => line.applied)).toEqual(['bob']);
  });
});
