// The built browser bundle (dist/timfetch.browser.js, ky and valibot inside) in real Chromium:
// the vitest page is a secure context (localhost), so WebCrypto signs; the test server on
// 127.0.0.1 is another origin, so each call is a real CORS request. Run `rollup -c` first.
import { beforeAll, describe, expect, inject, it } from 'vitest';
// Type-only: the global setup module itself runs in Node, not in the page.
import { echoOf, expectSignedFriendCheck } from '../support/echo.js';
import { testApp } from '../support/test-app.js';

type Bundle = typeof import('../../src/index.js');

const errorClasses = [
  'TimApiError',
  'TimBatchError',
  'TimHttpError',
  'TimNetworkError',
  'TimTimeoutError',
  'TimValidationError',
  'TimResponseError',
] as const;

const publicNames = [
  'createClient',
  'friendCheck',
  'friendGetList',
  'genUserSig',
  'verifyUserSig',
  'TimError',
  ...errorClasses,
] as const;

const { sdkAppId, identifier, secretKey } = testApp;
const baseUrl = inject('imServerUrl');

let bundle: Bundle;

beforeAll(async () => {
  // @ts-expect-error -- the built bundle has no declaration file; it is typed as the source below.
  bundle = (await import('../../dist/timfetch.browser.js')) as Bundle;
});


describe('Chromium page', () => {
  it('is a secure context with WebCrypto and CompressionStream', () => {
    expect(navigator.userAgent).toMatch(/Chrome\//);
    expect(window.isSecureContext).toBe(true);
    expect(typeof crypto.subtle.importKey).toBe('function');
    expect(typeof CompressionStream).toBe('function');
  });
});

describe('dist/timfetch.browser.js in Chromium', () => {
  it('exports the public names', () => {
    for (const name of publicNames) expect(bundle[name], name).toBeDefined();
    for (const name of ['createClient', 'genUserSig', 'verifyUserSig'] as const) expect(typeof bundle[name]).toBe('function');
    expect(bundle.TimError.prototype).toBeInstanceOf(Error);
    for (const name of errorClasses) {
      expect(bundle[name].prototype, name).toBeInstanceOf(bundle.TimError);
      expect(bundle[name].prototype, name).toBeInstanceOf(Error);
    }
    expect(bundle.friendCheck).toMatchObject({ name: 'friendCheck', path: 'v4/sns/friend_check' });
    expect(bundle.friendGetList).toMatchObject({ name: 'friendGetList', path: 'v4/sns/friend_get_list' });
  });

  it('makes a friendCheck call signed with secretKey, answered per account in order', async () => {
    const tim = bundle.createClient({ sdkAppId, identifier, secretKey, baseUrl });
    const body = { From_Account: 'alice', To_Account: ['zoe', 'bob', 'mallory'], CheckType: 'CheckResult_Type_Both' } as const;
    const answer = await tim.friendCheck({ ...body, To_Account: [...body.To_Account] });

    expect(answer.ActionStatus).toBe('OK');
    expect(answer.ErrorCode).toBe(0);
    expect(answer.InfoItem.map((item) => [item.To_Account, item.ResultCode, item.Relation])).toEqual([
      ['zoe', 0, 'CheckResult_Type_NoRelation'],
      ['bob', 0, 'CheckResult_Type_NoRelation'],
      ['mallory', 0, 'CheckResult_Type_NoRelation'],
    ]);
    // A cross-origin request from this page (Chromium sets Origin, the server allowed it by CORS).
    expectSignedFriendCheck(answer, body, window.location.origin);
  });

  it('adds no request header but accept and content-type, both CORS-safelisted (no preflight needed)', async () => {
    const tim = bundle.createClient({ sdkAppId, identifier, secretKey, baseUrl });
    const { headers } = echoOf(await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Single' }));
    // The rest is Chromium's own: forbidden request headers, client hints and fetch metadata.
    const chromiums = /^(?:host|connection|content-length|origin|referer|user-agent|accept-encoding|accept-language|priority|sec-.+)$/;
    expect(Object.keys(headers).filter((name) => !chromiums.test(name)).sort()).toEqual(['accept', 'content-type']);
    expect(headers).toMatchObject({ accept: 'application/json', 'content-type': 'text/plain;charset=UTF-8' });
  });

  it('makes a call signed with a UserSig from getUserSig (the key is not held by the client)', async () => {
    let calls = 0;
    const tim = bundle.createClient({
      sdkAppId,
      identifier,
      baseUrl,
      getUserSig: async () => {
        calls += 1;
        return bundle.genUserSig({ sdkAppId, identifier, secretKey, expire: 3600 });
      },
    });
    const first = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Single' });
    const second = await tim.friendCheck({ From_Account: 'alice', To_Account: ['carol', 'dave'], CheckType: 'CheckResult_Type_Single' });
    expect(echoOf(first).userSigValid).toBe(true);
    expect(first.InfoItem.map((item) => item.To_Account)).toEqual(['bob']);
    expect(second.InfoItem.map((item) => item.To_Account)).toEqual(['carol', 'dave']);
    expect(calls).toBe(1);
  });

  it('surfaces the server rejecting a UserSig made with another key as TimApiError 70003', async () => {
    const userSig = await bundle.genUserSig({ sdkAppId, identifier, secretKey: secretKey.replace(/^5/, '6') });
    const tim = bundle.createClient({ sdkAppId, identifier, userSig, baseUrl });
    const error: unknown = await tim
      .friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(bundle.TimApiError);
    expect((error as InstanceType<Bundle['TimApiError']>).code).toBe(70003);
  });

  it('rejects bad input with TimValidationError before sending', async () => {
    let fetched = 0;
    const tim = bundle.createClient({
      sdkAppId,
      identifier,
      secretKey,
      baseUrl,
      fetch: (input, init) => {
        fetched += 1;
        return fetch(input, init);
      },
    });
    const error: unknown = await tim
      .friendCheck({ From_Account: 'alice', To_Account: [], CheckType: 'CheckResult_Type_Both' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(bundle.TimValidationError);
    expect((error as InstanceType<Bundle['TimValidationError']>).path).toBe('To_Account');
    expect(fetched).toBe(0);
  });

  it('round-trips genUserSig and verifyUserSig', async () => {
    const userSig = await bundle.genUserSig({ sdkAppId, identifier, secretKey, expire: 600 });
    await expect(bundle.verifyUserSig({ sdkAppId, identifier, secretKey, userSig })).resolves.toEqual({ valid: true });
    await expect(bundle.verifyUserSig({ sdkAppId, identifier: 'bob', secretKey, userSig })).resolves.toEqual({
      valid: false,
      reason: 'identifier-mismatch',
    });
  });
});
