// The source client inside happy-dom: the page origin is http://localhost:3000, so every call to
// the 127.0.0.1 test server is cross-origin, goes through happy-dom's fetch (CORS preflight and
// all) and is signed with WebCrypto + CompressionStream as a browser would.
import nodeConsole from 'node:console';
import { describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import {
  createClient,
  genUserSig,
  TimApiError,
  TimNetworkError,
  TimValidationError,
  verifyUserSig,
  type FriendCheckRequest,
  type Plugin,
} from '../../src/index.js';
import { echoOf, expectSignedFriendCheck } from '../support/echo.js';
import { slowAccount, slowDelayMs } from '../support/global-test-server.js';
import { testApp } from '../support/test-app.js';

const baseUrl = inject('imServerUrl');
const { sdkAppId, identifier, secretKey } = testApp;

const body: FriendCheckRequest = {
  From_Account: 'alice',
  To_Account: ['bob', 'carol', 'dave'],
  CheckType: 'CheckResult_Type_Both',
};


describe('happy-dom environment', () => {
  it('is a page on http://localhost:3000 with happy-dom fetch and the web crypto APIs', () => {
    expect(window.location.origin).toBe('http://localhost:3000');
    expect(typeof crypto.subtle.importKey).toBe('function');
    expect(typeof CompressionStream).toBe('function');
    expect(typeof DecompressionStream).toBe('function');
  });
});

describe('createClient in happy-dom', () => {
  it('makes a signed, cross-origin friendCheck call the server verifies', async () => {
    const tim = createClient({ sdkAppId, identifier, secretKey, baseUrl });
    const answer = await tim.friendCheck(body);

    expect(answer.ErrorCode).toBe(0);
    expect(answer.InfoItem.map((item) => [item.To_Account, item.ResultCode, item.Relation])).toEqual([
      ['bob', 0, 'CheckResult_Type_NoRelation'],
      ['carol', 0, 'CheckResult_Type_NoRelation'],
      ['dave', 0, 'CheckResult_Type_NoRelation'],
    ]);
    // Sent by happy-dom's fetch from the page, not by Node's own fetch.
    expectSignedFriendCheck(answer, body, 'http://localhost:3000');
  });

  it('signs with a UserSig from getUserSig', async () => {
    let calls = 0;
    const tim = createClient({
      sdkAppId,
      identifier,
      baseUrl,
      getUserSig: async () => {
        calls += 1;
        return genUserSig({ sdkAppId, identifier, secretKey, expire: 3600 });
      },
    });
    const first = await tim.friendCheck(body);
    const second = await tim.friendCheck({ ...body, To_Account: ['erin'] });
    expect(echoOf(first).userSigValid).toBe(true);
    expect(second.InfoItem.map((item) => item.To_Account)).toEqual(['erin']);
    expect(calls).toBe(1);
  });

  it('gets IM error 70003 for a UserSig signed with another key (the server really checks)', async () => {
    const otherKey = secretKey.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const userSig = await genUserSig({ sdkAppId, identifier, secretKey: otherKey });
    const tim = createClient({ sdkAppId, identifier, userSig, baseUrl });
    const error: unknown = await tim.friendCheck(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimApiError);
    expect((error as TimApiError).code).toBe(70003);
  });

  it('rejects bad input with TimValidationError before any request', async () => {
    let fetched = 0;
    const countingFetch: typeof fetch = (input, init) => {
      fetched += 1;
      return fetch(input, init);
    };
    const tim = createClient({ sdkAppId, identifier, secretKey, baseUrl, fetch: countingFetch });
    const error: unknown = await tim.friendCheck({ ...body, To_Account: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimValidationError);
    expect((error as TimValidationError).path).toBe('To_Account');
    expect(fetched).toBe(0);

    // The same client and fetch do reach the server with valid input.
    await expect(tim.friendCheck(body)).resolves.toMatchObject({ ErrorCode: 0 });
    expect(fetched).toBe(1);
  });

  it("sends a plugin's per-attempt header cross-origin, the retried attempt with its own value", async () => {
    const requestIds: Plugin = {
      name: 'request-ids',
      phase: 'attempt',
      run: (ctx, next) => next({ ...ctx, headers: { ...ctx.headers, 'X-Request-Id': `call-1-attempt-${ctx.attempt}` } }),
    };
    // Attempt 1 is lost before the network; its retry reaches the server.
    const lostFirst: Plugin = {
      name: 'lost-first',
      phase: 'transport',
      run: (ctx, next) => (ctx.attempt === 1 ? Promise.reject(new TimNetworkError('lost', { notSent: true })) : next(ctx)),
    };
    const tim = createClient({ sdkAppId, identifier, secretKey, baseUrl, retry: { minDelay: 1, maxDelay: 1 }, plugins: [requestIds, lostFirst] });
    const answer = await tim.friendCheck(body);
    expect(echoOf(answer).headers['x-request-id']).toBe('call-1-attempt-2');
    expect(echoOf(answer).origin).toBe('http://localhost:3000');
  });

  it.each([
    ['cross-origin', baseUrl, true],
    // CORS does not apply to the page's own origin: a failure there is only a network failure.
    ['same-origin', 'http://localhost:3000/tim', false],
  ])("says a page's bare fetch TypeError to a %s server was likely CORS", async (_, url, hinted) => {
    const blocked: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const tim = createClient({ sdkAppId, identifier, secretKey, baseUrl: url, fetch: blocked, retry: false });
    const error: unknown = await tim.friendCheck(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimNetworkError);
    expect((error as TimNetworkError).message.startsWith('Network error: Failed to fetch')).toBe(true);
    expect((error as TimNetworkError).message.includes(`likely blocked by CORS (the browser reports a network failure the same way): the request from http://localhost:3000 to ${new URL(url).origin}`)).toBe(hinted);
  });

  it('rejects with the reason of an already aborted signal', async () => {
    const tim = createClient({ sdkAppId, identifier, secretKey, baseUrl });
    const reason = new Error('caller gave up');
    await expect(tim.friendCheck(body, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('rejects a call in flight as soon as its signal aborts', async () => {
    // happy-dom's fetch destroys its node:http request on abort and then logs the resulting
    // "socket hang up" (ECONNRESET) to the page console, which vitest wires to Node's own console
    // object (not the captured test console): expected noise, checked and silenced.
    const consoleError = vi.spyOn(nodeConsole, 'error').mockImplementation(() => {});
    onTestFinished(() => consoleError.mockRestore());
    const tim = createClient({ sdkAppId, identifier, secretKey, baseUrl });
    const controller = new AbortController();
    const reason = new Error('aborted in flight');
    const started = Date.now();
    const call = tim.friendCheck({ ...body, From_Account: slowAccount }, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 200);
    await expect(call).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(slowDelayMs / 2);
    // Let happy-dom log (or not), then make sure it logged nothing but the expected reset.
    await vi.waitFor(() => expect(consoleError).toHaveBeenCalled(), { timeout: 1000 }).catch(() => {});
    for (const [logged] of consoleError.mock.calls) expect(logged).toMatchObject({ code: 'ECONNRESET' });
  });
});

describe('UserSig in happy-dom', () => {
  it('round-trips genUserSig and verifyUserSig', async () => {
    const userSig = await genUserSig({ sdkAppId, identifier, secretKey, expire: 600 });
    expect(userSig).toMatch(/^[A-Za-z0-9*_-]+$/);
    await expect(verifyUserSig({ sdkAppId, identifier, secretKey, userSig })).resolves.toEqual({ valid: true });
    await expect(verifyUserSig({ sdkAppId, identifier: 'someone-else', secretKey, userSig })).resolves.toEqual({
      valid: false,
      reason: 'identifier-mismatch',
    });
    const tampered = userSig.slice(0, -4) + (userSig.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expect(verifyUserSig({ sdkAppId, identifier, secretKey, userSig: tampered })).resolves.toMatchObject({ valid: false });
  });
});
