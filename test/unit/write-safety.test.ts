// Writes whose outcome is unknown (issue 18 item 2): friend_add and friend_delete reconcile with
// friend_check and never apply anything twice; other writes are not sent again (-6); refusals are
// retried as before; writes for one From_Account never overlap. A fake service keeps the
// relations, so a fault can strike after the service applied some accounts of a request.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { retry } from '../../plugins/retry.js';
import { writeSafety } from '../../plugins/write-safety.js';
import {
  createClient,
  defineEndpoint,
  describeErrorCode,
  friendAdd,
  friendCheck,
  isTimBatchError,
  TimApiError,
  TimError,
  TimHttpError,
  TimNetworkError,
  TimRateLimitError,
  TimResponseError,
  TimTimeoutError,
  TimValidationError,
  unknownOutcomeCode,
  type ApiResponse,
  type ClientOptions,
  type PipelineEvent,
  type Plugin,
  type ReconcileEvent,
  type RequestContext,
} from '../../src/index.js';
import { mayHaveApplied } from '../../src/plugin-kit.js';
import { rejection } from '../support/caught.js';
import { fail, fakeFetch, json, ok, type FakeCall } from '../support/fake-fetch.js';
import { context, runPlugin } from '../support/plugin-harness.js';
import { testApp } from '../support/test-app.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** What the fake service does with one request: fail after applying `apply`'s accounts (all by default). */
interface Fault {
  readonly kind: 'hang' | 'status' | 'refused' | 'answer';
  readonly status?: number;
  readonly answer?: () => Response;
  readonly apply?: (account: string) => boolean;
}
const hang = (apply?: (account: string) => boolean): Fault => ({ kind: 'hang', ...(apply === undefined ? {} : { apply }) });
const status = (code: number, apply?: (account: string) => boolean): Fault => ({ kind: 'status', status: code, ...(apply === undefined ? {} : { apply }) });
const answer = (make: () => Response): Fault => ({ kind: 'answer', answer: make, apply: () => false });
const refused: Fault = { kind: 'refused' };

/** The error Node's fetch gives for a refused connection. */
const connectionRefused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });

type Body = { From_Account: string; AddFriendItem?: { To_Account: string }[]; To_Account?: string[]; AddType?: string; DeleteType?: string };
const pathOf = (call: FakeCall) => call.url.pathname.split('/').at(-1) ?? '';
const accountsOf = (call: FakeCall) => {
  const body = call.body as Body;
  return body.AddFriendItem?.map((entry) => entry.To_Account) ?? body.To_Account ?? [];
};

/**
 * A relationship-chain service in memory: friend_add / friend_delete change the relations,
 * friend_check reads them; `fault(call, n)` (n: the request's number on its path, from 1) may make
 * a request fail after the service applied all or some of it.
 */
function snsService(fault: (call: FakeCall, n: number) => Fault | undefined = () => undefined) {
  const edges = new Set<string>();
  const counts = new Map<string, number>();
  const relation = (a: string, b: string) => {
    const ab = edges.has(`${a}>${b}`);
    const ba = edges.has(`${b}>${a}`);
    if (ab && ba) return 'CheckResult_Type_BothWay';
    return ab ? 'CheckResult_Type_AWithB' : ba ? 'CheckResult_Type_BWithA' : 'CheckResult_Type_NoRelation';
  };
  const fake = fakeFetch(async (call) => {
    const path = pathOf(call);
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    const planned = fault(call, n);
    if (planned?.kind === 'refused') throw connectionRefused();
    const body = call.body as Body;
    const from = body.From_Account;
    const applied = accountsOf(call).filter((account) => planned?.apply?.(account) ?? true);
    if (path === 'friend_add') {
      for (const to of applied) {
        edges.add(`${from}>${to}`);
        if (body.AddType !== 'Add_Type_Single') edges.add(`${to}>${from}`);
      }
    }
    if (path === 'friend_delete') {
      for (const to of applied) {
        edges.delete(`${from}>${to}`);
        if (body.DeleteType === 'Delete_Type_Both') edges.delete(`${to}>${from}`);
      }
    }
    if (planned?.kind === 'hang') return new Promise<Response>(() => {});
    if (planned?.kind === 'status') return new Response('gateway trouble', { status: planned.status ?? 502 });
    if (planned?.kind === 'answer' && planned.answer !== undefined) return planned.answer();
    if (path === 'friend_check') {
      return ok({ InfoItem: accountsOf(call).map((To_Account) => ({ To_Account, ResultCode: 0, ResultInfo: '', Relation: relation(from, To_Account) })) });
    }
    return ok({ ResultItem: accountsOf(call).map((To_Account) => ({ To_Account, ResultCode: 0, ResultInfo: '' })) });
  });
  return { ...fake, edges, relation, sent: (path: string) => fake.calls.filter((call) => pathOf(call) === path).map(accountsOf) };
}

/** A call-phase plugin that hears the call's events. */
function listener(events: PipelineEvent[]): Plugin {
  return { name: 'listener', phase: 'call', run: (ctx, next) => next({ ...ctx, emit: (event) => (events.push(event), ctx.emit(event)) }) };
}

