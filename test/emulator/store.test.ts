// The store: writes validated with the documented field rules, read helpers as test oracles
// (friendships, blocks, groups), and the seeded graph generator (size, shape, speed, reproducibility).
import { describe, expect, it } from 'vitest';
import { createEmulator, type EmulatorStore, type FriendTags, type ProfileTags } from '../../src/emulator/index.js';
import { app, validationError } from './helpers.js';

function store(now = 1_700_000_000_000, seed?: number): EmulatorStore {
  return createEmulator({ ...app, now: () => now, ...(seed === undefined ? {} : { seed }) }).store;
}

describe('store writes', () => {
  it('adds accounts with profile tags and merges later tags into the profile', () => {
    const s = store();
    s.addAccount('alice', { Tag_Profile_IM_Nick: 'Alice', Tag_Profile_IM_Level: 3 });
    s.addAccount('alice', { Tag_Profile_IM_Level: 4, Tag_Profile_Custom_City: 'Shenzhen' });
    expect(s.profile('alice')).toEqual({ Tag_Profile_IM_Nick: 'Alice', Tag_Profile_IM_Level: 4, Tag_Profile_Custom_City: 'Shenzhen' });
    expect(s.hasAccount('alice')).toBe(true);
    expect(s.profile('nobody')).toBeUndefined();
  });

  it('adds one-way friend entries with defaults, creating missing accounts', () => {
    const s = store(1_700_000_999_999);
    s.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'bobby', Tag_SNS_IM_Group: ['work'] });
    expect(s.hasAccount('alice') && s.hasAccount('bob')).toBe(true);
    expect(s.hasFriend('alice', 'bob')).toBe(true);
    expect(s.hasFriend('bob', 'alice')).toBe(false);
    expect(s.friendTags('alice', 'bob')).toEqual({
      Tag_SNS_IM_AddSource: 'AddSource_Type_Unknown',
      Tag_SNS_IM_AddTime: 1_700_000_999,
      Tag_SNS_IM_Remark: 'bobby',
      Tag_SNS_IM_Group: ['work'],
    });
    expect(s.friendTags('bob', 'alice')).toBeUndefined();
    expect(s.friends('alice')).toEqual(['bob']);
    expect(s.friends('nobody')).toEqual([]);
  });

  it('replaces an existing entry and keeps the friend order', () => {
    const s = store();
    s.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'one' });
    s.addFriend('alice', 'carol');
    s.addFriend('alice', 'bob', { Tag_SNS_IM_AddSource: 'AddSource_Type_QRCode' });
    expect(s.friends('alice')).toEqual(['bob', 'carol']);
    expect(s.friendTags('alice', 'bob')).toMatchObject({ Tag_SNS_IM_AddSource: 'AddSource_Type_QRCode' });
    expect(s.friendTags('alice', 'bob')?.Tag_SNS_IM_Remark).toBeUndefined();
  });

  it('hands out copies: changing them does not change the store', () => {
    const s = store();
    const groups = ['work'];
    s.addFriend('alice', 'bob', { Tag_SNS_IM_Group: groups });
    groups.push('later');
    const tags = s.friendTags('alice', 'bob') as { Tag_SNS_IM_Group: string[] };
    tags.Tag_SNS_IM_Group.push('mutated');
    s.addAccount('alice', { Tag_Profile_IM_Nick: 'Alice' });
    const profile = s.profile('alice') as ProfileTags;
    profile.Tag_Profile_IM_Nick = 'Mallory';
    expect(s.friendTags('alice', 'bob')?.Tag_SNS_IM_Group).toEqual(['work']);
    expect(s.profile('alice')?.Tag_Profile_IM_Nick).toBe('Alice');
  });

  it('answers relation() exactly as friend_check would', () => {
    const s = store();
    s.addFriend('a', 'both');
    s.addFriend('both', 'a');
    s.addFriend('a', 'mine');
    s.addFriend('theirs', 'a');
    expect(['both', 'mine', 'theirs', 'none'].map((b) => s.relation('a', b, 'CheckResult_Type_Both'))).toEqual([
      'CheckResult_Type_BothWay',
      'CheckResult_Type_AWithB',
      'CheckResult_Type_BWithA',
      'CheckResult_Type_NoRelation',
    ]);
    expect(['both', 'mine', 'theirs', 'none'].map((b) => s.relation('a', b, 'CheckResult_Type_Single'))).toEqual([
      'CheckResult_Type_AWithB',
      'CheckResult_Type_AWithB',
      'CheckResult_Type_NoRelation',
      'CheckResult_Type_NoRelation',
    ]);
  });

  it('blocks as black_list_add does: one way, ending the friendship both ways, and answers blockRelation() as black_list_check would', () => {
    const s = store(1_700_000_999_999);
    s.addFriend('a', 'both');
    s.addFriend('both', 'a');
    s.block('a', 'both');
    s.block('a', 'mine');
    s.block('theirs', 'a');
    s.block('a', 'both'); // again: nothing changes
    expect(s.hasAccount('mine') && s.hasAccount('theirs')).toBe(true);
    expect(s.relation('a', 'both', 'CheckResult_Type_Both')).toBe('CheckResult_Type_NoRelation');
    expect(s.blockList('a')).toEqual(['both', 'mine']);
    expect(s.blockList('nobody')).toEqual([]);
    s.block('both', 'a');
    expect(['both', 'mine', 'theirs', 'none'].map((b) => s.blockRelation('a', b, 'BlackCheckResult_Type_Both'))).toEqual([
      'BlackCheckResult_Type_BothWay',
      'BlackCheckResult_Type_AWithB',
      'BlackCheckResult_Type_BWithA',
      'BlackCheckResult_Type_NO',
    ]);
    expect(['both', 'mine', 'theirs', 'none'].map((b) => s.blockRelation('a', b, 'BlackCheckResult_Type_Single'))).toEqual([
      'BlackCheckResult_Type_AWithB',
      'BlackCheckResult_Type_AWithB',
      'BlackCheckResult_Type_NO',
      'BlackCheckResult_Type_NO',
    ]);
  });

  it('lists groups in the order entries first named them; a group stays when its friends leave', () => {
    const s = store();
    s.addFriend('a', 'b', { Tag_SNS_IM_Group: ['work', 'climbing'] });
    s.addFriend('a', 'c', { Tag_SNS_IM_Group: ['family', 'work'] });
    expect(s.groupNames('a')).toEqual(['work', 'climbing', 'family']);
    s.addFriend('a', 'c');
    expect(s.groupNames('a')).toEqual(['work', 'climbing', 'family']);
    expect(s.groupNames('nobody')).toEqual([]);
    expect(s.remarkTime('a', 'b')).toBeUndefined();
  });

  it.each<[string, () => void, string, string]>([
    ['a self-block', () => store().block('a', 'a'), 'blocked', 'must differ from owner (an account cannot block itself)'],
    ['a blocked id over 32 bytes', () => store().block('a', 'b'.repeat(33)), 'blocked', 'must be at most 32 bytes in UTF-8'],
    ['an empty owner to block for', () => store().block('', 'b'), 'owner', 'must not be empty'],
    ['an empty id', () => store().addAccount(''), 'id', 'must not be empty'],
    ['an id over 32 bytes', () => store().addAccount('é'.repeat(17)), 'id', 'must be at most 32 bytes in UTF-8'],
    ['a non-string id', () => store().addAccount(7 as unknown as string), 'id', 'must be a string'],
    ['an unknown profile tag', () => store().addAccount('a', { Nick: 'x' } as ProfileTags), 'profileTags.Nick', 'is not a standard Tag_Profile_IM_* tag or Tag_Profile_Custom_ followed by 1 to 8 letters'],
    ['a custom profile tag name over 8 letters', () => store().addAccount('a', { Tag_Profile_Custom_Favourite: 'x' }), 'profileTags.Tag_Profile_Custom_Favourite', 'is not a standard Tag_Profile_IM_* tag or Tag_Profile_Custom_ followed by 1 to 8 letters'],
    ['a nick over 500 bytes', () => store().addAccount('a', { Tag_Profile_IM_Nick: '字'.repeat(167) }), 'profileTags.Tag_Profile_IM_Nick', 'must be at most 500 bytes in UTF-8'],
    ['a location over 16 bytes', () => store().addAccount('a', { Tag_Profile_IM_Location: 'Frankfurt am Main' }), 'profileTags.Tag_Profile_IM_Location', 'must be at most 16 bytes in UTF-8'],
    ['an unknown gender', () => store().addAccount('a', { Tag_Profile_IM_Gender: 'Gender_Type_Other' as 'Gender_Type_Male' }), 'profileTags.Tag_Profile_IM_Gender', 'must be one of Gender_Type_Unknown, Gender_Type_Female, Gender_Type_Male'],
    ['a level above uint32', () => store().addAccount('a', { Tag_Profile_IM_Level: 2 ** 32 }), 'profileTags.Tag_Profile_IM_Level', 'must be an integer from 0 to 4294967295'],
    ['an own-friendship', () => store().addFriend('a', 'a'), 'friend', 'must differ from owner (an account cannot be its own friend)'],
    ['a remark over 96 bytes', () => store().addFriend('a', 'b', { Tag_SNS_IM_Remark: 'r'.repeat(97) }), 'friendTags.Tag_SNS_IM_Remark', 'must be at most 96 bytes in UTF-8'],
    ['33 groups', () => store().addFriend('a', 'b', { Tag_SNS_IM_Group: Array.from({ length: 33 }, (_, i) => `g${i}`) }), 'friendTags.Tag_SNS_IM_Group', 'must hold at most 32 groups'],
    ['an empty group name', () => store().addFriend('a', 'b', { Tag_SNS_IM_Group: ['work', ''] }), 'friendTags.Tag_SNS_IM_Group[1]', 'must not be empty'],
    ['a bad add source', () => store().addFriend('a', 'b', { Tag_SNS_IM_AddSource: 'AddSource_Type_1' }), 'friendTags.Tag_SNS_IM_AddSource', 'must be AddSource_Type_ followed by 1 to 8 letters'],
    ['an add source keyword over 8 bytes', () => store().addFriend('a', 'b', { Tag_SNS_IM_AddSource: 'AddSource_Type_Recommend' }), 'friendTags.Tag_SNS_IM_AddSource', 'must be AddSource_Type_ followed by 1 to 8 letters'],
    ['a group name over 30 bytes', () => store().addFriend('a', 'b', { Tag_SNS_IM_Group: ['ok', 'g'.repeat(31)] }), 'friendTags.Tag_SNS_IM_Group[1]', 'must be at most 30 bytes in UTF-8'],
    ['a wording over 256 bytes', () => store().addFriend('a', 'b', { Tag_SNS_IM_AddWording: 'w'.repeat(257) }), 'friendTags.Tag_SNS_IM_AddWording', 'must be at most 256 bytes in UTF-8'],
    ['a negative add time', () => store().addFriend('a', 'b', { Tag_SNS_IM_AddTime: -1 }), 'friendTags.Tag_SNS_IM_AddTime', 'must be an integer from 0 to 4294967295'],
    ['a profile tag among friend tags', () => store().addFriend('a', 'b', { Tag_Profile_IM_Nick: 'x' } as FriendTags), 'friendTags.Tag_Profile_IM_Nick', 'is not a standard Tag_SNS_IM_* tag or Tag_SNS_Custom_ followed by 1 to 8 letters'],
    ['a custom value of the wrong type', () => store().addFriend('a', 'b', { Tag_SNS_Custom_Note: true as unknown as string }), 'friendTags.Tag_SNS_Custom_Note', 'must be a string of at most 500 bytes or a non-negative integer'],
  ])('rejects %s with TimValidationError naming the place', (_, action, path, reason) => {
    const error = validationError(action);
    expect(error.path).toBe(path);
    expect(error.reason).toBe(reason);
  });

  it('writes nothing when a write is rejected', () => {
    const s = store();
    validationError(() => s.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'r'.repeat(97) }));
    expect(s.hasAccount('alice') || s.hasAccount('bob')).toBe(false);
  });

  it('accepts every standard tag at its limits', () => {
    const s = store();
    const profile: ProfileTags = {
      Tag_Profile_IM_Nick: 'n'.repeat(500),
      Tag_Profile_IM_Gender: 'Gender_Type_Unknown',
      Tag_Profile_IM_BirthDay: 4_294_967_295,
      Tag_Profile_IM_Location: '深圳市南山', // 15 bytes
      Tag_Profile_IM_SelfSignature: '签'.repeat(166), // 498 bytes
      Tag_Profile_IM_AllowType: 'AllowType_Type_DenyAny',
      Tag_Profile_IM_Language: 0,
      Tag_Profile_IM_Image: `https://x.test/${'i'.repeat(485)}`,
      Tag_Profile_IM_MsgSettings: 1,
      Tag_Profile_IM_AdminForbidType: 'AdminForbid_Type_SendOut',
      Tag_Profile_IM_Level: 0,
      Tag_Profile_IM_Role: 4_294_967_295,
      Tag_Profile_Custom_Abcdefgh: Number.MAX_SAFE_INTEGER,
    };
    const entry: FriendTags = {
      Tag_SNS_IM_Remark: 'r'.repeat(96),
      Tag_SNS_IM_Group: Array.from({ length: 32 }, (_, i) => `g${i}`),
      Tag_SNS_IM_AddSource: 'AddSource_Type_Android',
      Tag_SNS_IM_AddWording: 'w'.repeat(256),
      Tag_SNS_IM_AddTime: 0,
      Tag_SNS_Custom_Note: '',
    };
    s.addAccount('a'.repeat(32), profile);
    s.addFriend('a'.repeat(32), '字'.repeat(10), entry);
    expect(s.profile('a'.repeat(32))).toEqual(profile);
    expect(s.friendTags('a'.repeat(32), '字'.repeat(10))).toEqual(entry);
  });
});
