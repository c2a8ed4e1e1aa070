// friend_delete on the wire and through the real client: one-way and both-way deletes, 31704 for
// what is not there, the request checks, and write faults (applied before a lost answer).
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator, EmulatorOptions, EmulatorRequestEntry } from '../../src/emulator/index.js';
import { post, setup } from './helpers.js';

const path = 'v4/sns/friend_delete';

let emu: Emulator;
let log: EmulatorRequestEntry[];

/** alice ⇄ bob, alice → carol, dave → alice, erin exists. */
function fresh(options: Partial<EmulatorOptions> = {}): Emulator {
  log = [];
  ({ emu } = setup({ onRequest: (entry) => log.push(entry), ...options }));
  emu.store.addFriend('alice', 'bob');
  emu.store.addFriend('bob', 'alice');
  emu.store.addFriend('alice', 'carol');
  emu.store.addFriend('dave', 'alice');
  emu.store.addAccount('erin');
  return emu;
}

beforeEach(() => {
  fresh();
});

async function remove(accounts: unknown[], extra: Record<string, unknown> = {}) {
  const { json } = await post(emu.fetch, path, { From_Account: 'alice', To_Account: accounts, ...extra });
  return json;
}

const codes = (json: Record<string, unknown>) => (json.ResultItem as { To_Account: string; ResultCode: number }[]).map((item) => [item.To_Account, item.ResultCode]);
const relationOf = (account: string) => emu.store.relation('alice', account, 'CheckResult_Type_Both');

describe('friend_delete, one way (the default)', () => {
  it('takes each account out of alice\'s list only, and answers in the wire shape', async () => {
    const json = await remove(['bob', 'carol']);
    expect(json).toEqual({
      ResultItem: [
        { To_Account: 'bob', ResultCode: 0, ResultInfo: '' },
        { To_Account: 'carol', ResultCode: 0, ResultInfo: '' },
      ],
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
    });
    expect(relationOf('bob')).toBe('CheckResult_Type_BWithA'); // alice is still in bob's list
    expect(relationOf('carol')).toBe('CheckResult_Type_NoRelation');
    expect(log[0]).toMatchObject({ accounts: ['bob', 'carol'], outcome: 'ok', failed: [], applied: ['bob', 'carol'] });
  });

  it('answers 31704 for an account not in alice\'s list, even one whose list holds alice', async () => {
    const json = await remove(['dave', 'erin', 'zed', 'alice', 'bob'], { DeleteType: 'Delete_Type_Single' });
    expect(codes(json)).toEqual([['dave', 31704], ['erin', 31704], ['zed', 31704], ['alice', 31704], ['bob', 0]]);
    expect((json.ResultItem as { ResultInfo: string }[])[0]?.ResultInfo).toBe('Err_SNS_FriendDelete_Not_Friend');
    expect(json.Fail_Account).toEqual(['dave', 'erin', 'zed', 'alice']);
    expect(relationOf('dave')).toBe('CheckResult_Type_BWithA');
    expect(log[0]?.applied).toEqual(['bob']);
  });

  it('answers 31704 for the second of an account twice: the first took it out', async () => {
    expect(codes(await remove(['carol', 'carol']))).toEqual([['carol', 0], ['carol', 31704]]);
  });
});

describe('friend_delete, both ways', () => {
  it('takes each out of the other\'s list, whichever lists held the other', async () => {
    const json = await remove(['bob', 'carol', 'dave'], { DeleteType: 'Delete_Type_Both' });
    expect(codes(json)).toEqual([['bob', 0], ['carol', 0], ['dave', 0]]);
    for (const account of ['bob', 'carol', 'dave']) expect(relationOf(account)).toBe('CheckResult_Type_NoRelation');
    expect(emu.store.friends('alice')).toEqual([]);
  });

  it('answers 31704 only when there was no relation at all', async () => {
    const json = await remove(['erin', 'zed', 'bob'], { DeleteType: 'Delete_Type_Both' });
    expect(codes(json)).toEqual([['erin', 31704], ['zed', 31704], ['bob', 0]]);
    expect(log[0]).toMatchObject({ failed: ['erin', 'zed'], applied: ['bob'] });
  });
});