const quick = { timeout: 40, retry: { retries: 3, minDelay: 1, maxDelay: 2 } } satisfies Partial<ClientOptions>;

function clientOf(fetch: typeof globalThis.fetch, extra: Partial<ClientOptions> = {}, events: PipelineEvent[] = []) {
  return createClient({ ...testApp, fetch, ...quick, plugins: [listener(events)], ...extra } as ClientOptions);
}

const addItems = (accounts: readonly string[]) => accounts.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Admin', Remark: `r-${To_Account}` }));
const reconcileEvents = (events: PipelineEvent[]) => events.filter((event): event is ReconcileEvent => event.type === 'reconcile');

describe('friend_add after an unknown outcome', () => {
  it.each([
    ['times out', hang],
    ['answers 502', (apply: (account: string) => boolean) => status(502, apply)],
  ])('a request that %s is reconciled: added accounts reported done and never resent, the others resent once', async (_, fault) => {
    const service = snsService((call, n) => (pathOf(call) === 'friend_add' && n === 1 ? fault((account) => account === 'bob' || account === 'dave') : undefined));
    const events: PipelineEvent[] = [];
    const tim = clientOf(service.fetch, {}, events);

    const answer = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob', 'carol', 'dave', 'erin']) });

    // The read is a friend_check of the request's accounts, both ways; only carol and erin go again.
    expect(service.calls.map(pathOf)).toEqual(['friend_add', 'friend_check', 'friend_add']);
    expect(service.calls[1]?.body).toEqual({ From_Account: 'alice', To_Account: ['bob', 'carol', 'dave', 'erin'], CheckType: 'CheckResult_Type_Both' });
    expect(service.sent('friend_add')).toEqual([['bob', 'carol', 'dave', 'erin'], ['carol', 'erin']]);
    expect((service.calls[2]?.body as Body).AddFriendItem).toEqual(addItems(['carol', 'erin'])); // every field of the entries
    expect(answer.ResultItem.map((item) => [item.To_Account, item.ResultCode])).toEqual([['bob', 0], ['carol', 0], ['dave', 0], ['erin', 0]]);
    expect(answer.ResultItem[0]?.ResultInfo).toMatch(/^applied: confirmed by reconciling \(friendCheck\)/);
    expect(answer.ResultItem[1]?.ResultInfo).toBe('');
    expect(answer.Fail_Account).toBeUndefined();
    expect(reconcileEvents(events)).toEqual([{ type: 'reconcile', round: 1, accounts: 4, applied: 2, resent: 2 }]);
    for (const to of ['bob', 'carol', 'dave', 'erin']) expect(service.relation('alice', to)).toBe('CheckResult_Type_BothWay');
  });

  it('reads a one-way add as done once B is in A list, and keeps failures of the resend in Fail_Account, in order', async () => {
    const service = snsService((call, n) => {
      if (pathOf(call) !== 'friend_add') return undefined;
      if (n === 1) return hang((account) => account === 'carol');
      return answer(() => ok({ ResultItem: [{ To_Account: 'bob', ResultCode: 30010, ResultInfo: 'list full' }, { To_Account: 'dave', ResultCode: 0, ResultInfo: '' }], Fail_Account: ['bob'] }));
    });
    service.edges.add('bob>alice'); // bob has alice already: BWithA is not "added" for alice
    const tim = clientOf(service.fetch);

    const answerOf = await tim.friendAdd({ From_Account: 'alice', AddType: 'Add_Type_Single', AddFriendItem: addItems(['bob', 'carol', 'dave']) });

    expect(service.sent('friend_add')).toEqual([['bob', 'carol', 'dave'], ['bob', 'dave']]);
    expect(service.sent('friend_check')).toEqual([['bob', 'carol', 'dave'], ['bob']]); // bob read again: still not added
    expect(answerOf.ResultItem.map((item) => [item.To_Account, item.ResultCode])).toEqual([['bob', 30010], ['carol', 0], ['dave', 0]]);
    expect(answerOf.Fail_Account).toEqual(['bob']);
  });

  it('reads again an account whose resend was refused: the first attempt, applied after the read, is reported done', async () => {
    const service = snsService((call, n) => {
      if (pathOf(call) !== 'friend_add') return undefined;
      if (n === 1) return hang(() => false); // held up on its way: not applied before the read …
      // … but before the resend, which finds bob a friend already.
      return answer(() => {
        service.edges.add('alice>bob').add('bob>alice').add('alice>carol').add('carol>alice');
        return ok({ ResultItem: [{ To_Account: 'bob', ResultCode: 30001, ResultInfo: 'Err_SNS_FriendAdd_Friend_Exist' }, { To_Account: 'carol', ResultCode: 0, ResultInfo: '' }], Fail_Account: ['bob'] });
      });
    });
    const events: PipelineEvent[] = [];
    const tim = clientOf(service.fetch, {}, events);

    const result = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob', 'carol']) });

    expect(service.calls.map(pathOf)).toEqual(['friend_add', 'friend_check', 'friend_add', 'friend_check']);
    expect(service.sent('friend_check')).toEqual([['bob', 'carol'], ['bob']]);
    expect(service.sent('friend_add')).toEqual([['bob', 'carol'], ['bob', 'carol']]); // never a third time
    expect(result.ResultItem.map((item) => [item.To_Account, item.ResultCode])).toEqual([['bob', 0], ['carol', 0]]);
    expect(result.ResultItem[0]?.ResultInfo).toMatch(/^applied: confirmed by reconciling \(friendCheck\)/);
    expect(result.Fail_Account).toBeUndefined();
    expect(reconcileEvents(events)).toEqual([
      { type: 'reconcile', round: 1, accounts: 2, applied: 0, resent: 2 },
      { type: 'reconcile', round: 2, accounts: 1, applied: 1, resent: 0 },
    ]);
  });

  it('reconciles again when the resend outcome is unknown too, then stops', async () => {
    const service = snsService((call, n) => {
      if (pathOf(call) !== 'friend_add') return undefined;
      if (n === 1) return hang(() => false);
      if (n === 2) return status(504, (account) => account === 'carol');
      return undefined;
    });
    const events: PipelineEvent[] = [];
    const tim = clientOf(service.fetch, {}, events);

    const result = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob', 'carol']) });

    expect(service.calls.map(pathOf)).toEqual(['friend_add', 'friend_check', 'friend_add', 'friend_check', 'friend_add']);
    expect(service.sent('friend_add')).toEqual([['bob', 'carol'], ['bob', 'carol'], ['bob']]);
    expect(result.ResultItem.map((item) => [item.To_Account, item.ResultCode])).toEqual([['bob', 0], ['carol', 0]]);
    expect(reconcileEvents(events).map(({ round, applied, resent }) => [round, applied, resent])).toEqual([[1, 0, 2], [2, 1, 1]]);
  });

  it('reconciles again the accounts of a resend that the retry plugin marked unknown', async () => {
    const service = snsService((call, n) => {
      if (pathOf(call) !== 'friend_add') return undefined;
      if (n === 1) return hang(() => false);
      if (n === 2) return answer(() => ok({ ResultItem: [{ To_Account: 'bob', ResultCode: 0 }, { To_Account: 'carol', ResultCode: 30007 }], Fail_Account: ['carol'] }));
      return hang(); // the follow-up for carol: applied, no answer
    });
    const tim = clientOf(service.fetch);

    const result = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob', 'carol']) });

    expect(service.calls.map(pathOf)).toEqual(['friend_add', 'friend_check', 'friend_add', 'friend_add', 'friend_check']);
    expect(service.sent('friend_check')).toEqual([['bob', 'carol'], ['carol']]);
    expect(result.ResultItem.map((item) => [item.To_Account, item.ResultCode])).toEqual([['bob', 0], ['carol', 0]]);
    expect(result.ResultItem[1]?.ResultInfo).toMatch(/confirmed by reconciling/);
  });

  it('gives up after 3 rounds: the accounts still unknown get -6, and the call resolves', async () => {
    const service = snsService((call) => (pathOf(call) === 'friend_add' ? hang(() => false) : undefined));
    const tim = clientOf(service.fetch);

    const result = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob', 'carol']) });

    expect(service.sent('friend_add')).toHaveLength(4); // the first and 3 resends, each after a read showing nothing added
    expect(service.sent('friend_check')).toHaveLength(3);
    expect(result.ResultItem.map((item) => item.ResultCode)).toEqual([unknownOutcomeCode, unknownOutcomeCode]);
    expect(result.ResultItem[0]?.ResultInfo).toMatch(/^outcome unknown, not sent again: No answer within 40 ms/);
    expect(result.Fail_Account).toEqual(['bob', 'carol']);
  });

  it('reports -6 without resending when the reconciliation read fails', async () => {
    const service = snsService((call, n) => (pathOf(call) === 'friend_add' && n === 1 ? hang() : pathOf(call) === 'friend_check' ? answer(() => fail(30003, 'no such account')) : undefined));
    const tim = clientOf(service.fetch);

    const result = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob']) });

    expect(service.sent('friend_add')).toHaveLength(1);
    expect(result.ResultItem[0]).toMatchObject({ To_Account: 'bob', ResultCode: unknownOutcomeCode });
    expect(result.ResultItem[0]?.ResultInfo).toMatch(/the reconciliation read failed: IM error 30003/);
  });

  it('reconciles the accounts of an item follow-up whose outcome is unknown, keeping the answer had', async () => {
    const service = snsService((call, n) => {
      if (pathOf(call) !== 'friend_add') return undefined;
      if (n === 1) {
        return answer(() => {
          service.edges.add('alice>bob').add('bob>alice');
          return ok({ ResultItem: [{ To_Account: 'bob', ResultCode: 0 }, { To_Account: 'carol', ResultCode: 30006, ResultInfo: 'busy' }], Fail_Account: ['carol'] });
        });
      }
      return hang(); // the follow-up for carol is applied, then times out
    });
    const tim = clientOf(service.fetch);

    const result = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob', 'carol']) });

    expect(service.calls.map(pathOf)).toEqual(['friend_add', 'friend_add', 'friend_check']);
    expect(service.sent('friend_add')).toEqual([['bob', 'carol'], ['carol']]);
    expect(service.sent('friend_check')).toEqual([['carol']]);
    expect(result.ResultItem.map((item) => [item.To_Account, item.ResultCode])).toEqual([['bob', 0], ['carol', 0]]);
    expect(result.ResultItem[1]?.ResultInfo).toBe('applied: confirmed by reconciling (friendCheck) after an unknown outcome (No answer within 40 ms)');
  });
});

