// black_list_check through the real client and on the wire: every relation of both check types,
// the wire shape, per-item failures, and the request checks.
import { beforeEach, describe, expect, it } from 'vitest';
import type { BlackListCheckRequest } from '../../src/index.js';
import type { Emulator } from '../../src/emulator/index.js';
import { post, setup } from './helpers.js';

const path = 'v4/sns/black_list_check';
let emu: Emulator;
let tim: ReturnType<typeof setup>['tim'];

beforeEach(() => {
  ({ emu, tim } = setup());
  // alice ⇄ bob block each other, alice blocks carol, dave blocks alice, erin exists, zed does not.
  emu.store.block('alice', 'bob');
  emu.store.block('bob', 'alice');
  emu.store.block('alice', 'carol');
  emu.store.block('dave', 'alice');
  emu.store.addAccount('erin');
});

const accounts = ['bob', 'carol', 'dave', 'erin', 'zed'];

describe('black_list_check relations', () => {
  it.each<[BlackListCheckRequest['CheckType'], string[]]>([
    ['BlackCheckResult_Type_Both', ['BothWay', 'AWithB', 'BWithA', 'NO', 'NO']],
    ['BlackCheckResult_Type_Single', ['AWithB', 'AWithB', 'NO', 'NO', 'NO']],
  ])('%s answers each relation (Single looks at alice\'s list only)', async (CheckType, relations) => {
    const { BlackListCheckItem, Fail_Account } = await tim.blackListCheck({ From_Account: 'alice', To_Account: accounts, CheckType });
    expect(BlackListCheckItem.map((item) => [item.To_Account, item.Relation, item.ResultCode])).toEqual(
      accounts.map((account, index) => [account, `BlackCheckResult_Type_${relations[index]}`, 0]),
    );
    expect(Fail_Account).toBeUndefined();
    for (const item of BlackListCheckItem) expect(item.Relation).toBe(emu.store.blockRelation('alice', item.To_Account, CheckType));
  });

  it('is directional: the same pair seen from the other side', async () => {
    const { BlackListCheckItem } = await tim.blackListCheck({ From_Account: 'carol', To_Account: ['alice'], CheckType: 'BlackCheckResult_Type_Both' });
    expect(BlackListCheckItem[0]?.Relation).toBe('BlackCheckResult_Type_BWithA');
  });

  it('answers in the wire shape, an account twice each time, and follows unblocks', async () => {
    await post(emu.fetch, 'v4/sns/black_list_delete', { From_Account: 'alice', To_Account: ['carol'] });
    const { json } = await post(emu.fetch, path, { From_Account: 'alice', To_Account: ['carol', 'carol'], CheckType: 'BlackCheckResult_Type_Both' });
    expect(json).toEqual({
      BlackListCheckItem: [
        { To_Account: 'carol', Relation: 'BlackCheckResult_Type_NO', ResultCode: 0, ResultInfo: '' },
        { To_Account: 'carol', Relation: 'BlackCheckResult_Type_NO', ResultCode: 0, ResultInfo: '' },
      ],
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
    });
  });
});

describe('black_list_check failures', () => {
  it('an injected item failure lists the account in Fail_Account, with a Relation not to trust', async () => {
    const { emu: faulty } = setup({ faults: { itemError: 1 } });
    faulty.store.block('alice', 'bob');
    const { json } = await post(faulty.fetch, path, { From_Account: 'alice', To_Account: ['bob'], CheckType: 'BlackCheckResult_Type_Both' });
    const [item] = json.BlackListCheckItem as { ResultCode: number; Relation: string }[];
    expect([30006, 30007]).toContain(item?.ResultCode);
    expect(item?.Relation).toBe('BlackCheckResult_Type_NO');
    expect(json.Fail_Account).toEqual(['bob']);
  });

  it.each([
    ['an unknown CheckType', { To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' }, 'CheckType: must be BlackCheckResult_Type_Both or BlackCheckResult_Type_Single'],
    ['more than 1000 accounts', { To_Account: Array.from({ length: 1001 }, (_, i) => `u${i}`), CheckType: 'BlackCheckResult_Type_Both' }, 'To_Account: must hold at most 1000 accounts per request (got 1001)'],
  ])('answers 30001 for %s', async (_, change, reason) => {
    const { json } = await post(emu.fetch, path, { From_Account: 'alice', ...change });
    expect(json).toEqual({ ActionStatus: 'FAIL', ErrorCode: 30001, ErrorInfo: `invalid request: ${reason}`, ErrorDisplay: '' });
  });
});
