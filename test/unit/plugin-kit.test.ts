// What a plugin author relies on: the per-call context, placement by phase and priority,
// attempt numbers with one owner, replacing a default, events, and what the transport measured.
import { describe, expect, it } from 'vitest';
import { createClient, friendAdd, friendCheck, friendGet, type FriendCheckRequest, type PipelineEvent, type Plugin, type RequestContext } from '../../src/index.js';
import { compose } from '../../src/pipeline/compose.js';
import { nonce } from '../../plugins/nonce.js';
import { alignAnswer, answerItems, chunkAccounts, distinctAccounts, requestedAccountCount, transportInfo, withItems, type ApiResponse, type TransportInfo } from '../../src/plugin-kit.js';
import { asValidationError, rejection } from '../support/caught.js';
import { fail, fakeFetch, okForEachAccount } from '../support/fake-fetch.js';
import { context } from '../support/plugin-harness.js';
import { testApp } from '../support/test-app.js';

const ids = (count: number) => Array.from({ length: count }, (_, i) => `user_${i}`);
const check = (accounts: string[]): FriendCheckRequest => ({ From_Account: 'alice', To_Account: accounts, CheckType: 'CheckResult_Type_Both' });
const fast = { minDelay: 1, maxDelay: 2 };

/** A plugin that records the context it sees and passes it on. */
function recorder(name: string, phase: Plugin['phase'], seen: RequestContext[], extra: Partial<Plugin> = {}): Plugin {
  return { name, phase, ...extra, run: (ctx, next) => (seen.push(ctx), next(ctx)) };
}

describe('call context', () => {
  it('reaches every plugin of the call as the same object, across chunks and attempts', async () => {
    const bag = { requestId: 'r-1' };
    const seen: RequestContext[] = [];
    const plugins = (['call', 'sub-call', 'attempt', 'transport'] as const).map((phase) => recorder(`probe-${phase}`, phase, seen));
    const fake = fakeFetch((call, index) => (index === 0 ? fail(30006) : okForEachAccount(call, index)));
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: fast, plugins });
    await tim.friendCheck(check(ids(2500)), { context: bag });
    // 1 call, 3 chunks, 4 attempts (the first chunk's first attempt failed).
    expect(seen.filter((ctx) => ctx === seen[0] || ctx.context === bag)).toHaveLength(seen.length);
    expect(seen.length).toBe(1 + 3 + 4 + 4);
  });

  it('tells plugins which client runs the call (its name and base URL) and the call id, the same in every phase, unique across clients', async () => {
    const seen: RequestContext[] = [];
    const plugins = (['call', 'sub-call', 'attempt', 'transport'] as const).map((phase) => recorder(`probe-${phase}`, phase, seen));
    const orders = createClient({ ...testApp, name: 'orders', baseUrl: 'https://proxy.internal/tim/', fetch: fakeFetch().fetch, plugins });
    const billing = createClient({ ...testApp, name: 'billing', fetch: fakeFetch().fetch, plugins });
    await orders.friendCheck(check(['bob']));
    await billing.friendCheck(check(['bob']));
    await orders.friendCheck(check(['bob']));
    expect(seen.map((ctx) => [ctx.client.name, ctx.client.baseUrl])).toEqual([
      ...Array(4).fill(['orders', 'https://proxy.internal/tim']),
      ...Array(4).fill(['billing', 'https://console.tim.qq.com']),
      ...Array(4).fill(['orders', 'https://proxy.internal/tim']),
    ]);
    const callIds = seen.map((ctx) => ctx.callId);
    expect(new Set(callIds).size).toBe(3);
    for (const [index, callId] of callIds.entries()) expect(callId).toBe(callIds[index - (index % 4)]);
    expect(callIds[0]).toMatch(/^c\d+$/);
  });

  it('is a fresh empty object when the caller gives none', async () => {
    const seen: RequestContext[] = [];
    const tim = createClient({ ...testApp, fetch: fakeFetch().fetch, plugins: [recorder('probe', 'attempt', seen)] });
    await tim.friendCheck(check(['bob']));
    await tim.friendCheck(check(['bob']));
    expect(seen[0]?.context).toEqual({});
    expect(seen[0]?.context).not.toBe(seen[1]?.context);
  });

  it('carries values a plugin adds to the plugins inside it only', async () => {
    const seen: RequestContext[] = [];
    const tagger: Plugin = { name: 'tagger', phase: 'sub-call', run: (ctx, next) => next({ ...ctx, context: { ...ctx.context, callId: 'c-7' } }) };
    const tim = createClient({ ...testApp, fetch: fakeFetch().fetch, plugins: [recorder('outer', 'call', seen), tagger, recorder('inner', 'attempt', seen)] });
    await tim.friendCheck(check(['bob']), { context: { user: 'ops' } });
    expect(seen.map((ctx) => ctx.context)).toEqual([{ user: 'ops' }, { user: 'ops', callId: 'c-7' }]);
  });

  it.each([[[]], [new Map()], ['text'], [null], [Object.create({ inherited: 1 }) as object]])('refuses a context that is not a plain object: %j', async (bad) => {
    const fake = fakeFetch();
    const tim = createClient({ ...testApp, fetch: fake.fetch });
    const error = asValidationError(await rejection(tim.friendCheck(check(['bob']), { context: bad as Record<string, unknown> })));
    expect(error.message).toBe('Invalid call options: context: must be a plain object');
    expect(fake.calls).toHaveLength(0);
  });

  it('accepts a context without a prototype', async () => {
    const bag = Object.assign(Object.create(null) as Record<string, unknown>, { requestId: 'r-2' });
    const seen: RequestContext[] = [];
    const tim = createClient({ ...testApp, fetch: fakeFetch().fetch, plugins: [recorder('probe', 'call', seen)] });
    await tim.friendCheck(check(['bob']), { context: bag });
    expect(seen[0]?.context).toBe(bag);
  });
});