describe('logs', () => {
  it('show each reconciliation as a reconcile record of the write call', async () => {
    const records: Record<string, unknown>[] = [];
    const keep = (_message: unknown, record: Record<string, unknown>) => void records.push(record);
    const service = snsService((call, n) => (pathOf(call) === 'friend_add' && n === 1 ? hang((account) => account === 'bob') : undefined));
    const tim = clientOf(service.fetch, { logger: { debug: keep, info: keep, warn: keep, error: keep } });

    await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob', 'carol']) });

    const writeCall = records.find((record) => record.event === 'call.end' && record.endpoint === 'friendAdd')?.callId;
    expect(writeCall).toMatch(/^c\d+$/);
    expect(records.filter((record) => record.event === 'reconcile')).toEqual([
      { event: 'reconcile', callId: writeCall, endpoint: 'friendAdd', round: 1, accounts: 2, applied: 1, resent: 1 },
    ]);
  });
});

describe('friend_delete after an unknown outcome', () => {
  it.each([
    ['Delete_Type_Both', 'CheckResult_Type_NoRelation'],
    ['Delete_Type_Single', 'CheckResult_Type_BWithA'],
  ] as const)('%s: deleted accounts reported done and never resent, the others resent once', async (DeleteType, afterDelete) => {
    const service = snsService((call, n) => (pathOf(call) === 'friend_delete' && n === 1 ? status(502, (account) => account === 'carol') : undefined));
    for (const to of ['bob', 'carol', 'dave']) service.edges.add(`alice>${to}`).add(`${to}>alice`);
    const events: PipelineEvent[] = [];
    const tim = clientOf(service.fetch, {}, events);

    const result = await tim.friendDelete({ From_Account: 'alice', To_Account: ['bob', 'carol', 'dave'], DeleteType });

    expect(service.calls.map(pathOf)).toEqual(['friend_delete', 'friend_check', 'friend_delete']);
    expect(service.sent('friend_delete')).toEqual([['bob', 'carol', 'dave'], ['bob', 'dave']]);
    expect(result.ResultItem.map((item) => [item.To_Account, item.ResultCode])).toEqual([['bob', 0], ['carol', 0], ['dave', 0]]);
    expect(result.ResultItem[1]?.ResultInfo).toMatch(/^applied: confirmed by reconciling/);
    expect(result.Fail_Account).toBeUndefined();
    expect(reconcileEvents(events)).toEqual([{ type: 'reconcile', round: 1, accounts: 3, applied: 1, resent: 2 }]);
    for (const to of ['bob', 'carol', 'dave']) expect(service.relation('alice', to)).toBe(afterDelete);
  });

  it('reconciles each chunk on its own: a failed chunk does not resend another chunk', async () => {
    const service = snsService((call, n) => (pathOf(call) === 'friend_delete' && n === 2 ? hang() : undefined));
    const accounts = ['a1', 'a2', 'a3', 'a4', 'a5'];
    for (const to of accounts) service.edges.add(`alice>${to}`);
    const tim = clientOf(service.fetch, { chunking: { chunkSize: 2, concurrency: 1 } });

    const result = await tim.friendDelete({ From_Account: 'alice', To_Account: accounts });

    expect(service.sent('friend_delete')).toEqual([['a1', 'a2'], ['a3', 'a4'], ['a5']]);
    expect(service.sent('friend_check')).toEqual([['a3', 'a4']]);
    expect(result.ResultItem.map((item) => item.ResultCode)).toEqual([0, 0, 0, 0, 0]);
  });
});

