import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { chunking } from '../../plugins/chunking.js';
import {
  createClient,
  defineEndpoint,
  isTimValidationError,
  TimApiError,
  TimBatchError,
  TimValidationError,
  type BatchProgress,
  type ClientOptions,
  type Plugin,
} from '../../src/index.js';
import { rejection } from '../support/caught.js';
import { fail, fakeFetch, ok, type FakeAnswer, type FakeCall } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const ids = (count: number, prefix = 'u') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const sentAccounts = (call: FakeCall) => (call.body as { To_Account: string[] }).To_Account;

/** Answers each account of the request; `code(account)` picks its ResultCode. */
const answerEach =
  (code: (account: string) => number = () => 0): FakeAnswer =>
  (call) => {
    const InfoItem = sentAccounts(call).map((To_Account) => ({ To_Account, ResultCode: code(To_Account), ResultInfo: '', Relation: 'CheckResult_Type_AWithB' }));
    const failed = InfoItem.filter((i) => i.ResultCode !== 0).map((i) => i.To_Account);
    return ok({ InfoItem, ...(failed.length > 0 ? { Fail_Account: failed } : {}) });
  };

function client(answer: FakeAnswer, extra: Partial<ClientOptions> = {}) {
  const fake = fakeFetch(answer);
  const tim = createClient({ ...testApp, fetch: fake.fetch, retry: false, ...extra } as ClientOptions);
  return { fake, tim };
}

const check = (To_Account: string[]) => ({ From_Account: 'alice', To_Account, CheckType: 'CheckResult_Type_Both' as const });