describe('placement', () => {
  it('runs a custom call-phase plugin once per logical call, before the fan-out', async () => {
    const seen: RequestContext[] = [];
    const fake = fakeFetch();
    const tim = createClient({ ...testApp, fetch: fake.fetch, plugins: [recorder('once', 'call', seen)] });
    await tim.friendCheck(check(ids(2500)));
    expect(fake.calls).toHaveLength(3);
    expect(seen).toHaveLength(1);
    expect((seen[0]?.body.To_Account as string[]).length).toBe(2500);
  });

  it('runs a custom sub-call plugin once per chunk, outside the retries', async () => {
    const seen: RequestContext[] = [];
    const fake = fakeFetch((call, index) => (index < 2 ? fail(30007) : okForEachAccount(call, index)));
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: fast, plugins: [recorder('per-chunk', 'sub-call', seen)] });
    await tim.friendCheck(check(ids(10)));
    expect(fake.calls).toHaveLength(3);
    expect(seen).toHaveLength(1);
  });
});

describe('attempt numbers', () => {
  /** The attempt numbers an attempt-phase plugin sees while the service gives `failures`, then succeeds. */
  const attemptsSeen = async (failures: Response[], plugins: Plugin[] = []) => {
    const attempts: number[] = [];
    const probe: Plugin = { name: 'probe', phase: 'attempt', run: (ctx, next) => (attempts.push(ctx.attempt), next(ctx)) };
    const fake = fakeFetch((call, index) => failures[index] ?? okForEachAccount(call, index));
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: fast, plugins: [probe, ...plugins] });
    await tim.friendCheck(check(['bob']));
    return attempts;
  };

  it('counts 1, 2, 3 when renewal and retry both repeat (70001 → 30006 → OK)', async () => {
    expect(await attemptsSeen([fail(70001), fail(30006)])).toEqual([1, 2, 3]);
  });

  it('counts the repeats of a custom plugin too, whatever number it passes', async () => {
    const twice: Plugin = {
      name: 'twice',
      phase: 'sub-call',
      async run(ctx, next) {
        await next({ ...ctx, attempt: 99 });
        return next({ ...ctx, attempt: 1 });
      },
    };
    expect(await attemptsSeen([fail(30006)], [twice])).toEqual([1, 2, 3]);
  });

  it('starts again at 1 for every chunk', async () => {
    const attempts: number[] = [];
    const probe: Plugin = { name: 'probe', phase: 'transport', run: (ctx, next) => (attempts.push(ctx.attempt), next(ctx)) };
    const tim = createClient({ ...testApp, fetch: fakeFetch().fetch, chunking: { chunkSize: 2, concurrency: 1 }, plugins: [probe] });
    await tim.friendCheck(check(ids(6)));
    expect(attempts).toEqual([1, 1, 1]);
  });

  it('is 0 outside the attempt phase', async () => {
    const seen: RequestContext[] = [];
    const tim = createClient({ ...testApp, fetch: fakeFetch().fetch, plugins: [recorder('c', 'call', seen), recorder('s', 'sub-call', seen)] });
    await tim.friendCheck(check(['bob']));
    expect(seen.map((ctx) => ctx.attempt)).toEqual([0, 0]);
  });
});