// A batch write of an app's own, without a reconciliation rule and not idempotent.
const blackListAdd = defineEndpoint({
  name: 'blackListAdd',
  path: 'v4/sns/black_list_add',
  effect: 'write',
  request: v.object({ From_Account: v.string(), To_Account: v.array(v.string()) }),
  response: v.looseObject({ ErrorCode: v.number(), ResultItem: v.array(v.looseObject({ To_Account: v.string(), ResultCode: v.number() })) }),
  batch: { list: 'To_Account', max: 1000, results: 'ResultItem' },
});
const deleteAll = (idempotent: boolean) =>
  defineEndpoint({
    name: 'friendDeleteAll',
    path: 'v4/sns/friend_delete_all',
    effect: 'write',
    idempotent,
    request: v.object({ From_Account: v.string() }),
    response: v.looseObject({ ErrorCode: v.number() }),
  });

describe('writes without a reconciliation rule', () => {
  it.each([
    ['one chunk', 1000],
    ['two chunks', 2],
  ])('a batch write with an unknown outcome is not resent: every account -6, the call resolves (%s)', async (_, chunkSize) => {
    const service = snsService(() => hang());
    const tim = clientOf(service.fetch, { chunking: { chunkSize } });

    const result = await tim.request(blackListAdd, { From_Account: 'alice', To_Account: ['bob', 'carol', 'dave'] });

    expect(service.calls.map(pathOf)).toEqual(chunkSize === 2 ? ['black_list_add', 'black_list_add'] : ['black_list_add']);
    expect(result.ResultItem.map((item) => [item.To_Account, item.ResultCode])).toEqual([['bob', -6], ['carol', -6], ['dave', -6]]);
    expect(result.ResultItem[0]?.ResultInfo).toMatch(/^Outcome unknown, not sent again \(blackListAdd has no reconciliation and is not idempotent\): No answer within 40 ms/);
    expect((result as { Fail_Account?: string[] }).Fail_Account).toEqual(['bob', 'carol', 'dave']);
  });

  it('rejects with TimBatchError under failFast', async () => {
    const service = snsService(() => status(500));
    const tim = clientOf(service.fetch, { chunking: { failFast: true } });

    const error = await rejection(tim.request(blackListAdd, { From_Account: 'alice', To_Account: ['bob'] }));

    expect(isTimBatchError(error)).toBe(true);
    expect(error).toMatchObject({ code: unknownOutcomeCode, result: { ResultItem: [{ To_Account: 'bob', ResultCode: -6 }], Fail_Account: ['bob'] } });
    expect(service.calls).toHaveLength(1);
  });

  it('a write that is not a batch rejects with a TimError of code -6, sent once', async () => {
    const service = snsService(() => hang());
    const tim = clientOf(service.fetch);

    const error = await rejection(tim.request(deleteAll(false), { From_Account: 'alice' }));

    expect(error).toBeInstanceOf(TimError);
    expect(error).toMatchObject({ code: -6, retryable: false, endpoint: 'friendDeleteAll' });
    expect((error as TimError).cause).toBeInstanceOf(TimTimeoutError);
    expect(service.calls).toHaveLength(1);
  });

  it('an idempotent write is retried like a read', async () => {
    const service = snsService((_, n) => (n === 1 ? hang() : n === 2 ? status(502) : undefined));
    const tim = clientOf(service.fetch);

    await expect(tim.request(deleteAll(true), { From_Account: 'alice' })).resolves.toMatchObject({ ErrorCode: 0 });
    expect(service.calls).toHaveLength(3);
  });

  it('describes -6 as an unknown outcome, apart from every service code', () => {
    expect(unknownOutcomeCode).toBe(-6);
    expect(describeErrorCode(-6)).toEqual({ meaning: 'outcome unknown: the write may have been applied (not sent again)', retry: 'never' });
  });
});

