// The envelope checks, driven through the real client: each code the service answers for a bad
// query parameter, UserSig or body, in the service's order.
import { describe, expect, it } from 'vitest';
import { catalogue, createClient, genUserSig, TimApiError, TimHttpError, type FriendCheckRequest } from '../../src/index.js';
import { admin, app, post, rejection, setup, tamper, type Tampering } from './helpers.js';

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Single' };
const otherKey = 'another-apps-secret-key-0123456789';

/** Calls friendCheck through the real client with its requests tampered, and returns the error. */
async function tampered(change: Tampering): Promise<unknown> {
  const { emu } = setup();
  emu.store.addFriend('alice', 'bob');
  const tim = createClient({ sdkAppId: app.sdkAppId, identifier: admin, secretKey: app.secretKey, retry: false, fetch: tamper(emu.fetch, change) });
  return rejection(tim.friendCheck(body));
}

/** Calls friendCheck with a ready UserSig, and returns the error. */
async function withUserSig(userSig: string): Promise<unknown> {
  const { emu } = setup();
  const tim = createClient({ sdkAppId: app.sdkAppId, identifier: admin, userSig, retry: false, fetch: emu.fetch });
  return rejection(tim.friendCheck(body));
}

function expectApiError(error: unknown, code: number, info: RegExp): void {
  expect(error).toBeInstanceOf(TimApiError);
  expect(error).toMatchObject({ code, errorDisplay: '' });
  expect((error as TimApiError).errorInfo).toMatch(info);
  // Whatever went wrong, neither the key nor a UserSig is quoted back.
  expect((error as Error).message).not.toContain(app.secretKey);
  expect((error as Error).message).not.toMatch(/eJ[\w*-]{20,}/);
}

