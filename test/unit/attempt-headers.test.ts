// Plugins set HTTP headers through `ctx.headers`: per attempt in the attempt phase (a retry does
// not inherit them), for every attempt from an outer phase; what the transport owns, and query
// parameters the service does not take, are refused before anything is sent.
import { describe, expect, it } from 'vitest';
import { createClient, type FriendCheckRequest, type Plugin } from '../../src/index.js';
import { createEmulator } from '../../src/emulator/index.js';
import { asValidationError, rejection } from '../support/caught.js';
import { fail, fakeFetch, okForEachAccount } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };
const quickRetries = { minDelay: 1, maxDelay: 1 };

/** An attempt-phase plugin that gives each attempt its own request id. */
const requestIds: Plugin = {
  name: 'request-ids',
  phase: 'attempt',
  run: (ctx, next) => next({ ...ctx, headers: { ...ctx.headers, 'X-Request-Id': `call-7-attempt-${ctx.attempt}` } }),
};

describe('ctx.headers', () => {
  it('sends an attempt-phase header with each attempt, its own value on a retried call', async () => {
    // The service is busy once (30006), then answers.
    const fake = fakeFetch((call, index) => (index === 0 ? fail(30006, 'busy') : okForEachAccount(call, index)));
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: quickRetries, plugins: [requestIds] });
    await tim.friendCheck(body);
    expect(fake.calls.map((call) => call.headers.get('x-request-id'))).toEqual(['call-7-attempt-1', 'call-7-attempt-2']);
  });

  it('does not carry a header of attempt 1 into attempt 2 when the plugin does not set it again', async () => {
    const firstOnly: Plugin = {
      name: 'first-only',
      phase: 'attempt',
      run: (ctx, next) => next(ctx.attempt === 1 ? { ...ctx, headers: { ...ctx.headers, 'x-first': 'yes' } } : ctx),
    };
    const fake = fakeFetch((call, index) => (index < 2 ? fail(30006, 'busy') : okForEachAccount(call, index)));
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: quickRetries, plugins: [firstOnly] });
    await tim.friendCheck(body);
    expect(fake.calls.map((call) => call.headers.get('x-first'))).toEqual(['yes', null, null]);
  });

  it('sends a header set in the call phase with every attempt of every chunk, beside the per-attempt one', async () => {
    const tenant: Plugin = { name: 'tenant', phase: 'call', run: (ctx, next) => next({ ...ctx, headers: { ...ctx.headers, 'x-tenant': 'blue' } }) };
    const emu = createEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, seed: 11, faults: { requestError: 0.3 } });
    const [from = '', ...others] = emu.store.generate({ users: 2200 });
    const seen: { tenant: string | null; id: string | null }[] = [];
    // The emulator's own fetch, wrapped to see the headers as they arrive.
    const watched: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      seen.push({ tenant: headers.get('x-tenant'), id: headers.get('x-request-id') });
      return emu.fetch(input, init);
    };
    const tim = createClient({ ...testApp, fetch: watched, retry: quickRetries, plugins: [tenant, requestIds] });
    await tim.friendCheck({ From_Account: from, To_Account: others, CheckType: 'CheckResult_Type_Both' });

    expect(emu.stats.faults.requestError).toBeGreaterThan(0); // some chunks were retried
    expect(seen).toHaveLength(emu.stats.requests);
    expect(seen.every(({ tenant: value }) => value === 'blue')).toBe(true);
    // Three chunks: each numbers its own attempts, so attempt 1 appears three times and the retries
    // carry 2, 3 …, never an earlier attempt's id.
    const attempts = seen.map(({ id }) => Number(/attempt-(\d+)$/.exec(id ?? '')?.[1]));
    expect(attempts.filter((attempt) => attempt === 1)).toHaveLength(3);
    expect(attempts.length - 3).toBe(emu.stats.faults.requestError);
  });

  it.each([
    ['Content-Type', 'application/json', 'is set by the transport (Content-Type by the contentType client option)'],
    ['accept', 'text/html', 'is set by the transport (Content-Type by the contentType client option)'],
    ['x-bad name', 'v', 'is not a valid HTTP header name, or its value is not a valid header value'],
    ['x-token', 'secret-line\r\nx-injected: 1', 'is not a valid HTTP header name, or its value is not a valid header value'],
    ['x-count', 3, 'must be a string'],
  ])('refuses %s before sending, never quoting the value', async (name, value, reason) => {
    const fake = fakeFetch();
    const setter: Plugin = { name: 'setter', phase: 'attempt', run: (ctx, next) => next({ ...ctx, headers: { [name]: value as string } }) };
    const tim = createClient({ ...testApp, fetch: fake.fetch, plugins: [setter] });
    const error = asValidationError(await rejection(tim.friendCheck(body)));
    expect(error).toMatchObject({ path: `headers.${name}`, reason, endpoint: 'friendCheck' });
    expect(error.message).not.toContain('secret-line');
    expect(fake.calls).toHaveLength(0);
  });
});

describe('ctx.query', () => {
  it('refuses a parameter the service does not take, before sending', async () => {
    const fake = fakeFetch();
    const trace: Plugin = { name: 'trace', phase: 'attempt', run: (ctx, next) => next({ ...ctx, query: { ...ctx.query, trace: 'x1' } }) };
    const tim = createClient({ ...testApp, fetch: fake.fetch, plugins: [trace] });
    const error = asValidationError(await rejection(tim.friendCheck(body)));
    expect(error.path).toBe('query.trace');
    expect(error.reason).toBe('is not sent: the service takes only sdkappid, identifier, usersig, random, contenttype (send a value of your own in ctx.headers)');
    expect(fake.calls).toHaveLength(0);
  });
});