describe('refusals of writes are retried as before', () => {
  it.each([
    ['30006', answer(() => fail(30006))],
    ['30007', answer(() => fail(30007))],
    ['30008 (write conflict)', answer(() => fail(30008))],
    ['60007', answer(() => fail(60007))],
    ['70001 (UserSig renewed)', answer(() => fail(70001))],
    ['HTTP 408', status(408, () => false)],
    ['HTTP 429', status(429, () => false)],
    ['HTTP 503', status(503, () => false)],
    ['a refused connection', refused],
  ])('friend_add after %s: sent again, no read', async (_, fault) => {
    const service = snsService((call, n) => (pathOf(call) === 'friend_add' && n === 1 ? fault : undefined));
    const tim = clientOf(service.fetch);

    const result = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob', 'carol']) });

    expect(service.calls.map(pathOf)).toEqual(['friend_add', 'friend_add']);
    expect(result.ResultItem.map((item) => item.ResultCode)).toEqual([0, 0]);
  });

  it.each([30006, 30007])('per account %i: only those accounts are asked again', async (code) => {
    const service = snsService((call, n) =>
      pathOf(call) === 'friend_add' && n === 1
        ? answer(() => ok({ ResultItem: [{ To_Account: 'bob', ResultCode: 0 }, { To_Account: 'carol', ResultCode: code, ResultInfo: 'busy' }], Fail_Account: ['carol'] }))
        : undefined,
    );
    const tim = clientOf(service.fetch);

    const result = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob', 'carol']) });

    expect(service.sent('friend_add')).toEqual([['bob', 'carol'], ['carol']]);
    expect(result.ResultItem.map((item) => item.ResultCode)).toEqual([0, 0]);
  });

  it('keeps a per-account 70500 (may have been applied) as it is, without asking again', async () => {
    const service = snsService((call, n) =>
      pathOf(call) === 'friend_add' && n === 1
        ? answer(() => ok({ ResultItem: [{ To_Account: 'bob', ResultCode: 0 }, { To_Account: 'carol', ResultCode: 70500, ResultInfo: 'internal' }], Fail_Account: ['carol'] }))
        : undefined,
    );
    const tim = clientOf(service.fetch);

    const result = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob', 'carol']) });

    expect(service.sent('friend_add')).toEqual([['bob', 'carol']]);
    expect(result.ResultItem.map((item) => item.ResultCode)).toEqual([0, 70500]);
    expect(result.Fail_Account).toEqual(['carol']);
  });

  it('waits before it repeats a 30008 (write conflict)', async () => {
    const at: number[] = [];
    const fake = fakeFetch((call, index) => {
      at.push(performance.now());
      return index === 0 ? fail(30008, 'write conflict') : ok({ ResultItem: accountsOf(call).map((To_Account) => ({ To_Account, ResultCode: 0 })) });
    });
    const tim = clientOf(fake.fetch, { retry: { minDelay: 60, maxDelay: 60 } });

    await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob']) });

    expect(describeErrorCode(30008).retry).toBe('transient');
    expect(at).toHaveLength(2);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(55);
  });

  it('leaves reads as they were: a timed-out friend_check is simply sent again', async () => {
    const service = snsService((_, n) => (n === 1 ? hang() : undefined));
    const events: PipelineEvent[] = [];
    const tim = clientOf(service.fetch, {}, events);

    const result = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' });

    expect(service.calls.map(pathOf)).toEqual(['friend_check', 'friend_check']);
    expect(result.InfoItem[0]?.ResultCode).toBe(0);
    expect(reconcileEvents(events)).toEqual([]);
  });
});

