// friend_check through the real client and on the wire: every relation of both check types,
// exact answer shapes, per-item failures and the request-level 30001 / 30003 answers.
import { beforeEach, describe, expect, it } from 'vitest';
import { TimApiError, type FriendCheckType } from '../../src/index.js';
import type { Emulator } from '../../src/emulator/index.js';
import { post, rejection, setup } from './helpers.js';

const path = 'v4/sns/friend_check';
let emu: Emulator;
let tim: ReturnType<typeof setup>['tim'];

beforeEach(() => {
  ({ emu, tim } = setup());
  // alice ⇄ bob, alice → carol, dave → alice, erin exists, zed does not.
  emu.store.addFriend('alice', 'bob');
  emu.store.addFriend('bob', 'alice');
  emu.store.addFriend('alice', 'carol');
  emu.store.addFriend('dave', 'alice');
  emu.store.addAccount('erin');
});

const accounts = ['bob', 'carol', 'dave', 'erin', 'zed'];

describe('friend_check relations', () => {
  it.each<[FriendCheckType, string[]]>([
    ['CheckResult_Type_Both', ['BothWay', 'AWithB', 'BWithA', 'NoRelation', 'NoRelation']],
    ['CheckResult_Type_Single', ['AWithB', 'AWithB', 'NoRelation', 'NoRelation', 'NoRelation']],
  ])('%s answers each relation as IM-REST-NOTES.md defines it', async (CheckType, relations) => {
    const { InfoItem, Fail_Account } = await tim.friendCheck({ From_Account: 'alice', To_Account: accounts, CheckType });
    expect(InfoItem.map((item) => [item.To_Account, item.Relation, item.ResultCode])).toEqual(
      accounts.map((account, index) => [account, `CheckResult_Type_${relations[index]}`, 0]),
    );
    expect(Fail_Account).toBeUndefined();
    for (const item of InfoItem) expect(item.Relation).toBe(emu.store.relation('alice', item.To_Account, CheckType));
  });

  it('is directional: the same pair seen from the other side', async () => {
    const { InfoItem } = await tim.friendCheck({ From_Account: 'carol', To_Account: ['alice'], CheckType: 'CheckResult_Type_Both' });
    expect(InfoItem[0]?.Relation).toBe('CheckResult_Type_BWithA');
    const single = await tim.friendCheck({ From_Account: 'carol', To_Account: ['alice'], CheckType: 'CheckResult_Type_Single' });
    expect(single.InfoItem[0]?.Relation).toBe('CheckResult_Type_NoRelation');
  });

  it('answers in the docs\' wire shape and field order', async () => {
    const { status, json } = await post(emu.fetch, path, { From_Account: 'alice', To_Account: ['bob', 'zed'], CheckType: 'CheckResult_Type_Both' });
    expect(status).toBe(200);
    expect(json).toEqual({
      InfoItem: [
        { To_Account: 'bob', Relation: 'CheckResult_Type_BothWay', ResultCode: 0, ResultInfo: '' },
        { To_Account: 'zed', Relation: 'CheckResult_Type_NoRelation', ResultCode: 0, ResultInfo: '' },
      ],
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
    });
    expect(Object.keys(json)).toEqual(['InfoItem', 'ActionStatus', 'ErrorCode', 'ErrorInfo', 'ErrorDisplay']);
    expect(Object.keys((json.InfoItem as object[])[0] ?? {})).toEqual(['To_Account', 'Relation', 'ResultCode', 'ResultInfo']);
  });

  it('answers a duplicated account once per occurrence, as the service does', async () => {
    const { json } = await post(emu.fetch, path, { From_Account: 'alice', To_Account: ['bob', 'carol', 'bob'], CheckType: 'CheckResult_Type_Single' });
    expect((json.InfoItem as { To_Account: string }[]).map((item) => item.To_Account)).toEqual(['bob', 'carol', 'bob']);
  });

  it('accepts 1000 accounts in one request', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => `u${i}`);
    const { json } = await post(emu.fetch, path, { From_Account: 'alice', To_Account: many, CheckType: 'CheckResult_Type_Single' });
    expect(json.ErrorCode).toBe(0);
    expect(json.InfoItem).toHaveLength(1000);
    expect(emu.stats.endpoints[path].maxAccountsPerRequest).toBe(1000);
  });
});

describe('friend_check request errors', () => {
  it('answers 30003 for an unknown From_Account', async () => {
    const error = await rejection(tim.friendCheck({ From_Account: 'nobody', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' }));
    expect(error).toBeInstanceOf(TimApiError);
    expect(error).toMatchObject({ code: 30003, errorInfo: 'From_Account does not exist: nobody', retryable: false });
  });

  it.each([
    ['more than 1000 accounts', { From_Account: 'alice', To_Account: Array.from({ length: 1001 }, (_, i) => `u${i}`), CheckType: 'CheckResult_Type_Both' }, 'To_Account: must hold at most 1000 accounts per request (got 1001)'],
    ['an empty To_Account', { From_Account: 'alice', To_Account: [], CheckType: 'CheckResult_Type_Both' }, 'To_Account: must not be empty'],
    ['an unknown CheckType', { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_All' }, 'CheckType: must be CheckResult_Type_Single or CheckResult_Type_Both'],
    ['a missing CheckType', { From_Account: 'alice', To_Account: ['bob'] }, 'CheckType: is required'],
    ['a missing From_Account', { To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' }, 'From_Account: is required'],
    ['a From_Account of the wrong type', { From_Account: 7, To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' }, 'From_Account: must be a string'],
    ['a To_Account that is not a list', { From_Account: 'alice', To_Account: 'bob', CheckType: 'CheckResult_Type_Both' }, 'To_Account: must be an array of UserIDs'],
    ['a To_Account entry of the wrong type', { From_Account: 'alice', To_Account: ['bob', 3], CheckType: 'CheckResult_Type_Both' }, 'To_Account[1]: must be a string'],
  ])('answers 30001 for %s, saying what is wrong', async (_, body, reason) => {
    const { status, json } = await post(emu.fetch, path, body);
    expect(status).toBe(200);
    expect(json).toEqual({ ActionStatus: 'FAIL', ErrorCode: 30001, ErrorInfo: `invalid request: ${reason}`, ErrorDisplay: '' });
  });

  it('answers 30001 for a body that is JSON but not an object', async () => {
    for (const body of ['[]', '"text"', 'null', '42']) {
      const { json } = await post(emu.fetch, path, body);
      expect(json).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: the body must be a JSON object' });
    }
  });

  it('checks the body before the account', async () => {
    const { json } = await post(emu.fetch, path, { From_Account: 'nobody', To_Account: [], CheckType: 'CheckResult_Type_Both' });
    expect(json.ErrorCode).toBe(30001);
  });
});

describe('friend_check item failures', () => {
  it('carry the ResultInfo the documentation shows, for 30006 and 30007 alike', async () => {
    const { emu, tim } = setup({ faults: { itemError: 1 }, seed: 3 });
    emu.store.addAccount('alice');
    const { InfoItem } = await tim.friendCheck({ From_Account: 'alice', To_Account: Array.from({ length: 40 }, (_, i) => `u${i}`), CheckType: 'CheckResult_Type_Both' });
    expect(new Set(InfoItem.map((item) => item.ResultCode))).toEqual(new Set([30006, 30007]));
    expect(new Set(InfoItem.map((item) => item.ResultInfo))).toEqual(new Set(['Err_SNS_FriendCheck_Check_Relation_Exec_Task_Fail']));
  });
});
