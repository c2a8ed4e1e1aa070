// UserSig providers that misbehave, UserSigs near or past their expiry, and a service that keeps
// rejecting every UserSig: each ends in a bounded, typed failure, never a hang or a request storm.
import { describe, expect, it } from 'vitest';
import { createClient, genUserSig, isTimTimeoutError, isTimValidationError, type FriendCheckRequest } from '../../src/index.js';
import { rejection } from '../support/caught.js';
import { fail, fakeFetch } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const check = (accounts: string[]): FriendCheckRequest => ({ From_Account: 'alice', To_Account: accounts, CheckType: 'CheckResult_Type_Both' });
const { sdkAppId, identifier, secretKey } = testApp;
/** A UserSig made `ageSeconds` ago with a lifetime of `expire` seconds. */
const userSigAged = (ageSeconds: number, expire = 1000) => genUserSig({ sdkAppId, identifier, secretKey, expire, now: Date.now() - ageSeconds * 1000 });

describe('getUserSig providers', () => {
  it('time out when they never settle, without poisoning the next call', async () => {
    let asked = 0;
    const getUserSig = () => (++asked === 1 ? new Promise<string>(() => undefined) : userSigAged(0));
    const fake = fakeFetch();
    const tim = createClient({ sdkAppId, identifier, getUserSig, userSigTimeout: 100, fetch: fake.fetch, retry: false });
    const started = Date.now();
    const error = await rejection(tim.friendCheck(check(['bob'])));
    expect(isTimTimeoutError(error) && error.message).toBe('No answer from getUserSig within 100 ms');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.calls).toHaveLength(0);
    await tim.friendCheck(check(['bob']));
    expect(fake.calls).toHaveLength(1);
    expect(asked).toBe(2);
  });

  it('are asked again by the retry of an attempt whose provider timed out', async () => {
    let asked = 0;
    const getUserSig = () => (++asked === 1 ? new Promise<string>(() => undefined) : userSigAged(0));
    const fake = fakeFetch();
    const tim = createClient({ sdkAppId, identifier, getUserSig, userSigTimeout: 50, fetch: fake.fetch, retry: { minDelay: 1, maxDelay: 2 } });
    await tim.friendCheck(check(['bob']));
    expect([asked, fake.calls.length]).toEqual([2, 1]);
  });

  it('are not asked on every request when their UserSig is past 90 % of its life: it is used until it expires', async () => {
    let asked = 0;
    const getUserSig = () => (asked++, userSigAged(950)); // 95 % of 1000 s
    const fake = fakeFetch();
    const tim = createClient({ sdkAppId, identifier, getUserSig, fetch: fake.fetch });
    for (let i = 0; i < 3; i++) await tim.friendCheck(check(['bob']));
    expect(asked).toBe(1);
    expect(fake.calls).toHaveLength(3);
  });

  it('never get an expired UserSig sent', async () => {
    const fake = fakeFetch();
    const error = await rejection(createClient({ sdkAppId, identifier, getUserSig: () => userSigAged(1001), fetch: fake.fetch, retry: false }).friendCheck(check(['bob'])));
    expect(isTimValidationError(error) && error.message).toBe('Invalid getUserSig result: is an expired UserSig');
    const fixed = await rejection(createClient({ sdkAppId, identifier, userSig: await userSigAged(1001), fetch: fake.fetch }).friendCheck(check(['bob'])));
    expect(isTimValidationError(fixed) && fixed.message).toBe('Invalid userSig option: is an expired UserSig');
    expect(fake.calls).toHaveLength(0);
  });
});

describe('a service that rejects every UserSig', () => {
  it('costs two requests for the first chunks, then none for the others of the call', async () => {
    const fake = fakeFetch(() => fail(70001));
    const tim = createClient({ ...testApp, fetch: fake.fetch, chunking: { chunkSize: 1 } });
    const error = await rejection(tim.friendCheck(check(Array.from({ length: 50 }, (_, i) => `u${i}`))));
    expect(error).toMatchObject({ code: 70001 });
    // 4 chunks in flight when the first renewal fails, each allowed its one renewal.
    expect(fake.calls.length).toBeLessThanOrEqual(8);
    // The next call tries again.
    await rejection(tim.friendCheck(check(['x'])));
    expect(fake.calls.length).toBeLessThanOrEqual(10);
  });
});
