// Inputs no schema expects — bodies that cannot be serialised or read, a fetch that answers with
// something else than a Response, schemas that throw — each gives a typed error naming the cause,
// before any request where the input is at fault, and is never retried.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { createClient, defineEndpoint, isTimResponseError, isTimValidationError } from '../../src/index.js';
import { rejection } from '../support/caught.js';
import { fakeFetch } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const check = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' } as const;

describe('hostile input', () => {
  it.each([
    ['a BigInt', { ...check, Extra: 10n }],
    ['a cycle', (() => { const body: Record<string, unknown> = { ...check }; body.self = body; return body; })()],
    ['a throwing toJSON', { ...check, Extra: { toJSON: () => { throw new Error('secret-in-message'); } } }],
  ])('refuses a body with %s as TimValidationError, before any request or retry', async (_case, body) => {
    const fake = fakeFetch();
    const started = Date.now();
    const error = await rejection(createClient({ ...testApp, fetch: fake.fetch }).friendCheck(body as never));
    expect(isTimValidationError(error)).toBe(true);
    expect((error as Error).message).toBe('Invalid friendCheck request: cannot be serialised to JSON (a BigInt, a cycle or a throwing toJSON)');
    expect(fake.calls).toHaveLength(0);
    expect(Date.now() - started).toBeLessThan(150); // no backoff
  });

  it('refuses a body whose getter throws, or a throwing Proxy, as TimValidationError', async () => {
    const fake = fakeFetch();
    const tim = createClient({ ...testApp, fetch: fake.fetch });
    const getter = Object.defineProperty({ ...check }, 'To_Account', { enumerable: true, get: () => { throw new Error('boom'); } });
    const proxy = new Proxy({ ...check }, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
    for (const body of [getter, proxy]) {
      const error = await rejection(tim.friendCheck(body as never));
      expect(isTimValidationError(error) && error.reason).toBe('could not be read: a getter, a Proxy or the schema threw');
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('turns a fetch that resolves to something else than a Response into a TimResponseError, not retried', async () => {
    let calls = 0;
    const notAResponse = (async () => (calls++, { status: 'fine' })) as unknown as typeof fetch;
    const error = await rejection(createClient({ ...testApp, fetch: notAResponse }).friendCheck(check));
    expect(isTimResponseError(error)).toBe(true);
    expect((error as Error).message).toBe('Unexpected response: the fetch function resolved to something that is not a Response');
    expect(calls).toBe(1);
  });

  it('turns endpoint schemas that throw into typed errors', async () => {
    const throwing = v.custom(() => { throw new Error('schema bug'); });
    const badRequest = defineEndpoint({ name: 'badRequest', path: 'v4/sns/friend_check', effect: 'read', request: throwing, response: v.looseObject({ ErrorCode: v.number() }) });
    const badResponse = defineEndpoint({ name: 'badResponse', path: 'v4/sns/friend_check', effect: 'read', request: v.looseObject({}), response: throwing });
    const fake = fakeFetch();
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: false });
    const requestError = await rejection(tim.request(badRequest, {}));
    expect(isTimValidationError(requestError) && requestError.message).toBe('Invalid badRequest request: could not be read: a getter, a Proxy or the schema threw');
    expect(fake.calls).toHaveLength(0);
    const responseError = await rejection(tim.request(badResponse, {}));
    expect(isTimResponseError(responseError) && responseError.message).toBe('Unexpected response: the response schema of badResponse threw');
  });
});
