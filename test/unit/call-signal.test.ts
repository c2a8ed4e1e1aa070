// The caller's signal and the call's own: plugins listen on a signal made per call, which follows
// the caller's through one listener taken off when the call settles (signal-leak.test.ts measures
// the heap of 20,000 calls sharing one signal).
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { followSignal } from '../../src/util/abort.js';
import { createClient, type FriendCheckRequest } from '../../src/index.js';
import { rejection } from '../support/caught.js';
import { fail, fakeFetch, okForEachAccount } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob', 'carol'], CheckType: 'CheckResult_Type_Both' };
const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('followSignal', () => {
  it('aborts its followers with the parent’s reason, through one listener however many follow it', () => {
    const parent = new AbortController();
    const followed = Array.from({ length: 12 }, () => followSignal(parent.signal));
    expect(listeners(parent.signal)).toBe(1);
    const released = followed.pop();
    released?.release();
    const reason = new Error('shutting down');
    parent.abort(reason);
    expect(followed.map(({ signal }) => signal.reason)).toEqual(followed.map(() => reason));
    expect(released?.signal.aborted).toBe(false);
  });

  it('is aborted at once, with no listener added, when the parent already is', () => {
    const reason = new Error('too late');
    const parent = AbortSignal.abort(reason);
    const followed = followSignal(parent);
    expect(followed.signal.reason).toBe(reason);
    expect(listeners(parent)).toBe(0);
  });
});

describe('a call given a signal', () => {
  it('puts at most one listener on it, however many calls share it, answered or failed', async () => {
    const shared = new AbortController();
    const during: number[] = [];
    const fake = fakeFetch((call, index) => {
      during.push(listeners(shared.signal));
      return (call.body as FriendCheckRequest).To_Account.includes('dave') ? fail(40001) : okForEachAccount(call, index);
    });
    const tim = createClient({ ...testApp, fetch: fake.fetch, rateLimit: false, chunking: { chunkSize: 1 } });
    await Promise.all(Array.from({ length: 12 }, () => tim.friendCheck(body, { signal: shared.signal })));
    await rejection(tim.friendCheck({ ...body, To_Account: ['dave'] }, { signal: shared.signal }));
    expect(listeners(shared.signal)).toBe(1);
    expect(new Set(during)).toEqual(new Set([1]));
  });

  it('rejects at once with the reason of a signal aborted before it, sending nothing', async () => {
    const fake = fakeFetch();
    const reason = new Error('stop');
    const tim = createClient({ ...testApp, fetch: fake.fetch });
    expect(await rejection(tim.friendCheck(body, { signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(fake.calls).toHaveLength(0);
  });
});