describe('chunking', () => {
  it('splits 2,345 accounts into requests of at most 100 and answers each once, in order', async () => {
    const { fake, tim } = client(answerEach());
    const accounts = ids(2345);
    const answer = await tim.friendGetList({ From_Account: 'alice', To_Account: accounts, TagList: ['Tag_SNS_IM_Remark'] });
    expect(fake.calls).toHaveLength(24);
    expect(Math.max(...fake.calls.map((c) => sentAccounts(c).length))).toBe(100);
    expect(fake.calls.flatMap(sentAccounts).sort()).toEqual([...accounts].sort());
    expect(answer.InfoItem.map((i) => i.To_Account)).toEqual(accounts);
    expect(answer).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect(answer.Fail_Account).toBeUndefined();
  });

  it('uses 1,000 per request for friend_check and a smaller chunkSize when asked', async () => {
    const big = client(answerEach());
    await big.tim.friendCheck(check(ids(2500)));
    expect(big.fake.calls.map((c) => sentAccounts(c).length)).toEqual([1000, 1000, 500]);
    const small = client(answerEach(), { chunking: { chunkSize: 300 } });
    await small.tim.friendCheck(check(ids(700)));
    expect(small.fake.calls.map((c) => sentAccounts(c).length).sort()).toEqual([100, 300, 300]);
  });

  it('collapses duplicates to one entry, at the first occurrence', async () => {
    const { fake, tim } = client(answerEach());
    const answer = await tim.friendCheck(check(['b', 'a', 'b', 'c', 'a']));
    expect(sentAccounts(fake.calls[0] as FakeCall)).toEqual(['b', 'a', 'c']);
    expect(answer.InfoItem.map((i) => i.To_Account)).toEqual(['b', 'a', 'c']);
  });

  it('keeps at most `concurrency` chunks in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const { fake, tim } = client(
      async (call, index) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return answerEach()(call, index);
      },
      { chunking: { chunkSize: 10, concurrency: 3 } },
    );
    await tim.friendCheck(check(ids(200)));
    expect(fake.calls).toHaveLength(20);
    expect(peak).toBe(3);
  });

  it('marks the accounts of a failed chunk with its error, and lists exactly them in Fail_Account', async () => {
    const { tim } = client(
      (call, index) => (sentAccounts(call)[0] === 'u10' ? new Response('bad gateway', { status: 400 }) : answerEach((a) => (a === 'u25' ? 30001 : 0))(call, index)),
      { chunking: { chunkSize: 10 } },
    );
    const answer = await tim.friendCheck(check(ids(30)));
    expect(answer.InfoItem).toHaveLength(30);
    const failed = answer.InfoItem.filter((i) => i.ResultCode !== 0);
    expect(failed.map((i) => [i.To_Account, i.ResultCode])).toEqual([...ids(10).map((_, i) => [`u${10 + i}`, 400]), ['u25', 30001]]);
    expect(failed[0]?.ResultInfo).toBe('HTTP 400');
    expect(failed[0]?.Relation).toBeUndefined();
    expect(answer.Fail_Account).toEqual(failed.map((i) => i.To_Account));
  });

  it('with failFast, rejects with TimBatchError carrying the partial answer', async () => {
    const { fake, tim } = client(
      (call, index) => (sentAccounts(call)[0] === 'u20' ? new Response('', { status: 400 }) : answerEach()(call, index)),
      { chunking: { chunkSize: 10, concurrency: 1, failFast: true } },
    );
    const error = await tim.friendCheck(check(ids(50))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimBatchError);
    const { result } = error as TimBatchError<{ InfoItem: { To_Account: string; ResultCode: number }[]; Fail_Account: string[] }>;
    expect(fake.calls).toHaveLength(3);
    expect(result.InfoItem.map((i) => i.To_Account)).toEqual(ids(50));
    expect(result.InfoItem.slice(0, 20).every((i) => i.ResultCode === 0)).toBe(true);
    expect(result.Fail_Account).toEqual(ids(50).slice(20));
    expect((error as TimBatchError).code).toBe(400);
  });

  it('rejects with the error itself when every chunk fails with it', async () => {
    const { fake, tim } = client(() => fail(30003, 'From_Account not found'), { chunking: { chunkSize: 10 } });
    const error = await tim.friendCheck(check(ids(30))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimApiError);
    expect(error).toMatchObject({ code: 30003 });
    expect(fake.calls).toHaveLength(3);
  });

  it('resolves with every account failed when all chunks fail with different errors', async () => {
    const { tim } = client((call) => (sentAccounts(call)[0] === 'u0' ? fail(30003) : fail(30004)), { chunking: { chunkSize: 10 } });
    const answer = await tim.friendCheck(check(ids(20)));
    expect(answer.Fail_Account).toEqual(ids(20));
    expect(new Set(answer.InfoItem.map((i) => i.ResultCode))).toEqual(new Set([30003, 30004]));
  });

  it('reports an account the answer left out as failed, never drops it', async () => {
    const { tim } = client((call) => ok({ InfoItem: sentAccounts(call).filter((a) => a !== 'u3').map((To_Account) => ({ To_Account, ResultCode: 0, Relation: 'CheckResult_Type_NoRelation' })) }));
    const answer = await tim.friendCheck(check(ids(5)));
    expect(answer.InfoItem.map((i) => i.To_Account)).toEqual(ids(5));
    expect(answer.InfoItem[3]).toMatchObject({ To_Account: 'u3', ResultCode: -3 });
    expect(answer.Fail_Account).toEqual(['u3']);
  });

  it('ignores results for accounts that were not asked', async () => {
    const { tim } = client((call) => ok({ InfoItem: [...sentAccounts(call), 'stranger'].map((To_Account) => ({ To_Account, ResultCode: 0, Relation: 'CheckResult_Type_NoRelation' })) }));
    const answer = await tim.friendCheck(check(['a', 'b']));
    expect(answer.InfoItem.map((i) => i.To_Account)).toEqual(['a', 'b']);
  });

  it('reports progress as chunks finish', async () => {
    const events: BatchProgress[] = [];
    const { tim } = client(answerEach((a) => (a === 'u5' ? 30001 : 0)), { chunking: { chunkSize: 10, concurrency: 1 } });
    await tim.friendCheck(check(ids(25)), { onProgress: (p) => events.push(p) });
    expect(events).toEqual([
      { completedAccounts: 10, failedAccounts: 1, totalAccounts: 25, completedChunks: 1, failedChunks: 0, totalChunks: 3 },
      { completedAccounts: 20, failedAccounts: 1, totalAccounts: 25, completedChunks: 2, failedChunks: 0, totalChunks: 3 },
      { completedAccounts: 25, failedAccounts: 1, totalAccounts: 25, completedChunks: 3, failedChunks: 0, totalChunks: 3 },
    ]);
  });

  it('sends no further chunk once the call is aborted, and rejects at once', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const { fake, tim } = client(
      async (call, index) => {
        if (index === 1) {
          abortedAt = Date.now();
          controller.abort(new Error('enough'));
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return answerEach()(call, index);
      },
      { chunking: { chunkSize: 10, concurrency: 2 } },
    );
    await expect(tim.friendCheck(check(ids(100)), { signal: controller.signal })).rejects.toThrow('enough');
    // Well before the two requests in flight (1 s each) could have answered.
    expect(Date.now() - abortedAt).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(fake.calls).toHaveLength(2);
  });

  it('chunks a new batch endpoint from its declaration alone', async () => {
    const friendDelete = defineEndpoint({
      name: 'friendDelete',
      path: 'v4/sns/friend_delete',
      effect: 'write',
      idempotent: true,
      request: v.object({ From_Account: v.string(), To_Account: v.array(v.string()), DeleteType: v.string() }),
      response: v.looseObject({
        ErrorCode: v.number(),
        ResultItem: v.array(v.looseObject({ Account: v.string(), ResultCode: v.number() })),
      }),
      batch: { list: 'To_Account', max: 7, results: 'ResultItem', key: 'Account' },
    });
    const fake = fakeFetch((call) => ok({ ResultItem: sentAccounts(call).map((Account) => ({ Account, ResultCode: Account === 'u9' ? 30001 : 0 })) }));
    const tim = createClient({ ...testApp, fetch: fake.fetch });
    const answer = await tim.request(friendDelete, { From_Account: 'alice', To_Account: ids(20), DeleteType: 'Delete_Type_Both' });
    expect(fake.calls.map((c) => sentAccounts(c).length)).toEqual([7, 7, 6]);
    expect(answer.ResultItem.map((i) => i.Account)).toEqual(ids(20));
    expect(answer['Fail_Account']).toEqual(['u9']);
  });

  it('passes a non-batch endpoint straight through', async () => {
    const ping = defineEndpoint({ name: 'ping', path: 'v4/im_open_login_svc/ping', effect: 'read', request: v.looseObject({}), response: v.looseObject({ ErrorCode: v.number() }) });
    const fake = fakeFetch(() => ok({ Pong: true }));
    const answer = await createClient({ ...testApp, fetch: fake.fetch }).request(ping, {});
    expect(answer).toMatchObject({ ErrorCode: 0, Pong: true });
    expect(fake.calls[0]?.body).toEqual({});
  });

  it.each([
    [{ chunkSize: 0 }, 'chunkSize'],
    [{ concurrency: 1.5 }, 'concurrency'],
    [{ concurrency: 1000 }, 'concurrency'],
    [{ failFast: 'yes' }, 'failFast'],
    [{ size: 10 }, 'size'],
  ])('rejects options %o', (options, path) => {
    expect(() => chunking(options as never)).toThrow(TimValidationError);
    expect(() => createClient({ ...testApp, chunking: options as never })).toThrow(`Invalid chunking options: ${path}`);
  });
});