describe('one write at a time per From_Account', () => {
  /** A service whose requests take `ms`, recording when each one of each From_Account ran. */
  function slowService(ms = 15) {
    const spans: { from: string; path: string; accounts: string[]; start: number; end: number }[] = [];
    const fake = fakeFetch(async (call) => {
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, ms));
      spans.push({ from: (call.body as Body).From_Account, path: pathOf(call), accounts: accountsOf(call), start, end: performance.now() });
      const items = accountsOf(call).map((To_Account) => ({ To_Account, ResultCode: 0, Relation: 'CheckResult_Type_NoRelation' }));
      return ok(pathOf(call) === 'friend_check' ? { InfoItem: items } : { ResultItem: items });
    });
    const overlapping = (of: (span: (typeof spans)[number]) => boolean) => {
      const chosen = spans.filter(of).sort((a, b) => a.start - b.start);
      return chosen.some((span, i) => i > 0 && span.start < (chosen[i - 1]?.end ?? 0));
    };
    return { fetch: fake.fetch, spans, overlapping };
  }

  it('never overlaps two write requests for one account, and serves them first come first served', async () => {
    const service = slowService();
    const tim = clientOf(service.fetch, { timeout: 1000 });

    await Promise.all([
      tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob']) }),
      tim.friendDelete({ From_Account: 'alice', To_Account: ['carol'] }),
      tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['dave']) }),
      tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(Array.from({ length: 250 }, (_, i) => `u${i}`)) }),
    ]);

    expect(service.spans).toHaveLength(6);
    expect(service.overlapping((span) => span.from === 'alice')).toBe(false);
    expect(service.spans.slice(0, 3).map((span) => span.accounts[0])).toEqual(['bob', 'carol', 'dave']);
  });

  it('lets writes for other accounts, and reads, run at the same time', async () => {
    const service = slowService(30);
    const tim = clientOf(service.fetch, { timeout: 1000 });

    await Promise.all([
      tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob']) }),
      tim.friendAdd({ From_Account: 'zoe', AddFriendItem: addItems(['bob']) }),
      tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' }),
    ]);

    expect(service.overlapping((span) => span.path === 'friend_add')).toBe(true); // alice's and zoe's writes
    expect(service.overlapping((span) => span.from === 'alice')).toBe(true); // alice's write and her read
  });

  it('drops a waiter whose call aborts, and hands the turn to the next in line', async () => {
    const [, lock] = writeSafety();
    const write = (signal?: AbortSignal) => context({ endpoint: friendAdd, body: { From_Account: 'alice', AddFriendItem: [] }, signal });
    let release = () => {};
    const first = runPlugin(lock, () => new Promise<ApiResponse>((resolve) => (release = () => resolve({ ErrorCode: 0 }))), write());
    const controller = new AbortController();
    const second = runPlugin(lock, async () => ({ ErrorCode: 2 }), write(controller.signal));
    let thirdRan = false;
    const third = runPlugin(lock, async () => ((thirdRan = true), { ErrorCode: 3 }), write());
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('caller gave up'));
    await expect(second).rejects.toThrow('caller gave up');
    expect(thirdRan).toBe(false);
    release();
    await expect(first).resolves.toMatchObject({ result: { ErrorCode: 0 } });
    await expect(third).resolves.toMatchObject({ result: { ErrorCode: 3 } });
    // Free again: a fourth goes at once.
    await expect(runPlugin(lock, async () => ({ ErrorCode: 4 }), write())).resolves.toMatchObject({ result: { ErrorCode: 4 } });
  });
});

