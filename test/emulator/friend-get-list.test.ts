// friend_get_list through the real client and on the wire: tags from the friend's profile and
// the owner's entry, in TagList order, the not-a-friend item, and the request-level errors.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { post, setup } from './helpers.js';

const path = 'v4/sns/friend_get_list';
const now = 1_700_000_123_456;
let emu: Emulator;
let tim: ReturnType<typeof setup>['tim'];

beforeEach(() => {
  ({ emu, tim } = setup({ now: () => now }));
  emu.store.addAccount('alice', { Tag_Profile_IM_Nick: 'Alice' });
  emu.store.addAccount('bob', { Tag_Profile_IM_Nick: 'Bob', Tag_Profile_IM_Level: 7, Tag_Profile_Custom_Test: 'custom_profile_2' });
  emu.store.addFriend('alice', 'bob', {
    Tag_SNS_IM_Remark: 'remark_2',
    Tag_SNS_IM_Group: ['group1', 'group2'],
    Tag_SNS_IM_AddSource: 'AddSource_Type_Search',
    Tag_SNS_IM_AddTime: 1_600_000_000,
    Tag_SNS_Custom_Test: 'custom_sns_2',
  });
  emu.store.addFriend('alice', 'carol');
  // dave has alice in his list, not the other way round.
  emu.store.addFriend('dave', 'alice', { Tag_SNS_IM_Remark: 'not alice\'s entry' });
});

describe('friend_get_list', () => {
  it('answers the asked tags in TagList order, profile tags from the friend, SNS tags from the entry', async () => {
    const TagList = ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_Profile_IM_Nick', 'Tag_SNS_Custom_Test', 'Tag_Profile_Custom_Test', 'Tag_Profile_IM_Level', 'Tag_SNS_IM_AddTime'];
    const { InfoItem } = await tim.friendGetList({ From_Account: 'alice', To_Account: ['bob'], TagList });
    expect(InfoItem[0]?.SnsProfileItem).toEqual([
      { Tag: 'Tag_SNS_IM_Remark', Value: 'remark_2' },
      { Tag: 'Tag_SNS_IM_Group', Value: ['group1', 'group2'] },
      { Tag: 'Tag_Profile_IM_Nick', Value: 'Bob' },
      { Tag: 'Tag_SNS_Custom_Test', Value: 'custom_sns_2' },
      { Tag: 'Tag_Profile_Custom_Test', Value: 'custom_profile_2' },
      { Tag: 'Tag_Profile_IM_Level', Value: 7 },
      { Tag: 'Tag_SNS_IM_AddTime', Value: 1_600_000_000 },
    ]);
  });

  it('omits tags without a value and fills the entry defaults from the clock', async () => {
    const TagList = ['Tag_SNS_IM_Remark', 'Tag_Profile_IM_Nick', 'Tag_SNS_IM_AddSource', 'Tag_SNS_IM_AddTime', 'Tag_Profile_IM_Image'];
    const { InfoItem } = await tim.friendGetList({ From_Account: 'alice', To_Account: ['carol'], TagList });
    expect(InfoItem[0]).toMatchObject({
      To_Account: 'carol',
      ResultCode: 0,
      SnsProfileItem: [
        { Tag: 'Tag_SNS_IM_AddSource', Value: 'AddSource_Type_Unknown' },
        { Tag: 'Tag_SNS_IM_AddTime', Value: Math.floor(now / 1000) },
      ],
    });
  });

  it('answers an account outside the list with item 30001 and lists it in Fail_Account, in the docs\' shape', async () => {
    const { json } = await post(emu.fetch, path, { From_Account: 'alice', To_Account: ['bob', 'dave', 'zed'], TagList: ['Tag_SNS_IM_Remark'] });
    expect(json).toEqual({
      InfoItem: [
        { To_Account: 'bob', SnsProfileItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'remark_2' }], ResultCode: 0, ResultInfo: '' },
        { To_Account: 'dave', ResultCode: 30001, ResultInfo: 'Err_SNS_FriendGetList_Friend_Not_Exist' },
        { To_Account: 'zed', ResultCode: 30001, ResultInfo: 'Err_SNS_FriendGetList_Friend_Not_Exist' },
      ],
      Fail_Account: ['dave', 'zed'],
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
    });
    expect(Object.keys(json)).toEqual(['InfoItem', 'Fail_Account', 'ActionStatus', 'ErrorCode', 'ErrorInfo', 'ErrorDisplay']);
  });

  it('reaches the client with Fail_Account and the failed items', async () => {
    const answer = await tim.friendGetList({ From_Account: 'alice', To_Account: ['bob', 'dave'], TagList: ['Tag_Profile_IM_Nick'] });
    expect(answer.Fail_Account).toEqual(['dave']);
    expect(answer.InfoItem.map((item) => [item.To_Account, item.ResultCode, item.SnsProfileItem?.length])).toEqual([
      ['bob', 0, 1],
      ['dave', 30001, undefined],
    ]);
  });

  it('answers a tag asked twice once', async () => {
    const { json } = await post(emu.fetch, path, { From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Nick'] });
    expect((json.InfoItem as { SnsProfileItem: unknown[] }[])[0]?.SnsProfileItem).toEqual([{ Tag: 'Tag_Profile_IM_Nick', Value: 'Bob' }]);
  });

  it('answers 30003 for an unknown From_Account', async () => {
    const { json } = await post(emu.fetch, path, { From_Account: 'zed', To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nick'] });
    expect(json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 30003 });
  });

  it.each([
    ['more than 100 accounts', { To_Account: Array.from({ length: 101 }, (_, i) => `u${i}`) }, 'To_Account: must hold at most 100 accounts per request (got 101)'],
    ['an empty To_Account', { To_Account: [] }, 'To_Account: must not be empty'],
    ['an empty TagList', { TagList: [] }, 'TagList: must not be empty'],
    ['a missing TagList', { TagList: undefined }, 'TagList: is required'],
    // The declaration's schema first: the SDK's own refusal, with a did-you-mean.
    ['a misspelt tag', { TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Nik'] }, 'TagList[1]: is not a documented tag: did you mean Tag_Profile_IM_Nick?'],
    ['a bare keyword', { TagList: ['Nick'] }, 'TagList[0]: is not a documented tag: did you mean Tag_Profile_IM_Nick?'],
    // Then the service's keyword rule for custom tags, which the SDK leaves to the service.
    ['a custom tag of 9 letters', { TagList: ['Tag_SNS_Custom_Nicknames'] }, 'TagList[0]: is not a documented profile (Tag_Profile_IM_*) or friend (Tag_SNS_IM_*) tag, nor a custom one'],
    ['a custom tag with a digit', { TagList: ['Tag_Profile_Custom_Level2'] }, 'TagList[0]: is not a documented profile (Tag_Profile_IM_*) or friend (Tag_SNS_IM_*) tag, nor a custom one'],
  ])('answers 30001 for %s', async (_, change, reason) => {
    const body = { From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nick'], ...change };
    const { json } = await post(emu.fetch, path, body);
    expect(json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 30001, ErrorDisplay: '' });
    expect(json.ErrorInfo).toContain(`invalid request: ${reason}`);
  });

  it('accepts 100 accounts in one request', async () => {
    const { json } = await post(emu.fetch, path, { From_Account: 'alice', To_Account: Array.from({ length: 100 }, (_, i) => `u${i}`), TagList: ['Tag_Profile_IM_Nick'] });
    expect(json.ErrorCode).toBe(0);
    expect(json.Fail_Account).toHaveLength(100);
  });
});