describe('chunking: a call that rejects', () => {
  it('sends nothing more once a progress listener throws (once)', async () => {
    const fake = fakeFetch();
    const tim = createClient({ ...testApp, fetch: fake.fetch, chunking: { chunkSize: 1, concurrency: 2 } });
    let thrown = false;
    const onProgress = () => {
      if (thrown) return;
      thrown = true;
      throw new TypeError('listener bug');
    };
    await expect(tim.friendCheck(check(ids(40)), { onProgress })).rejects.toThrow('listener bug');
    const sentAtRejection = fake.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.calls.length).toBe(sentAtRejection);
    expect(sentAtRejection).toBeLessThanOrEqual(3);
  });

  it('sends nothing more once a custom plugin throws a bug on one chunk', async () => {
    const fake = fakeFetch();
    let seen = 0;
    const buggy: Plugin = { name: 'buggy', phase: 'sub-call', run: (ctx, next) => (++seen === 3 ? Promise.reject(new TypeError('plugin bug')) : next(ctx)) };
    const tim = createClient({ ...testApp, fetch: fake.fetch, chunking: { chunkSize: 1, concurrency: 2 }, plugins: [buggy] });
    await expect(tim.friendCheck(check(ids(49)))).rejects.toThrow('plugin bug');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.calls.length).toBeLessThanOrEqual(4);
  });
});

