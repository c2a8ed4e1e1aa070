// Redirects: the IM service never redirects, so a redirect comes from something in between, and
// following it would hand the UserSig and the request to its target. Two real servers on two
// host names (127.0.0.1 and localhost): the first redirects to the second, which must see nothing.
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, isTimHttpError, TimHttpError, type FriendCheckRequest } from '../../src/index.js';
import { rejection } from '../support/caught.js';
import { ok } from '../support/fake-fetch.js';
import { answerAllAccounts, startTestServer, type TestServer } from '../support/im-test-server.js';
import { testApp } from '../support/test-app.js';

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };
const pathSecret = 'path-secret-4711';

let redirecting: TestServer;
let target: TestServer;
let targetHost = '';
beforeAll(async () => {
  [redirecting, target] = await Promise.all([startTestServer(testApp), startTestServer(testApp)]);
  targetHost = `localhost:${new URL(target.url).port}`;
});
afterAll(() => Promise.all([redirecting.close(), target.close()]));
beforeEach(() => {
  redirecting.requests.length = 0;
  target.requests.length = 0;
});

/** Redirects every request to the target server, keeping its query (and so its usersig). */
function redirectWith(status: number): void {
  redirecting.respond((request) => ({
    status,
    headers: { location: `http://${targetHost}/${pathSecret}/v4/sns/friend_check?${new URLSearchParams(request.query)}` },
  }));
}

// Default retries on: a refusal must not be repeated.
const client = (extra: Record<string, unknown> = {}) => createClient({ ...testApp, baseUrl: redirecting.url, rateLimit: false, ...extra });

/** Asserts that no secret (key, UserSig, the Location's path) is in any rendering of `error`. */
function expectNoSecrets(error: unknown): void {
  const userSig = redirecting.requests.at(-1)?.query.usersig;
  expect(userSig).toBeTruthy();
  for (const text of [String(error), inspect(error, { depth: 5 }), JSON.stringify(error), (error as Error).stack ?? '']) {
    for (const secret of [testApp.secretKey, userSig ?? '', pathSecret, 'usersig']) expect(text).not.toContain(secret);
  }
}

describe('a redirect to another host', () => {
  it.each([
    [301, 'Moved Permanently'],
    [302, 'Found'],
    [303, 'See Other'],
    [307, 'Temporary Redirect'],
    [308, 'Permanent Redirect'],
  ])('%i is not followed: TimHttpError naming the target host only, not retried', async (status, statusText) => {
    redirectWith(status);
    const error = await rejection(client().friendCheck(body));
    expect(error).toBeInstanceOf(TimHttpError);
    expect(error).toMatchObject({ status, code: status, retryable: false, endpoint: 'friendCheck' });
    expect((error as Error).message).toBe(`HTTP ${status} ${statusText}: redirect to ${targetHost} refused (the IM service does not redirect)`);
    expectNoSecrets(error);
    expect(redirecting.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
  });

  it('is refused without a Location too, and a relative one names the same host', async () => {
    redirecting.respond(() => ({ status: 307 }));
    expect((await rejection(client().friendCheck(body))) as Error).toMatchObject({ message: 'HTTP 307 Temporary Redirect: redirect without a Location refused (the IM service does not redirect)' });
    redirecting.respond(() => ({ status: 302, headers: { location: `/${pathSecret}?usersig=leak` } }));
    const error = await rejection(client().friendCheck(body));
    expect((error as Error).message).toBe(`HTTP 302 Found: redirect to ${new URL(redirecting.url).host} refused (the IM service does not redirect)`);
    expectNoSecrets(error);
  });

  it('goes out with redirect: manual, whatever fetch is injected', async () => {
    const modes: (RequestRedirect | undefined)[] = [];
    const spy = async (_input: RequestInfo | URL, init?: RequestInit) => {
      modes.push(init?.redirect);
      return ok({ InfoItem: [{ To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_NoRelation' }] });
    };
    await client({ fetch: spy }).friendCheck(body);
    expect(modes).toEqual(['manual']);
  });
});

describe('a redirect that fetch followed or hid', () => {
  it('refuses the answer of a custom fetch that followed the redirect, naming the final host', async () => {
    redirectWith(307);
    const following = (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, redirect: 'follow' });
    const error = await rejection(client({ fetch: following }).friendCheck(body));
    expect(isTimHttpError(error)).toBe(true);
    expect(error).toMatchObject({ status: 300, code: 300, retryable: false });
    expect((error as Error).message).toBe(
      `HTTP 300: the fetch option followed a redirect to ${targetHost}; its answer is refused (the IM service does not redirect)`,
    );
    expectNoSecrets(error);
    // The injected fetch did reach the target (that is the defect it has); its answer was not used.
    expect(target.requests).toHaveLength(1);
  });

  it('refuses a followed response (redirected: true) from a fake fetch', async () => {
    const followed = async () => {
      const response = ok({ InfoItem: [{ To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_BothWay' }] });
      Object.defineProperties(response, { redirected: { value: true }, url: { value: 'https://other.example:8443/steal?usersig=abc' } });
      return response;
    };
    const error = await rejection(client({ fetch: followed }).friendCheck(body));
    expect(error).toMatchObject({ name: 'TimHttpError', status: 300, retryable: false });
    expect((error as Error).message).toContain('followed a redirect to other.example:8443;');
    expect((error as Error).message).not.toContain('abc');
  });

  it("refuses a browser's opaque redirect (status 0, no Location) with code 300, never 0", async () => {
    const opaque = async () => {
      const response = new Response(null, { status: 200 });
      Object.defineProperties(response, { type: { value: 'opaqueredirect' }, status: { value: 0 }, ok: { value: false }, statusText: { value: '' } });
      return response;
    };
    const error = await rejection(client({ fetch: opaque }).friendCheck(body));
    expect(error).toMatchObject({ name: 'TimHttpError', status: 300, code: 300, retryable: false });
    expect((error as Error).message).toBe('HTTP 300: redirect refused (the IM service does not redirect); the browser hides its status and target');
  });

  it("marks a refused chunk's accounts failed with the redirect's status as ResultCode", async () => {
    redirecting.respond((request, index) =>
      (request.body as FriendCheckRequest).To_Account.includes('carol') ? { status: 307, headers: { location: `http://${targetHost}/` } } : answerAllAccounts(request, index),
    );
    const answer = await client({ chunking: { chunkSize: 1 } }).friendCheck({ ...body, To_Account: ['bob', 'carol'] });
    expect(answer.InfoItem.map((item) => [item.To_Account, item.ResultCode])).toEqual([
      ['bob', 0],
      ['carol', 307],
    ]);
    expect(answer.Fail_Account).toEqual(['carol']);
    expect(target.requests).toHaveLength(0);
  });
});
