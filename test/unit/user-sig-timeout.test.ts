// Issue 17 row 13: a getUserSig provider that never answers costs a call at most two timeouts
// (the first is retryable, for a backend that was slow for a moment), not one per retry and per
// round of chunks; the next call asks again. Asserted by counts, not by the clock.
import { describe, expect, it } from 'vitest';
import { createClient, genUserSig, isTimTimeoutError, type FriendCheckRequest } from '../../src/index.js';
import { rejection } from '../support/caught.js';
import { fakeFetch } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const { sdkAppId, identifier, secretKey } = testApp;
const check = (accounts: string[]): FriendCheckRequest => ({ From_Account: 'alice', To_Account: accounts, CheckType: 'CheckResult_Type_Both' });
const accounts = (count: number) => Array.from({ length: count }, (_, i) => `u${i}`);
const never = () => new Promise<string>(() => undefined);

/** A provider that never answers its first `hangs` asks, then answers; it counts the asks. */
function provider(hangs: number) {
  const counted = { asked: 0, getUserSig: () => (++counted.asked <= hangs ? never() : genUserSig({ sdkAppId, identifier, secretKey, expire: 3600 })) };
  return counted;
}

/** A client with a 40 ms provider timeout, retries with short waits, and a counting fetch. */
function clientFor(getUserSig: () => Promise<string>, chunking?: { chunkSize: number; concurrency: number }) {
  const fake = fakeFetch();
  const tim = createClient({ sdkAppId, identifier, getUserSig, userSigTimeout: 40, fetch: fake.fetch, retry: { minDelay: 1, maxDelay: 5 }, chunking: chunking ?? {} });
  return { tim, fake };
}

describe('a getUserSig provider that never answers', () => {
  it('fails a one-chunk call after two timeouts, with a TimTimeoutError that is not retryable', async () => {
    const counted = provider(Number.POSITIVE_INFINITY);
    const { tim, fake } = clientFor(counted.getUserSig);
    const error = await rejection(tim.friendCheck(check(['bob'])));
    expect(counted.asked).toBe(2);
    expect(fake.calls).toHaveLength(0);
    expect(isTimTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ retryable: false, timeout: 40, message: 'No answer from getUserSig within 40 ms, twice: not asked again in this call' });
  });

  it('fails a 10-chunk call (2 at a time) after two timeouts, chunks not yet started included', async () => {
    const counted = provider(Number.POSITIVE_INFINITY);
    const { tim, fake } = clientFor(counted.getUserSig, { chunkSize: 1, concurrency: 2 });
    const error = await rejection(tim.friendCheck(check(accounts(10))));
    expect(counted.asked).toBe(2);
    expect(fake.calls).toHaveLength(0);
    expect(isTimTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ retryable: false, message: 'No answer from getUserSig within 40 ms, twice: not asked again in this call' });
  });

  it('leaves the next call free to ask again', async () => {
    const counted = provider(2);
    const { tim, fake } = clientFor(counted.getUserSig);
    await rejection(tim.friendCheck(check(['bob'])));
    const answer = await tim.friendCheck(check(['bob']));
    expect(answer.InfoItem).toHaveLength(1);
    expect([counted.asked, fake.calls.length]).toEqual([3, 1]);
  });
});

describe('a getUserSig provider that hangs once', () => {
  it('gets its second chance: the call succeeds', async () => {
    const counted = provider(1);
    const { tim, fake } = clientFor(counted.getUserSig, { chunkSize: 1, concurrency: 2 });
    const answer = await tim.friendCheck(check(accounts(10)));
    expect(answer.Fail_Account ?? []).toEqual([]);
    expect([counted.asked, fake.calls.length]).toEqual([2, 10]);
  });
});
