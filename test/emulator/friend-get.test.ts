// friend_get on the wire and through tim.paginate: pages of friendGetPageSize in the order friends
// were added, every friend exactly once, the last page's flags, a StartIndex past the end, the
// ValueItem fields, and the sequences (advancing on every change, leaving out what the caller has).
import { describe, expect, it } from 'vitest';
import { friendGet, type FriendGetItem } from '../../src/index.js';
import type { Emulator, EmulatorOptions } from '../../src/emulator/index.js';
import { post, setup } from './helpers.js';

const path = 'v4/sns/friend_get';
const now = 1_700_000_000_000;

function withFriends(count: number, options: Partial<EmulatorOptions> = {}) {
  const { emu, tim } = setup({ now: () => now, ...options });
  emu.store.addAccount('alice');
  const friends = Array.from({ length: count }, (_, i) => `f${String(i).padStart(2, '0')}`);
  for (const friend of friends) emu.store.addFriend('alice', friend);
  return { emu, tim, friends };
}

async function page(emu: Emulator, body: Record<string, unknown>) {
  const { json } = await post(emu.fetch, path, { From_Account: 'alice', ...body });
  return json;
}

const accountsOf = (json: Record<string, unknown>) => (json.UserDataItem as FriendGetItem[]).map((item) => item.To_Account);