describe('friend_delete request checks', () => {
  it.each([
    ['an empty To_Account', { To_Account: [] }, 'To_Account: must not be empty'],
    ['more than 1000 accounts', { To_Account: Array.from({ length: 1001 }, (_, i) => `u${i}`) }, 'To_Account: must hold at most 1000 accounts per request (got 1001)'],
    ['an unknown DeleteType', { To_Account: ['bob'], DeleteType: 'Delete_Type_All' }, 'DeleteType: must be Delete_Type_Single or Delete_Type_Both'],
  ])('answers 30001 for %s and deletes nothing', async (_, change, reason) => {
    const { json } = await post(emu.fetch, path, { From_Account: 'alice', ...change });
    expect(json).toEqual({ ActionStatus: 'FAIL', ErrorCode: 30001, ErrorInfo: `invalid request: ${reason}`, ErrorDisplay: '' });
    expect(emu.store.friends('alice')).toEqual(['bob', 'carol']);
  });

  it('answers 30003 for an unknown From_Account', async () => {
    const { json } = await post(emu.fetch, path, { From_Account: 'zed', To_Account: ['bob'] });
    expect(json).toMatchObject({ ErrorCode: 30003 });
  });

  it('accepts 1000 accounts in one request', async () => {
    const json = await remove(Array.from({ length: 1000 }, (_, i) => (i === 0 ? 'bob' : `u${i}`)));
    expect(json.ErrorCode).toBe(0);
    expect(json.Fail_Account).toHaveLength(999);
    expect(emu.stats.endpoints[path].maxAccountsPerRequest).toBe(1000);
  });

  it('reaches the real client as ResultItem and Fail_Account', async () => {
    const { emu, tim } = setup();
    emu.store.addFriend('alice', 'bob');
    emu.store.addAccount('carol');
    const answer = await tim.friendDelete({ From_Account: 'alice', To_Account: ['bob', 'carol'] });
    expect(answer.ResultItem.map((item) => [item.To_Account, item.ResultCode])).toEqual([['bob', 0], ['carol', 31704]]);
    expect(answer.Fail_Account).toEqual(['carol']);
    expect(emu.store.hasFriend('alice', 'bob')).toBe(false);
  });
});

describe('friend_delete under faults', () => {
  it.each(['drop', 'httpError', 'malformed'] as const)('%s loses the answer after the delete was applied', async (kind) => {
    fresh({ faults: { [kind]: 1 } });
    await remove(['bob'], { DeleteType: 'Delete_Type_Both' }).catch(() => undefined);
    expect(relationOf('bob')).toBe('CheckResult_Type_NoRelation');
    expect(log).toEqual([expect.objectContaining({ outcome: kind, failed: ['bob'], applied: ['bob'] })]);
  });

  it('requestError fails the request before anything is deleted', async () => {
    fresh({ faults: { requestError: 1 } });
    expect([30006, 30007]).toContain((await remove(['bob'])).ErrorCode);
    expect(relationOf('bob')).toBe('CheckResult_Type_BothWay');
    expect(log[0]).toMatchObject({ outcome: 'requestError', applied: [] });
  });

  it('itemError fails an account without deleting it', async () => {
    fresh({ faults: { itemError: 1 } });
    const json = await remove(['bob', 'carol']);
    expect(codes(json).map(([, code]) => [30006, 30007].includes(code as number))).toEqual([true, true]);
    expect(emu.store.friends('alice')).toEqual(['bob', 'carol']);
    expect(log[0]).toMatchObject({ outcome: 'itemError', failed: ['bob', 'carol'], applied: [] });
  });
});