describe('replacing a default plugin', () => {
  it('takes one line, and describePipeline shows the replacement in its place', async () => {
    let counter = 41;
    const seeded = { ...nonce({ random: () => ++counter }), name: 'seeded-nonce', replaces: 'nonce' };
    const fake = fakeFetch();
    const tim = createClient({ ...testApp, fetch: fake.fetch, plugins: [seeded] });
    expect(tim.describePipeline().filter((e) => e.phase === 'attempt')).toEqual([
      { phase: 'attempt', name: 'write-lock' },
      { phase: 'attempt', name: 'seeded-nonce' },
      { phase: 'attempt', name: 'signing' },
      { phase: 'attempt', name: 'rate-limit' },
    ]);
    await tim.friendCheck(check(['bob']));
    expect(fake.calls[0]?.url.searchParams.get('random')).toBe('42');
  });

  it('still refuses a duplicate name without replaces', () => {
    expect(() => createClient({ ...testApp, plugins: [nonce()] })).toThrow(
      'Invalid plugin "nonce": name: is already the name of another plugin (give `replaces` to replace it)',
    );
  });
});

describe('events', () => {
  it('reach a plugin that wraps emit, and progress reaches onProgress', async () => {
    const heard: PipelineEvent[] = [];
    const listener: Plugin = {
      name: 'listener',
      phase: 'call',
      priority: 'high',
      run: (ctx, next) => next({ ...ctx, emit: (event) => (heard.push(event), ctx.emit(event)) }),
    };
    const progress: unknown[] = [];
    const tim = createClient({ ...testApp, fetch: fakeFetch().fetch, chunking: { chunkSize: 5, concurrency: 1 }, plugins: [listener] });
    await tim.friendCheck(check(ids(10)), { onProgress: (p) => progress.push(p) });
    expect(heard.map((event) => event.type)).toEqual(['progress', 'progress']);
    expect(progress).toEqual(heard.map((event) => (event as unknown as { progress: unknown }).progress));
    expect(progress[1]).toEqual({ completedAccounts: 10, failedAccounts: 0, totalAccounts: 10, completedChunks: 2, failedChunks: 0, totalChunks: 2 });
  });
});

describe('transport info', () => {
  async function observed(answer: () => Response | Promise<Response>): Promise<(TransportInfo | undefined)[]> {
    const infos: (TransportInfo | undefined)[] = [];
    const meter: Plugin = {
      name: 'meter',
      phase: 'transport',
      async run(ctx, next) {
        try {
          const result = await next(ctx);
          infos.push(transportInfo(result));
          return result;
        } catch (error) {
          infos.push(transportInfo(error));
          throw error;
        }
      },
    };
    const tim = createClient({ ...testApp, fetch: fakeFetch(answer).fetch, retry: false, plugins: [meter] });
    await tim.friendCheck(check(['bob'])).catch(() => undefined);
    return infos;
  }

  it('gives the status, the body size in bytes and the time of a successful attempt', async () => {
    const text = JSON.stringify({ ErrorCode: 0, InfoItem: [{ To_Account: 'bob', ResultCode: 0, ResultInfo: 'ü', Relation: 'CheckResult_Type_NoRelation' }] });
    const [info] = await observed(() => new Response(text, { status: 200 }));
    expect(info).toMatchObject({ status: 200, bytes: new TextEncoder().encode(text).byteLength });
    expect(info?.duration).toBeGreaterThanOrEqual(0);
  });

  it('gives them for an error answer, an HTTP error and a network failure', async () => {
    const apiError = JSON.stringify({ ActionStatus: 'FAIL', ErrorCode: 30003, ErrorInfo: 'x' });
    expect((await observed(() => new Response(apiError)))[0]).toMatchObject({ status: 200, bytes: apiError.length });
    expect((await observed(() => new Response('bad gateway', { status: 502 })))[0]).toMatchObject({ status: 502, bytes: 0 });
    const network = (await observed(() => Promise.reject(new TypeError('fetch failed'))))[0];
    expect(network).toMatchObject({ status: undefined, bytes: 0 });
  });

  it('stays out of the answer the caller gets', async () => {
    const tim = createClient({ ...testApp, fetch: fakeFetch().fetch });
    const answer = await tim.friendCheck(check(['bob']));
    expect(Object.getOwnPropertySymbols(answer)).toEqual([]);
    expect(transportInfo({ ErrorCode: 0 })).toBeUndefined();
    expect(transportInfo(null)).toBeUndefined();
  });
});

