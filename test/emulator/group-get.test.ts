// group_get on the wire and through the real client: groups in creation order with FriendNumber,
// friends with NeedFriend (only without GroupName), chosen groups, CurrentSequence following
// every change, and generated entries' groups.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { post, sequences, setup } from './helpers.js';

const path = 'v4/sns/group_get';
let emu: Emulator;
let tim: ReturnType<typeof setup>['tim'];

beforeEach(async () => {
  ({ emu, tim } = setup());
  // alice: bob in work and climbing, carol in work, dave in no group, an empty group family.
  emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Group: ['work', 'climbing'] });
  emu.store.addFriend('alice', 'carol', { Tag_SNS_IM_Group: ['work'] });
  emu.store.addFriend('alice', 'dave');
  await post(emu.fetch, 'v4/sns/group_add', { From_Account: 'alice', GroupName: ['family'] });
});

async function groups(body: Record<string, unknown> = {}) {
  const { json } = await post(emu.fetch, path, { From_Account: 'alice', ...body });
  return json;
}

describe('group_get', () => {
  it('lists every group in creation order with FriendNumber, in the wire shape', async () => {
    const { groups: sequence } = await sequences(emu, 'alice');
    expect(await groups()).toEqual({
      ResultItem: [
        { GroupName: 'work', FriendNumber: 2 },
        { GroupName: 'climbing', FriendNumber: 1 },
        { GroupName: 'family', FriendNumber: 0 },
      ],
      CurrentSequence: sequence,
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
    });
  });

  it('lists each group\'s friends with NeedFriend, in the order they were added', async () => {
    const json = await groups({ NeedFriend: 'Need_Friend_Type_Yes' });
    expect(json.ResultItem).toEqual([
      { GroupName: 'work', FriendNumber: 2, To_Account: ['bob', 'carol'] },
      { GroupName: 'climbing', FriendNumber: 1, To_Account: ['bob'] },
      { GroupName: 'family', FriendNumber: 0, To_Account: [] },
    ]);
  });

  it('lists the named groups alice has, in the order named, and ignores NeedFriend then (as documented)', async () => {
    const json = await groups({ GroupName: ['family', 'nope', 'work'], NeedFriend: 'Need_Friend_Type_Yes' });
    expect(json.ResultItem).toEqual([
      { GroupName: 'family', FriendNumber: 0 },
      { GroupName: 'work', FriendNumber: 2 },
    ]);
  });

  it('follows every change: CurrentSequence advances, and deleted friends leave their groups', async () => {
    const first = (await groups()).CurrentSequence as number;
    await post(emu.fetch, 'v4/sns/friend_delete', { From_Account: 'alice', To_Account: ['bob'] });
    const json = await groups({ NeedFriend: 'Need_Friend_Type_Yes' });
    expect(json.CurrentSequence).toBeGreaterThan(first);
    expect(json.ResultItem).toEqual([
      { GroupName: 'work', FriendNumber: 1, To_Account: ['carol'] },
      { GroupName: 'climbing', FriendNumber: 0, To_Account: [] },
      { GroupName: 'family', FriendNumber: 0, To_Account: [] },
    ]);
    await post(emu.fetch, 'v4/sns/friend_add', { From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Search', GroupName: 'new' }] });
    const after = await groups();
    expect(after.CurrentSequence).toBeGreaterThan(json.CurrentSequence as number);
    expect(after.ResultItem).toContainEqual({ GroupName: 'new', FriendNumber: 1 });
  });

  it('answers no groups and sequence 0 for an account without any', async () => {
    emu.store.addAccount('erin');
    const { json } = await post(emu.fetch, path, { From_Account: 'erin' });
    expect(json).toMatchObject({ ResultItem: [], CurrentSequence: 0 });
  });

  it('counts the groups generated entries name', async () => {
    const [first = ''] = emu.store.generate({ users: 50, friendsPerUser: 10, seed: 3 });
    const { ResultItem } = await tim.groupGet({ From_Account: first, NeedFriend: 'Need_Friend_Type_Yes' });
    const expected = new Map<string, string[]>();
    for (const friend of emu.store.friends(first)) for (const name of emu.store.friendTags(first, friend)?.Tag_SNS_IM_Group ?? []) expected.set(name, [...(expected.get(name) ?? []), friend]);
    expect(ResultItem.map((group) => [group.GroupName, group.To_Account])).toEqual([...expected]);
    expect(ResultItem.length).toBeGreaterThan(0);
  });

  it('answers 30001 for a NeedFriend it does not know', async () => {
    expect(await groups({ NeedFriend: 'yes' })).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: NeedFriend: must be Need_Friend_Type_Yes' });
  });
});