describe('friend_get pages', () => {
  it('walks every friend exactly once, in the order they were added, page by page', async () => {
    const { emu, friends } = withFriends(10, { friendGetPageSize: 3 });
    const pages: Record<string, unknown>[] = [];
    let start = 0;
    do {
      const answer = await page(emu, { StartIndex: start });
      pages.push(answer);
      start = answer.NextStartIndex as number;
    } while (pages.at(-1)?.CompleteFlag === 0);
    expect(pages.map(accountsOf)).toEqual([friends.slice(0, 3), friends.slice(3, 6), friends.slice(6, 9), friends.slice(9)]);
    expect(pages.map((answer) => [answer.CompleteFlag, answer.NextStartIndex, answer.FriendNum])).toEqual([
      [0, 3, 10],
      [0, 6, 10],
      [0, 9, 10],
      [1, 0, 10],
    ]);
  });

  it('answers in the wire shape and field order', async () => {
    const { emu } = withFriends(1);
    const json = await page(emu, { StartIndex: 0 });
    expect(json).toEqual({
      UserDataItem: [
        {
          To_Account: 'f00',
          ValueItem: [
            { Tag: 'Tag_SNS_IM_AddSource', Value: 'AddSource_Type_Unknown' },
            { Tag: 'Tag_SNS_IM_AddTime', Value: now / 1000 },
          ],
        },
      ],
      StandardSequence: 1,
      CustomSequence: 1,
      FriendNum: 1,
      CompleteFlag: 1,
      NextStartIndex: 0,
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
    });
    expect(Object.keys(json)).toEqual(['UserDataItem', 'StandardSequence', 'CustomSequence', 'FriendNum', 'CompleteFlag', 'NextStartIndex', 'ActionStatus', 'ErrorCode', 'ErrorInfo', 'ErrorDisplay']);
  });

  it('pages 100 friends at a time by default', async () => {
    const { emu } = withFriends(0);
    for (let i = 0; i < 250; i++) emu.store.addFriend('alice', `u${i}`);
    const sizes = [];
    for (const start of [0, 100, 200]) sizes.push(accountsOf(await page(emu, { StartIndex: start })).length);
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('answers an empty last page for a StartIndex at or past the end, and for no friends', async () => {
    const { emu } = withFriends(4);
    for (const start of [4, 5, 1000]) {
      expect(await page(emu, { StartIndex: start })).toMatchObject({ UserDataItem: [], FriendNum: 4, CompleteFlag: 1, NextStartIndex: 0 });
    }
    const lonely = withFriends(0).emu;
    expect(await page(lonely, { StartIndex: 0 })).toMatchObject({ UserDataItem: [], FriendNum: 0, CompleteFlag: 1, NextStartIndex: 0, StandardSequence: 0 });
  });

  it('lists a friend deleted and added again at the end', async () => {
    const { emu, friends } = withFriends(3);
    await post(emu.fetch, 'v4/sns/friend_delete', { From_Account: 'alice', To_Account: ['f00'] });
    emu.store.addFriend('alice', 'f00');
    expect(accountsOf(await page(emu, { StartIndex: 0 }))).toEqual([...friends.slice(1), 'f00']);
  });

  it('lists each entry\'s fields: standard ones in a fixed order, then custom ones', async () => {
    const { emu } = withFriends(0);
    emu.store.addFriend('alice', 'bob', {
      Tag_SNS_Custom_Score: 7,
      Tag_SNS_IM_AddTime: 1_600_000_000,
      Tag_SNS_IM_Group: ['work', 'gym'],
      Tag_SNS_IM_Remark: 'Bobby',
      Tag_SNS_IM_AddWording: 'hi',
      Tag_SNS_IM_AddSource: 'AddSource_Type_QRCode',
    });
    const [bob] = (await page(emu, { StartIndex: 0 })).UserDataItem as FriendGetItem[];
    expect(bob?.ValueItem).toEqual([
      { Tag: 'Tag_SNS_IM_AddSource', Value: 'AddSource_Type_QRCode' },
      { Tag: 'Tag_SNS_IM_Remark', Value: 'Bobby' },
      { Tag: 'Tag_SNS_IM_Group', Value: ['work', 'gym'] },
      { Tag: 'Tag_SNS_IM_AddWording', Value: 'hi' },
      { Tag: 'Tag_SNS_IM_AddTime', Value: 1_600_000_000 },
      { Tag: 'Tag_SNS_Custom_Score', Value: 7 },
    ]);
  });

  it('walks generated lists through tim.paginate, each friend once', async () => {
    const { emu, tim } = setup({ friendGetPageSize: 7 });
    const [owner = ''] = emu.store.generate({ users: 300, friendsPerUser: 40, seed: 3 });
    const walked: string[] = [];
    let pages = 0;
    for await (const answer of tim.paginate(friendGet, { From_Account: owner })) {
      pages++;
      walked.push(...answer.UserDataItem.map((item) => item.To_Account));
      expect(answer.FriendNum).toBe(emu.store.friends(owner).length);
    }
    expect(walked).toEqual(emu.store.friends(owner));
    expect(pages).toBe(Math.max(1, Math.ceil(walked.length / 7)));
    expect(walked.length).toBeGreaterThan(7);
  });

  it('answers 30001 for a missing or negative StartIndex, 30003 for an unknown From_Account', async () => {
    const { emu } = withFriends(1);
    expect(await page(emu, {})).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: StartIndex: is required' });
    expect(await page(emu, { StartIndex: -1 })).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: StartIndex: must not be negative' });
    const { json } = await post(emu.fetch, path, { From_Account: 'zed', StartIndex: 0 });
    expect(json).toMatchObject({ ErrorCode: 30003 });
    expect(emu.stats.endpoints[path]).toEqual({ requests: 3, peakPerInterval: 3, maxAccountsPerRequest: 0 });
  });
});

describe('friend_get sequences', () => {
  const sequenceOf = async (emu: Emulator, account: string) => {
    const { json } = await post(emu.fetch, path, { From_Account: account, StartIndex: 0 });
    expect(json.CustomSequence).toBe(json.StandardSequence);
    return json.StandardSequence as number;
  };

  it('advance on every change of the account\'s list, for each account whose list changed', async () => {
    const { emu } = withFriends(0);
    emu.store.addAccount('bob');
    emu.store.addAccount('carol');
    const add = (body: Record<string, unknown>) => post(emu.fetch, 'v4/sns/friend_add', { From_Account: 'alice', ...body });
    const seen = async () => [await sequenceOf(emu, 'alice'), await sequenceOf(emu, 'bob')];
    expect(await seen()).toEqual([0, 0]);
    await add({ AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Search' }] }); // both ways
    expect(await seen()).toEqual([1, 1]);
    await add({ AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Search' }] }); // 30001: nothing changes
    expect(await seen()).toEqual([1, 1]);
    await add({ AddFriendItem: [{ To_Account: 'carol', AddSource: 'AddSource_Type_Search' }], AddType: 'Add_Type_Single' });
    expect(await seen()).toEqual([2, 1]);
    await post(emu.fetch, 'v4/sns/friend_delete', { From_Account: 'alice', To_Account: ['bob'], DeleteType: 'Delete_Type_Both' });
    expect(await seen()).toEqual([3, 2]);
    emu.store.addFriend('alice', 'carol', { Tag_SNS_IM_Remark: 'replaced' });
    expect(await seen()).toEqual([4, 2]);
  });

  it('stay the same across the pages of an unchanged list', async () => {
    const { emu } = withFriends(5, { friendGetPageSize: 2 });
    const sequences = [];
    for (const start of [0, 2, 4]) sequences.push((await page(emu, { StartIndex: start })).StandardSequence);
    expect(sequences).toEqual([5, 5, 5]);
  });

  it('count the entries of generated lists', async () => {
    const { emu } = setup();
    const [owner = ''] = emu.store.generate({ users: 50, seed: 2 });
    expect(await sequenceOf(emu, owner)).toBe(emu.store.friends(owner).length);
  });

  it('leave out the fields the caller has: a current sequence drops them, 0 or an old one does not', async () => {
    const { emu } = withFriends(0);
    emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'Bobby', Tag_SNS_Custom_Score: 3 });
    const valueItems = async (body: Record<string, unknown>) => ((await page(emu, { StartIndex: 0, ...body })).UserDataItem as FriendGetItem[])[0]?.ValueItem?.map((item) => item.Tag);
    expect(await valueItems({ StandardSequence: 0, CustomSequence: 0 })).toEqual(['Tag_SNS_IM_AddSource', 'Tag_SNS_IM_Remark', 'Tag_SNS_IM_AddTime', 'Tag_SNS_Custom_Score']);
    expect(await valueItems({ StandardSequence: 1 })).toEqual(['Tag_SNS_Custom_Score']);
    expect(await valueItems({ CustomSequence: 1 })).toEqual(['Tag_SNS_IM_AddSource', 'Tag_SNS_IM_Remark', 'Tag_SNS_IM_AddTime']);
    expect(await valueItems({ StandardSequence: 1, CustomSequence: 1 })).toBeUndefined();
    expect(await valueItems({ StandardSequence: 7, CustomSequence: 7 })).toHaveLength(4);
  });
});
