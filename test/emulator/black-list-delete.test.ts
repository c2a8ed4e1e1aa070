// black_list_delete on the wire and through the real client: unblocking, 30001 for an account not
// blocked, the friendship not coming back, sequences, and write faults.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator, EmulatorOptions, EmulatorRequestEntry } from '../../src/emulator/index.js';
import { codes, logged, lostAnswers, post, sequences } from './helpers.js';

const path = 'v4/sns/black_list_delete';

let emu: Emulator;
let log: EmulatorRequestEntry[];

/** alice ⇄ bob, then alice blocks bob and carol; carol blocks alice; dave exists. */
function fresh(options: Partial<EmulatorOptions> = {}) {
  ({ emu, log } = logged(options));
  emu.store.addFriend('alice', 'bob');
  emu.store.addFriend('bob', 'alice');
  emu.store.block('alice', 'bob');
  emu.store.block('alice', 'carol');
  emu.store.block('carol', 'alice');
  emu.store.addAccount('dave');
}

beforeEach(() => {
  fresh();
});

async function unblock(accounts: string[]) {
  const { json } = await post(emu.fetch, path, { From_Account: 'alice', To_Account: accounts });
  return json;
}

describe('black_list_delete', () => {
  it('unblocks each account, answering in the wire shape; the friendship the block ended stays ended', async () => {
    const json = await unblock(['bob']);
    expect(json).toEqual({ ResultItem: [{ To_Account: 'bob', ResultCode: 0, ResultInfo: '' }], ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    expect(emu.store.blockList('alice')).toEqual(['carol']);
    expect(emu.store.relation('alice', 'bob', 'CheckResult_Type_Both')).toBe('CheckResult_Type_NoRelation');
    expect(log[0]).toMatchObject({ path, accounts: ['bob'], outcome: 'ok', failed: [], applied: ['bob'] });
  });

  it('takes the account out of alice\'s list only: carol still blocks alice', async () => {
    await unblock(['carol']);
    expect(emu.store.blockRelation('alice', 'carol', 'BlackCheckResult_Type_Both')).toBe('BlackCheckResult_Type_BWithA');
  });

  it('answers 30001 for an account not blocked (one blocked the other way, itself, unknown), in list order', async () => {
    const json = await unblock(['dave', 'carol', 'alice', 'zed', 'carol']);
    expect(json.ResultItem).toEqual([
      { To_Account: 'dave', ResultCode: 30001, ResultInfo: 'Err_SNS_BlackListDelete_Not_Exist' },
      { To_Account: 'carol', ResultCode: 0, ResultInfo: '' },
      { To_Account: 'alice', ResultCode: 30001, ResultInfo: 'Err_SNS_BlackListDelete_Not_Exist' },
      { To_Account: 'zed', ResultCode: 30001, ResultInfo: 'Err_SNS_BlackListDelete_Not_Exist' },
      { To_Account: 'carol', ResultCode: 30001, ResultInfo: 'Err_SNS_BlackListDelete_Not_Exist' },
    ]);
    expect(json.Fail_Account).toEqual(['dave', 'alice', 'zed', 'carol']);
    expect(log[0]?.applied).toEqual(['carol']);
  });

  it('advances the block sequence per unblock, not for a refusal', async () => {
    const before = await sequences(emu, 'alice');
    await unblock(['dave', 'bob', 'carol']);
    expect(await sequences(emu, 'alice')).toEqual({ ...before, blocks: before.blocks + 2 });
  });

  it('reaches the real client, and answers 30001 for an empty list', async () => {
    const { emu: target, tim } = logged();
    target.store.block('alice', 'bob');
    const answer = await tim.blackListDelete({ From_Account: 'alice', To_Account: ['bob'] });
    expect(codes(answer)).toEqual([['bob', 0]]);
    expect(target.store.blockList('alice')).toEqual([]);
    expect(await unblock([])).toMatchObject({ ErrorCode: 30001, ErrorInfo: 'invalid request: To_Account: must not be empty' });
  });
});

describe('black_list_delete under faults', () => {
  it.each(lostAnswers)('%s loses the answer after the unblock was applied', async (kind, faults) => {
    fresh({ faults });
    await unblock(['bob']).catch(() => undefined);
    expect(emu.store.blockList('alice')).toEqual(['carol']);
    expect(log).toEqual([expect.objectContaining({ outcome: kind, failed: ['bob'], applied: ['bob'] })]);
  });

  it('itemError fails an account without unblocking it', async () => {
    fresh({ faults: { itemError: 1 } });
    await unblock(['bob']);
    expect(emu.store.blockList('alice')).toEqual(['bob', 'carol']);
    expect(log[0]).toMatchObject({ outcome: 'itemError', applied: [] });
  });
});