describe('envelope checks', () => {
  it.each([
    ['missing', null],
    ['empty', ''],
  ])('answers 60012 for an sdkappid that is %s', async (_, value) => {
    expectApiError(await tampered({ query: { sdkappid: value } }), 60012, /sdkappid is missing/);
  });

  it.each([
    ['not a number', 'abc'],
    ['zero', '0'],
    ['negative', '-1400000000'],
    ['a fraction', '1.5'],
  ])('answers 60006 for an sdkappid that is %s', async (_, value) => {
    expectApiError(await tampered({ query: { sdkappid: value } }), 60006, /sdkappid is not a positive integer/);
  });

  it('answers 70020 for another app', async () => {
    const { emu } = setup();
    const tim = createClient({ sdkAppId: app.sdkAppId + 1, identifier: admin, secretKey: app.secretKey, retry: false, fetch: emu.fetch });
    expectApiError(await rejection(tim.friendCheck(body)), 70020, /1400000001 is not this emulator's app/);
  });

  it.each([null, ''])('answers 60004 for a missing identifier (%j)', async (value) => {
    expectApiError(await tampered({ query: { identifier: value } }), 60004, /identifier is missing/);
  });

  it('answers 60010 for an identifier that is not an admin, and accepts configured admins', async () => {
    const { emu } = setup({ admins: ['ops-admin'] });
    emu.store.addAccount('alice');
    const as = (identifier: string) => createClient({ sdkAppId: app.sdkAppId, identifier, secretKey: app.secretKey, retry: false, fetch: emu.fetch });
    expectApiError(await rejection(as('administrator').friendCheck(body)), 60010, /administrator is not an app admin/);
    await expect(as('ops-admin').friendCheck(body)).resolves.toMatchObject({ ErrorCode: 0 });
  });

  it.each([null, ''])('answers 70002 for a missing usersig (%j)', async (value) => {
    expectApiError(await tampered({ query: { usersig: value } }), 70002, /usersig is missing/);
  });

  it.each([
    ['missing', null],
    ['negative', '-1'],
    ['above uint32', '4294967296'],
    ['not a number', 'abc'],
    ['a fraction', '1.0'],
  ])('answers 60002 for a random that is %s', async (_, value) => {
    expectApiError(await tampered({ query: { random: value } }), 60002, /random is missing or not an integer from 0 to 4294967295/);
  });

  it('accepts the uint32 bounds as random', async () => {
    for (const random of ['0', '4294967295']) {
      const { emu } = setup();
      emu.store.addAccount('alice');
      const tim = createClient({ sdkAppId: app.sdkAppId, identifier: admin, secretKey: app.secretKey, fetch: tamper(emu.fetch, { query: { random } }) });
      await expect(tim.friendCheck(body)).resolves.toMatchObject({ ErrorCode: 0 });
    }
  });

  it.each([null, 'JSON', 'xml'])('answers 60002 for contenttype %j (values are case-sensitive)', async (value) => {
    expectApiError(await tampered({ query: { contenttype: value } }), 60002, /contenttype must be json/);
  });

  it('answers 70003 for a UserSig that cannot be parsed', async () => {
    expectApiError(await withUserSig('not-a-usersig'), 70003, /cannot be parsed/);
  });

  it('answers 70014 for a UserSig of another app', async () => {
    const userSig = await genUserSig({ sdkAppId: app.sdkAppId + 1, secretKey: app.secretKey, identifier: admin });
    expectApiError(await withUserSig(userSig), 70014, /another sdkappid/);
  });

  it('answers 70013 for a UserSig of another identifier', async () => {
    const userSig = await genUserSig({ ...app, identifier: 'someone-else' });
    expectApiError(await withUserSig(userSig), 70013, /another identifier/);
  });

  it('answers 70009 for a UserSig signed with another key', async () => {
    const userSig = await genUserSig({ sdkAppId: app.sdkAppId, secretKey: otherKey, identifier: admin });
    expectApiError(await withUserSig(userSig), 70009, /another app's key/);
  });

  it('answers 70001 for an expired UserSig, by the injected clock', async () => {
    // The client signs for one day; the emulator lives two days later. The client renews once.
    const twoDays = 2 * 86_400_000;
    const { emu, tim } = setup({ now: () => Date.now() + twoDays });
    expectApiError(await rejection(tim.friendCheck(body)), 70001, /expired/);
    expect(emu.stats.errors[70001]).toBe(2);
  });

  // Raw requests: the client itself never sends a UserSig it knows to be expired.
  it('accepts a UserSig until its last second', async () => {
    const issued = 1_700_000_000_000;
    const usersig = await genUserSig({ ...app, identifier: admin, expire: 60, now: issued });
    const answer = async (now: number) => {
      const { emu } = setup({ now: () => now });
      emu.store.addAccount('alice');
      return (await post(emu.fetch, 'v4/sns/friend_check', body, { usersig })).json.ErrorCode;
    };
    expect(await answer(issued + 60_999)).toBe(0);
    expect(await answer(issued + 61_000)).toBe(70001);
  });

  it('rejects a UserSig it accepted before once the clock passes its expiry', async () => {
    const issued = 1_700_000_000_000;
    const clock = { now: issued };
    const usersig = await genUserSig({ ...app, identifier: admin, expire: 60, now: issued });
    const { emu } = setup({ now: () => clock.now });
    emu.store.addAccount('alice');
    expect((await post(emu.fetch, 'v4/sns/friend_check', body, { usersig })).json.ErrorCode).toBe(0);
    clock.now = issued + 61_000;
    expect((await post(emu.fetch, 'v4/sns/friend_check', body, { usersig })).json.ErrorCode).toBe(70001);
  });

  it.each(['not json', '', '{"From_Account":'])('answers 60003 for a body that is not JSON (%j)', async (text) => {
    expectApiError(await tampered({ body: text }), 60003, /not valid JSON/);
  });

  it('reports the first failed check in the service order', async () => {
    const error = await tampered({ query: { sdkappid: null, usersig: null, random: 'x' }, body: 'x' });
    expect(error).toMatchObject({ code: 60012 });
    const next = await tampered({ query: { usersig: null, random: 'x' }, body: 'x' });
    expect(next).toMatchObject({ code: 70002 });
    const last = await tampered({ query: { contenttype: 'xml' }, body: 'x' });
    expect(last).toMatchObject({ code: 60002 });
  });

  it('answers the failure envelope exactly, with HTTP 200', async () => {
    const { emu } = setup();
    const { status, json } = await post(emu.fetch, 'v4/sns/friend_check', body, { identifier: undefined });
    expect(status).toBe(200);
    expect(json).toEqual({ ActionStatus: 'FAIL', ErrorCode: 60004, ErrorInfo: 'identifier is missing', ErrorDisplay: '' });
    expect(Object.keys(json)).toEqual(['ActionStatus', 'ErrorCode', 'ErrorInfo', 'ErrorDisplay']);
  });
});

describe('method and path', () => {
  it('answers a method other than POST with HTTP 405 and an explaining envelope', async () => {
    const { emu } = setup();
    const response = await emu.fetch('https://console.tim.qq.com/v4/sns/friend_check', { method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60002, ErrorInfo: 'HTTP method GET is not allowed: use POST' });
    expect(emu.stats.endpoints['v4/sns/friend_check'].requests).toBe(1);
  });

  it('turns the 405 into TimHttpError in the client', async () => {
    const { emu } = setup();
    const tim = createClient({ sdkAppId: app.sdkAppId, identifier: admin, secretKey: app.secretKey, retry: false, fetch: tamper(emu.fetch, { method: 'PUT' }) });
    expect(await rejection(tim.friendCheck(body))).toMatchObject({ status: 405, retryable: false });
  });

  it('answers an unknown command with HTTP 404, naming the implemented ones', async () => {
    const { emu } = setup();
    const response = await emu.fetch('https://console.tim.qq.com/v4/profile/portrait_get?sdkappid=1', { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    const json = (await response.json()) as { ErrorCode: number; ErrorInfo: string };
    expect(json.ErrorCode).toBe(60002);
    const paths = Object.values(catalogue).map((endpoint) => endpoint.path);
    expect(json.ErrorInfo).toBe(`no such command: /v4/profile/portrait_get (the emulator implements ${paths.slice(0, -1).join(', ')} and ${paths.at(-1) ?? ''})`);
    expect(emu.stats.requests).toBe(1);
  });

  it('accepts any base-URL prefix before v4/ and any host', async () => {
    const { emu } = setup();
    emu.store.addFriend('alice', 'bob');
    for (const baseUrl of ['https://proxy.internal/tim', 'http://127.0.0.1:9/a/b/c', 'https://adminapisgp.im.qcloud.com']) {
      const tim = createClient({ sdkAppId: app.sdkAppId, identifier: admin, secretKey: app.secretKey, baseUrl, fetch: emu.fetch });
      const { InfoItem } = await tim.friendCheck(body);
      expect(InfoItem[0]?.Relation).toBe('CheckResult_Type_AWithB');
    }
  });

  it('does not mistake a longer path for a command', async () => {
    const { emu } = setup();
    const response = await emu.fetch('https://x.test/v4/sns/friend_check/extra', { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    const wrongService = await emu.fetch('https://x.test/v4/group_open_http_svc/friend_check', { method: 'POST', body: '{}' });
    expect(wrongService.status).toBe(404);
  });

  it('answers a CORS preflight through fetch as well', async () => {
    const { emu } = setup();
    const response = await emu.fetch('https://console.tim.qq.com/v4/sns/friend_check', { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
    });
    expect(emu.stats).toMatchObject({ requests: 0, preflights: 1 });
  });
});