describe('compose', () => {
  it('checks the signal before every plugin and before the terminal', async () => {
    const controller = new AbortController();
    const ran: string[] = [];
    const bare = (name: string, abortHere = false): Plugin => ({
      name,
      phase: 'call',
      run(ctx, next) {
        ran.push(name);
        if (abortHere) controller.abort(new Error('stop'));
        return next(ctx);
      },
    });
    const terminal = async () => (ran.push('terminal'), { ErrorCode: 0 });
    const run = compose([bare('first'), bare('second', true), bare('third')], terminal);
    await expect(run(context({ endpoint: friendCheck, signal: controller.signal }))).rejects.toThrow('stop');
    expect(ran).toEqual(['first', 'second']);

    const last = new AbortController();
    const atEnd = compose([{ ...bare('only'), run: (ctx, next) => (last.abort(new Error('late')), next(ctx)) }], terminal);
    ran.length = 0;
    await expect(atEnd(context({ signal: last.signal }))).rejects.toThrow('late');
    expect(ran).toEqual([]);
  });
});

describe('batch helpers', () => {
  const shape = { list: 'To_Account', account: undefined, max: 1000, results: 'InfoItem', key: 'To_Account', whole: false } as const;
  const answer = (accounts: readonly string[]) => ({
    ActionStatus: 'OK',
    ErrorCode: 0,
    InfoItem: accounts.map((To_Account) => ({ To_Account, ResultCode: 0, Relation: 'CheckResult_Type_BothWay' })),
  });
  const accountsOf = (aligned: ApiResponse) => answerItems(aligned, shape).map((item) => item.To_Account);

  it('alignAnswer keeps one result per distinct account even when the answer repeats a repeated account in order', () => {
    const asked = ['bob', 'carol', 'bob'];
    expect(accountsOf(alignAnswer(answer(asked), shape, asked))).toEqual(['bob', 'carol']);
  });

  it('distinctAccounts drops repeats in first-seen order and returns a frozen list alignAnswer trusts', () => {
    const list = distinctAccounts(['bob', 'carol', 'bob']);
    expect(list).toEqual(['bob', 'carol']);
    expect(Object.isFrozen(list)).toBe(true);
    expect(distinctAccounts(list)).toBe(list);
    expect(accountsOf(alignAnswer(answer(list), shape, list))).toEqual(['bob', 'carol']);
  });

  it('chunkAccounts splits the distinct accounts into consecutive chunks of at most the size', () => {
    const chunks = chunkAccounts(['a', 'b', 'c', 'a', 'd', 'e'], 2);
    expect(chunks).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(chunks.every((chunk) => Object.isFrozen(chunk))).toBe(true);
  });

  it('withItems passes a successful answer on as it is, and rebuilds Fail_Account otherwise', () => {
    const ok = answer(['bob']);
    expect(withItems(ok, shape, ok.InfoItem)).toBe(ok);
    const stale = { ...answer(['bob']), Fail_Account: ['bob'] };
    expect(withItems(stale, shape, stale.InfoItem)).not.toHaveProperty('Fail_Account');
    const failed = withItems(ok, shape, [{ To_Account: 'bob', ResultCode: 30001, ResultInfo: 'no' }]);
    expect(failed).toMatchObject({ Fail_Account: ['bob'] });
  });
});

describe('requestedAccountCount', () => {
  it('counts the batch list as sent (duplicates included), and is undefined without an array batch list', () => {
    expect(requestedAccountCount(check(['b', 'c', 'b']), friendCheck)).toBe(3);
    expect(requestedAccountCount({ From_Account: 'a', AddFriendItem: [{ To_Account: 'b' }] }, friendAdd)).toBe(1);
    expect(requestedAccountCount({ From_Account: 'a' }, friendGet)).toBeUndefined();
    expect(requestedAccountCount({ From_Account: 'a', To_Account: (async function* () {})() }, friendCheck)).toBeUndefined();
  });
});
