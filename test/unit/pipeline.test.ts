import { describe, expect, it } from 'vitest';
import { createClient, verifyUserSig, type FriendCheckRequest, type Phase, type Plugin, type RequestContext } from '../../src/index.js';
import { fakeFetch, type FakeCall } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };

async function signatureValid(call: FakeCall): Promise<boolean> {
  const { valid } = await verifyUserSig({ ...testApp, userSig: call.url.searchParams.get('usersig') ?? '' });
  return valid;
}

describe('pipeline', () => {
  it('lists the default stack in order', () => {
    const tim = createClient({ ...testApp, fetch: fakeFetch().fetch });
    expect(tim.describePipeline()).toEqual([
      { phase: 'call', name: 'validation' },
      { phase: 'call', name: 'chunking' },
      { phase: 'sub-call', name: 'write-reconcile' },
      { phase: 'sub-call', name: 'retry' },
      { phase: 'sub-call', name: 'signing-renewal' },
      { phase: 'attempt', name: 'write-lock' },
      { phase: 'attempt', name: 'nonce' },
      { phase: 'attempt', name: 'signing' },
      { phase: 'attempt', name: 'rate-limit' },
    ]);
  });

  it.each<[Phase, string[]]>([
    ['call', ['validation', 'probe', 'chunking', 'write-reconcile', 'retry', 'signing-renewal', 'write-lock', 'nonce', 'signing', 'rate-limit']],
    ['sub-call', ['validation', 'chunking', 'write-reconcile', 'probe', 'retry', 'signing-renewal', 'write-lock', 'nonce', 'signing', 'rate-limit']],
    ['attempt', ['validation', 'chunking', 'write-reconcile', 'retry', 'signing-renewal', 'write-lock', 'nonce', 'signing', 'probe', 'rate-limit']],
    ['transport', ['validation', 'chunking', 'write-reconcile', 'retry', 'signing-renewal', 'write-lock', 'nonce', 'signing', 'rate-limit', 'probe']],
  ])('places a custom plugin by its phase (%s) and runs it', async (phase, expected) => {
    const seen: RequestContext[] = [];
    const probe: Plugin = {
      name: 'probe',
      phase,
      run(ctx, next) {
        seen.push(ctx);
        return next(ctx);
      },
    };
    const tim = createClient({ ...testApp, fetch: fakeFetch().fetch, plugins: [probe] });
    expect(tim.describePipeline().map((entry) => entry.name)).toEqual(expected);
    await tim.friendCheck(body);
    expect(seen).toHaveLength(1);
    // Attempt and transport plugins placed after signing see the complete query.
    const complete = phase === 'attempt' || phase === 'transport';
    expect(seen[0]?.query.usersig !== undefined).toBe(complete);
    expect(seen[0]?.query.random !== undefined).toBe(complete);
  });

  it('lets a plugin declare its place with before/after', () => {
    const first: Plugin = { name: 'first', phase: 'attempt', before: 'nonce', run: (ctx, next) => next(ctx) };
    const tim = createClient({ ...testApp, fetch: fakeFetch().fetch, plugins: [first] });
    expect(tim.describePipeline().filter((e) => e.phase === 'attempt').map((e) => e.name)).toEqual(['write-lock', 'first', 'nonce', 'signing', 'rate-limit']);
  });

  it('checks order constraints when the client is created', () => {
    const lost: Plugin = { name: 'lost', phase: 'attempt', after: 'ghost', run: (ctx, next) => next(ctx) };
    expect(() => createClient({ ...testApp, plugins: [lost] })).toThrow('Invalid plugin "lost": after: names an unknown plugin "ghost"');
  });

  it('replaces the whole stack with plugins: (defaults) => [...]', async () => {
    const fake = fakeFetch();
    const tim = createClient({
      ...testApp,
      fetch: fake.fetch,
      plugins: (defaults) => defaults.filter((plugin) => plugin.name !== 'validation' && plugin.name !== 'chunking'),
    });
    expect(tim.describePipeline().map((e) => e.name)).toEqual(['write-reconcile', 'retry', 'signing-renewal', 'write-lock', 'nonce', 'signing', 'rate-limit']);
    // Without the validation plugin an empty list goes out unchecked.
    await tim.friendCheck({ ...body, To_Account: [] });
    expect(fake.calls).toHaveLength(1);
  });

  it('refuses a plugins function that returns no list', () => {
    expect(() => createClient({ ...testApp, plugins: () => undefined as never })).toThrow(
      'Invalid client options: plugins: the function must return a list of plugins',
    );
  });

  it('lets a plugin call next more than once, each descent a fresh attempt', async () => {
    const fake = fakeFetch();
    const twice: Plugin = {
      name: 'twice',
      phase: 'sub-call',
      async run(ctx, next) {
        await next(ctx);
        return next(ctx);
      },
    };
    const tim = createClient({ ...testApp, fetch: fake.fetch, plugins: [twice] });
    await tim.friendCheck(body);
    expect(fake.calls).toHaveLength(2);
    const randoms = fake.calls.map((call) => call.url.searchParams.get('random'));
    expect(new Set(randoms).size).toBe(2);
    for (const call of fake.calls) expect(await signatureValid(call)).toBe(true);
  });

  it('lets a transport-phase plugin answer instead of the network', async () => {
    const fake = fakeFetch();
    const canned: Plugin = {
      name: 'canned',
      phase: 'transport',
      run: async () => ({ ErrorCode: 0, InfoItem: [{ To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_BothWay' }] }),
    };
    const tim = createClient({ ...testApp, fetch: fake.fetch, plugins: [canned] });
    expect(await tim.friendCheck(body)).toEqual({
      ErrorCode: 0,
      InfoItem: [{ To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_BothWay' }],
    });
    expect(fake.calls).toHaveLength(0);
  });

  it('keeps contexts immutable: a change reaches only the plugins below', async () => {
    const fake = fakeFetch();
    const seen: string[] = [];
    const tag: Plugin = { name: 'tag', phase: 'sub-call', run: (ctx, next) => next({ ...ctx, headers: { ...ctx.headers, 'x-trace': 'x1' } }) };
    const watch: Plugin = {
      name: 'watch',
      phase: 'call',
      async run(ctx, next) {
        const answer = await next(ctx);
        seen.push(ctx.headers?.['x-trace'] ?? 'none');
        return answer;
      },
    };
    const tim = createClient({ ...testApp, fetch: fake.fetch, plugins: [tag, watch] });
    await tim.friendCheck(body);
    expect(seen).toEqual(['none']);
    expect(fake.calls[0]?.headers.get('x-trace')).toBe('x1');
  });

  it('stops at the next plugin boundary once the signal aborts', async () => {
    const fake = fakeFetch();
    const controller = new AbortController();
    const aborter: Plugin = {
      name: 'aborter',
      phase: 'sub-call',
      run(ctx, next) {
        controller.abort(new Error('stop'));
        return next(ctx);
      },
    };
    const tim = createClient({ ...testApp, fetch: fake.fetch, plugins: [aborter] });
    await expect(tim.friendCheck(body, { signal: controller.signal })).rejects.toThrow('stop');
    expect(fake.calls).toHaveLength(0);
  });
});

describe('credentials', () => {
  it('sends a fixed userSig as given', async () => {
    const fake = fakeFetch();
    const userSig = 'eJw1ikELgjAYhv-Ldw6ZNt0adAmyDgXWPHVbb';
    await createClient({ sdkAppId: testApp.sdkAppId, identifier: testApp.identifier, userSig, fetch: fake.fetch }).friendCheck(body);
    expect(fake.calls[0]?.url.searchParams.get('usersig')).toBe(userSig);
  });

  it('asks getUserSig once and reuses its answer', async () => {
    const fake = fakeFetch();
    let asked = 0;
    const { genUserSig } = await import('../../src/index.js');
    const tim = createClient({
      sdkAppId: testApp.sdkAppId,
      identifier: testApp.identifier,
      getUserSig: () => {
        asked++;
        return genUserSig({ ...testApp, expire: 3600 });
      },
      fetch: fake.fetch,
    });
    await tim.friendCheck(body);
    await tim.friendCheck(body);
    expect(asked).toBe(1);
    for (const call of fake.calls) expect(await signatureValid(call)).toBe(true);
  });

  it('renews on 70001 and repeats the attempt with a fresh random and a valid UserSig', async () => {
    const fake = fakeFetch((call, index) =>
      index === 0
        ? new Response(JSON.stringify({ ActionStatus: 'FAIL', ErrorCode: 70001, ErrorInfo: 'expired' }))
        : new Response(JSON.stringify({ ErrorCode: 0, InfoItem: [{ To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_BothWay' }] })),
    );
    const tim = createClient({ ...testApp, fetch: fake.fetch });
    expect(await tim.friendCheck(body)).toEqual({ ErrorCode: 0, InfoItem: [{ To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_BothWay' }] });
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[0]?.url.searchParams.get('random')).not.toBe(fake.calls[1]?.url.searchParams.get('random'));
    for (const call of fake.calls) expect(await signatureValid(call)).toBe(true);
  });
});