describe('mayHaveApplied', () => {
  it.each<[string, unknown, boolean]>([
    ['an attempt timeout', new TimTimeoutError(40), true],
    ['a getUserSig timeout', new TimTimeoutError(40, { source: 'getUserSig' }), false],
    ['a network error after sending', new TimNetworkError('socket hang up'), true],
    ['a network error before sending', new TimNetworkError('connect ECONNREFUSED', { notSent: true }), false],
    ['HTTP 500', new TimHttpError(500, ''), true],
    ['HTTP 502', new TimHttpError(502, ''), true],
    ['HTTP 504', new TimHttpError(504, ''), true],
    ['HTTP 503', new TimHttpError(503, ''), false],
    ['HTTP 429', new TimHttpError(429, ''), false],
    ['HTTP 408', new TimHttpError(408, ''), false],
    ['HTTP 400', new TimHttpError(400, ''), false],
    ['an unreadable answer', new TimResponseError('body is not valid JSON', { retryable: true }), true],
    ['an answer too large', new TimResponseError('body over the 10-byte limit'), true],
    ['IM 30006', new TimApiError({ ErrorCode: 30006 }), false],
    ['IM 30007', new TimApiError({ ErrorCode: 30007 }), false],
    ['IM 30008', new TimApiError({ ErrorCode: 30008 }), false],
    ['IM 60007', new TimApiError({ ErrorCode: 60007 }), false],
    ['IM 70001', new TimApiError({ ErrorCode: 70001 }), false],
    ['IM 70052', new TimApiError({ ErrorCode: 70052 }), false],
    ['IM 30001', new TimApiError({ ErrorCode: 30001 }), false],
    ['IM 70500', new TimApiError({ ErrorCode: 70500 }), true],
    ['IM 60008', new TimApiError({ ErrorCode: 60008 }), true],
    ['a validation refusal', new TimValidationError('request', [{ path: '', reason: 'bad' }]), false],
    ['a rate-limit refusal', new TimRateLimitError('deadline', 'no slot', { store: 'memory' }), false],
    ['a custom plugin error', new TimError('audit down', -100, { retryable: true }), true],
    ['a result with 30006', { To_Account: 'bob', ResultCode: 30006 }, false],
    ['a result with 70500', { To_Account: 'bob', ResultCode: 70500 }, true],
    ['a successful result', { To_Account: 'bob', ResultCode: 0 }, true],
    ['anything else', new Error('a bug'), true],
  ])('%s: %s', (_, outcome, expected) => {
    expect(mayHaveApplied(outcome)).toBe(expected);
  });
});

describe('the transport tells a failure before sending', () => {
  const networkError = async (thrown: unknown) => {
    const tim = createClient({ ...testApp, retry: false, fetch: () => Promise.reject(thrown) });
    const error = await rejection(tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' }));
    expect(error).toBeInstanceOf(TimNetworkError);
    return error as TimNetworkError;
  };
  const withCode = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`failed (${code})`), { code }) });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID'])(
    '%s: not sent',
    async (code) => {
      expect((await networkError(withCode(code))).notSent).toBe(true);
    },
  );

  it.each([
    ['ECONNRESET', withCode('ECONNRESET')],
    ['UND_ERR_SOCKET', withCode('UND_ERR_SOCKET')],
    ["a browser's Failed to fetch", new TypeError('Failed to fetch')],
  ])('%s: may have been sent', async (_, thrown) => {
    expect((await networkError(thrown)).notSent).toBe(false);
  });

  it("Deno's connect failure (no code): not sent", async () => {
    const deno = new TypeError('fetch failed', { cause: new Error('error sending request for url (http://127.0.0.1:1/x): client error (Connect): tcp connect error: Connection refused (os error 111)') });
    expect((await networkError(deno)).notSent).toBe(true);
  });

  it('a real refused connection: not sent, and a write is sent again', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const tim = createClient({ ...testApp, baseUrl: `http://127.0.0.1:${port}`, retry: { retries: 1, minDelay: 1, maxDelay: 1 } });
    const error = await rejection(tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob']) }));
    expect(error).toMatchObject({ name: 'TimNetworkError', notSent: true, attempts: 2 });
  });
});