describe('chunking: a list of objects (friend_add)', () => {
  const entries = ids(230).map((To_Account, i) => ({ To_Account, AddSource: 'AddSource_Type_Test', Remark: `r${i}`, X_Later: { kept: i } }));
  const answerResultItems: FakeAnswer = (call) => {
    const sent = (call.body as { AddFriendItem: { To_Account: string }[] }).AddFriendItem;
    return ok({ ResultItem: sent.map(({ To_Account }) => ({ To_Account, ResultCode: To_Account === 'u7' ? 30010 : 0, ResultInfo: '' })) });
  };

  it('sends every entry unchanged, each in exactly one request, and keys the results by its account', async () => {
    const fake = fakeFetch(answerResultItems);
    const answer = await createClient({ ...testApp, fetch: fake.fetch }).friendAdd({ From_Account: 'alice', AddFriendItem: entries });
    const sent = fake.calls.flatMap((call) => (call.body as { AddFriendItem: unknown[] }).AddFriendItem);
    expect(sent).toEqual(entries);
    expect(fake.calls.map((call) => (call.body as { AddFriendItem: unknown[] }).AddFriendItem.length)).toEqual([100, 100, 30]);
    expect(answer.ResultItem.map((item) => item.To_Account)).toEqual(ids(230));
    expect(answer.Fail_Account).toEqual(['u7']);
    expect(answer).not.toHaveProperty('InfoItem');
  });

  it('sends an entry repeated unchanged once, and refuses one repeated with other fields before sending', async () => {
    const fake = fakeFetch(answerResultItems);
    const tim = createClient({ ...testApp, fetch: fake.fetch });
    const twice = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: [entries[0], entries[1], entries[0]] as typeof entries });
    expect(twice.ResultItem.map((item) => item.To_Account)).toEqual(['u0', 'u1']);
    expect((fake.calls[0]?.body as { AddFriendItem: unknown[] }).AddFriendItem).toEqual([entries[0], entries[1]]);
    const error = await rejection(tim.friendAdd({ From_Account: 'alice', AddFriendItem: [entries[0], { ...entries[0], Remark: 'other' }] as typeof entries }));
    expect(isTimValidationError(error) && error.issues[0]).toEqual({ path: 'AddFriendItem[1]', reason: 'repeats the account "u0" of AddFriendItem[0] with other fields' });
    expect(fake.calls).toHaveLength(1);
  });
});

describe('chunking: a list sent whole (group_add)', () => {
  const groupAnswer: FakeAnswer = (call) => {
    const friends = (call.body as { To_Account?: string[] }).To_Account;
    if (friends === undefined) return ok({ CurrentSequence: 3 });
    // The first friend is busy: a transient code the retry plugin would send again on its own.
    return ok({ CurrentSequence: 3, ResultItem: friends.map((To_Account, i) => ({ To_Account, ResultCode: i === 0 ? 30006 : 0, ResultInfo: '' })), Fail_Account: [friends[0]] });
  };

  it('sends the list in one request whatever the chunk size, and never the busy friend again on its own', async () => {
    const fake = fakeFetch(groupAnswer);
    const tim = createClient({ ...testApp, fetch: fake.fetch, chunking: { chunkSize: 40 }, retry: { retries: 2, minDelay: 1, maxDelay: 2 } } as ClientOptions);
    const answer = await tim.groupAdd({ From_Account: 'alice', GroupName: ['Work'], To_Account: ids(230) });
    expect(fake.calls).toHaveLength(1);
    expect(sentAccounts(fake.calls[0] as FakeCall)).toEqual(ids(230));
    expect(answer.ResultItem?.map((item) => item.To_Account)).toEqual(ids(230));
    expect(answer.Fail_Account).toEqual(['u0']);
  });

  it('passes a body without its list straight through: one request, no results made up', async () => {
    const fake = fakeFetch(groupAnswer);
    const answer = await createClient({ ...testApp, fetch: fake.fetch }).groupAdd({ From_Account: 'alice', GroupName: ['Work'] });
    expect(fake.calls).toHaveLength(1);
    expect(answer.CurrentSequence).toBe(3);
    expect(answer).not.toHaveProperty('ResultItem');
  });
});