describe('under Deno', () => {
  it('sends writes over a client that keeps no idle connection, reads over the shared pool', async () => {
    const made: unknown[] = [];
    const client = { kind: 'unpooled' };
    vi.stubGlobal('Deno', { createHttpClient: (options: unknown) => (made.push(options), client) });
    const clients: unknown[] = [];
    const fetch = (async (_input: RequestInfo | URL, init?: RequestInit & { client?: unknown }) => {
      clients.push(init?.client);
      return json({ ErrorCode: 0, ResultItem: [{ To_Account: 'bob', ResultCode: 0 }], InfoItem: [{ To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_NoRelation' }] });
    }) as typeof globalThis.fetch;
    const tim = createClient({ ...testApp, fetch });

    await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' });
    await tim.friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob']) });
    await tim.friendDelete({ From_Account: 'alice', To_Account: ['bob'] });

    expect(clients).toEqual([undefined, client, client]);
    expect(made).toEqual([{ poolMaxIdlePerHost: 0 }]); // made once, on the first write
  });

  it('passes no client elsewhere', async () => {
    const inits: (RequestInit | undefined)[] = [];
    const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      inits.push(init);
      return json({ ErrorCode: 0, ResultItem: [{ To_Account: 'bob', ResultCode: 0 }] });
    }) as typeof globalThis.fetch;
    await createClient({ ...testApp, fetch }).friendAdd({ From_Account: 'alice', AddFriendItem: addItems(['bob']) });
    expect(inits[0] !== undefined && 'client' in inits[0]).toBe(false);
  });
});

describe('the plugins on their own', () => {
  const [reconciler] = writeSafety();
  const timeout = () => new TimTimeoutError(40, { endpoint: 'friendAdd' });
  const body = { From_Account: 'alice', AddFriendItem: addItems(['bob', 'carol']) };

  it('throws a refusal of the resend when it covers every account: the request failed as a whole', async () => {
    const refusal = new TimApiError({ ErrorCode: 60007 });
    const read = (async () => ({ ErrorCode: 0, InfoItem: ['bob', 'carol'].map((To_Account) => ({ To_Account, ResultCode: 0, Relation: 'CheckResult_Type_NoRelation' })) })) as RequestContext['request'];
    const ctx = context({ endpoint: friendAdd, body, request: read });
    const error = await rejection(runPlugin(reconciler, (_, call) => Promise.reject(call === 0 ? timeout() : refusal), ctx));
    expect(error).toBe(refusal);
  });

  it('gives the accounts of a refused resend that refusal, beside those the read confirmed', async () => {
    const refusal = new TimApiError({ ErrorCode: 60007 });
    const read = (async () => ({
      ErrorCode: 0,
      InfoItem: [
        { To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_BothWay' },
        { To_Account: 'carol', ResultCode: 0, Relation: 'CheckResult_Type_NoRelation' },
      ],
    })) as RequestContext['request'];
    const ctx = context({ endpoint: friendAdd, body, request: read });
    const { result, seen } = await runPlugin(reconciler, (_, call) => Promise.reject(call === 0 ? timeout() : refusal), ctx);
    expect(seen.map((sent) => (sent.body as Body).AddFriendItem?.map((entry) => entry.To_Account))).toEqual([['bob', 'carol'], ['carol']]);
    expect(result).toMatchObject({ ErrorCode: 0, ResultItem: [{ To_Account: 'bob', ResultCode: 0 }, { To_Account: 'carol', ResultCode: 60007 }], Fail_Account: ['carol'] });
  });

  it('reports done an account of a refused resend that the next read shows applied (the first attempt, late)', async () => {
    const refusal = new TimApiError({ ErrorCode: 60007 });
    const reads: string[][] = [];
    const read = (async (_endpoint: unknown, readBody: { To_Account: string[] }) => {
      reads.push(readBody.To_Account);
      const carol = reads.length === 1 ? 'CheckResult_Type_NoRelation' : 'CheckResult_Type_BothWay';
      return { ErrorCode: 0, InfoItem: readBody.To_Account.map((To_Account) => ({ To_Account, ResultCode: 0, Relation: To_Account === 'bob' ? 'CheckResult_Type_BothWay' : carol })) };
    }) as RequestContext['request'];
    const ctx = context({ endpoint: friendAdd, body, request: read });
    const { result, seen } = await runPlugin(reconciler, (_, call) => Promise.reject(call === 0 ? timeout() : refusal), ctx);
    expect(seen).toHaveLength(2);
    expect(reads).toEqual([['bob', 'carol'], ['carol']]);
    expect(result).toMatchObject({ ResultItem: [{ To_Account: 'bob', ResultCode: 0 }, { To_Account: 'carol', ResultCode: 0 }] });
  });

  it('rethrows the caller abort instead of reconciling', async () => {
    const controller = new AbortController();
    let reads = 0;
    const read = (async () => (reads++, { ErrorCode: 0 })) as RequestContext['request'];
    const ctx = context({ endpoint: friendAdd, body, signal: controller.signal, request: read });
    const error = await rejection(
      runPlugin(reconciler, () => {
        controller.abort(new Error('stop'));
        return Promise.reject(timeout());
      }, ctx),
    );
    expect(error).toBeInstanceOf(TimTimeoutError);
    expect(reads).toBe(0);
  });

  it('passes reads and idempotent writes through untouched', async () => {
    const failure = timeout();
    await expect(runPlugin(reconciler, () => Promise.reject(failure), context({ endpoint: friendCheck }))).rejects.toBe(failure);
    await expect(runPlugin(reconciler, () => Promise.reject(failure), context({ endpoint: deleteAll(true), body: { From_Account: 'alice' } }))).rejects.toBe(failure);
  });

  it('retry throws an unknown outcome of a write at once, and repeats it for a read', async () => {
    const plugin = retry({ minDelay: 1, maxDelay: 1 });
    const write = await rejection(runPlugin(plugin, () => Promise.reject(timeout()), context({ endpoint: friendAdd, body })));
    expect(write).toMatchObject({ code: -2, attempts: undefined });
    let calls = 0;
    await runPlugin(plugin, async () => {
      calls++;
      if (calls === 1) throw timeout();
      return { ErrorCode: 0, InfoItem: [{ To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_NoRelation' }] };
    });
    expect(calls).toBe(2);
  });

  it('validates its options', () => {
    expect(() => writeSafety({ rounds: 0 })).toThrow('Invalid write-safety options: rounds: must be at least 1');
    expect(() => writeSafety({ round: 2 } as never)).toThrow(/round: is not a write-safety option/);
  });
});
