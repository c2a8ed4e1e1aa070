import { afterEach, describe, expect, it, vi } from 'vitest';
import { retry } from '../../plugins/retry.js';
import {
  createClient,
  TimApiError,
  TimHttpError,
  TimNetworkError,
  TimResponseError,
  TimTimeoutError,
  TimValidationError,
  verifyUserSig,
  type FriendCheckRequest,
} from '../../src/index.js';
import type { ApiResponse, Plugin, RequestContext } from '../../src/pipeline/plugin.js';
import { fail, fakeFetch, json, ok, okForEachAccount, type FakeAnswer } from '../support/fake-fetch.js';
import { context, runPlugin } from '../support/plugin-harness.js';
import { testApp } from '../support/test-app.js';

afterEach(() => {
  vi.useRealTimers();
});

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob', 'carol', 'dave'], CheckType: 'CheckResult_Type_Both' };
const fast = { minDelay: 1, maxDelay: 2 };

/** A client whose fetch answers with `answers[i]` for the i-th request (the last one repeats). */
function clientAnswering(answers: FakeAnswer[], retryOptions: object = fast) {
  const fake = fakeFetch((call, index) => (answers[Math.min(index, answers.length - 1)] ?? okForEachAccount)(call, index));
  return { fake, tim: createClient({ ...testApp, fetch: fake.fetch, retry: retryOptions }) };
}

const item = (To_Account: string, ResultCode = 0) => ({ To_Account, ResultCode, ResultInfo: ResultCode === 0 ? '' : 'busy', Relation: 'CheckResult_Type_NoRelation' });

describe('retry: request level', () => {
  it.each([30006, 30007, 60007, 60008, 60011, 70169, 70500, 90992, 91000])('retries IM error %i and succeeds', async (code) => {
    const { fake, tim } = clientAnswering([() => fail(code), okForEachAccount]);
    const answer = await tim.friendCheck(body);
    expect(answer.InfoItem.map((i) => i.ResultCode)).toEqual([0, 0, 0]);
    expect(fake.calls).toHaveLength(2);
  });

  it.each([30001, 30003, 30004, 60003, 60010, 70003, 70009, 70013])('never retries IM error %i', async (code) => {
    const { fake, tim } = clientAnswering([() => fail(code)]);
    await expect(tim.friendCheck(body)).rejects.toMatchObject({ code });
    expect(fake.calls).toHaveLength(1);
  });

  it('leaves 70001 to the signing renewal: one renewal, no backoff retries', async () => {
    const { fake, tim } = clientAnswering([() => fail(70001)]);
    await expect(tim.friendCheck(body)).rejects.toMatchObject({ code: 70001 });
    expect(fake.calls).toHaveLength(2);
  });

  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [400, false],
    [404, false],
  ])('HTTP %i: retried %s', async (status, retried) => {
    const { fake, tim } = clientAnswering([() => new Response('no', { status }), okForEachAccount]);
    const outcome = await tim.friendCheck(body).then(
      () => 'ok',
      (error: unknown) => error,
    );
    expect(fake.calls).toHaveLength(retried ? 2 : 1);
    if (retried) expect(outcome).toBe('ok');
    else expect(outcome).toBeInstanceOf(TimHttpError);
  });

  it('retries network errors and truncated bodies, not a wrong shape', async () => {
    const network = clientAnswering([
      () => {
        throw new TypeError('fetch failed');
      },
      okForEachAccount,
    ]);
    await network.tim.friendCheck(body);
    expect(network.fake.calls).toHaveLength(2);

    const truncated = clientAnswering([() => new Response('{"ErrorCode":0,"InfoIt'), okForEachAccount]);
    await truncated.tim.friendCheck(body);
    expect(truncated.fake.calls).toHaveLength(2);

    const wrongShape = clientAnswering([() => json({ ErrorCode: 0, InfoItem: 'none' })]);
    await expect(wrongShape.tim.friendCheck(body)).rejects.toBeInstanceOf(TimResponseError);
    expect(wrongShape.fake.calls).toHaveLength(1);
  });

  it('stops after `retries` repeats and throws the last error', async () => {
    const { fake, tim } = clientAnswering([() => fail(30006)], { ...fast, retries: 2 });
    await expect(tim.friendCheck(body)).rejects.toBeInstanceOf(TimApiError);
    expect(fake.calls).toHaveLength(3);
  });

  it('sends every retry with a fresh random and a valid UserSig', async () => {
    const { fake, tim } = clientAnswering([() => fail(30007), () => new Response('', { status: 503 }), okForEachAccount]);
    await tim.friendCheck(body);
    expect(fake.calls).toHaveLength(3);
    expect(new Set(fake.calls.map((c) => c.url.searchParams.get('random'))).size).toBe(3);
    for (const call of fake.calls) {
      const userSig = call.url.searchParams.get('usersig') ?? '';
      expect(await verifyUserSig({ ...testApp, userSig })).toEqual({ valid: true });
    }
  });

  it('makes each retry a new attempt, numbered 1, 2, 3, 4 by the pipeline', async () => {
    const attempts: number[] = [];
    const probe: Plugin = { name: 'probe', phase: 'attempt', run: (ctx, next) => (attempts.push(ctx.attempt), next(ctx)) };
    const fake = fakeFetch(() => new Response('', { status: 503 }));
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: { ...fast, retries: 3 }, plugins: [probe] });
    await expect(tim.friendCheck(body)).rejects.toBeInstanceOf(TimHttpError);
    expect(attempts).toEqual([1, 2, 3, 4]);
  });
});

describe('retry: backoff', () => {
  /** Runs the plugin with fake timers; returns the waits between successive attempts. */
  async function waitsBetweenAttempts(plugin: ReturnType<typeof retry>, failure: () => Error, attempts: number): Promise<number[]> {
    vi.useFakeTimers();
    const times: number[] = [];
    const pending = runPlugin(plugin, async () => {
      times.push(Date.now());
      if (times.length < attempts) throw failure();
      return { ErrorCode: 0 };
    });
    await vi.runAllTimersAsync();
    await pending;
    return times.slice(1).map((time, i) => time - (times[i] ?? 0));
  }

  it('draws each wait from [minDelay, min(maxDelay, minDelay * 2^n)]', async () => {
    const draws = [0, 0.5, 1, 0.25];
    const plugin = retry({ retries: 4, minDelay: 100, maxDelay: 500, random: () => draws.shift() ?? 0 });
    const waits = await waitsBetweenAttempts(plugin, () => new TimApiError({ ErrorCode: 30006 }), 5);
    // n=1: [100,200] at 0 → 100; n=2: [100,400] at .5 → 250; n=3: [100,500] at 1 → 500; n=4: [100,500] at .25 → 200
    expect(waits).toEqual([100, 250, 500, 200]);
  });

  it('honours Retry-After, capped at maxDelay', async () => {
    const plugin = retry({ retries: 2, minDelay: 10, maxDelay: 4000, random: () => 0 });
    const after = (ms: number) => () => new TimHttpError(429, 'Too Many Requests', { retryAfter: ms });
    expect(await waitsBetweenAttempts(plugin, after(3000), 2)).toEqual([3000]);
    expect(await waitsBetweenAttempts(plugin, after(60_000), 2)).toEqual([4000]);
  });

  it('starts no retry whose wait would end past the deadline', async () => {
    vi.useFakeTimers({ now: 0 });
    let calls = 0;
    // Each attempt takes 100 ms on this clock; the waits pass on the fake timers.
    const now = () => Date.now() + calls * 100;
    const plugin = retry({ retries: 10, minDelay: 400, maxDelay: 400, deadline: 1000, now, random: () => 0 });
    const pending = runPlugin(plugin, async () => {
      calls++;
      throw new TimTimeoutError(100);
    });
    const settled = expect(pending).rejects.toBeInstanceOf(TimTimeoutError);
    await vi.runAllTimersAsync();
    await settled;
    // t=100 fail, 100+400 < 1000 → wait; t=600 fail, 600+400 ≥ 1000 → give up.
    expect(calls).toBe(2);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const plugin = retry({ retries: 3, minDelay: 60_000, maxDelay: 60_000 });
    const pending = runPlugin(plugin, () => Promise.reject(new TimNetworkError('down')), context({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('user left')), 20);
    await expect(pending).rejects.toThrow('user left');
  });
});

describe('retry: item level', () => {
  it('asks again for just the transiently failed accounts and merges them in place', async () => {
    const sent: string[][] = [];
    const { tim } = clientAnswering([
      (call) => {
        sent.push((call.body as { To_Account: string[] }).To_Account);
        return ok({ InfoItem: [item('bob'), item('carol', 30006), item('dave', 30007)], Fail_Account: ['carol', 'dave'] });
      },
      (call) => {
        sent.push((call.body as { To_Account: string[] }).To_Account);
        return ok({ InfoItem: [item('carol'), item('dave', 30006)], Fail_Account: ['dave'] });
      },
      (call) => {
        sent.push((call.body as { To_Account: string[] }).To_Account);
        return ok({ InfoItem: [item('dave')] });
      },
    ]);
    const answer = await tim.friendCheck(body);
    expect(sent).toEqual([['bob', 'carol', 'dave'], ['carol', 'dave'], ['dave']]);
    expect(answer.InfoItem.map((i) => [i.To_Account, i.ResultCode])).toEqual([
      ['bob', 0],
      ['carol', 0],
      ['dave', 0],
    ]);
    expect(answer.Fail_Account).toBeUndefined();
  });

  it('keeps the last failure when the budget runs out, and never retries 30001', async () => {
    const { fake, tim } = clientAnswering(
      [() => ok({ InfoItem: [item('bob', 30001), item('carol', 30006), item('dave')], Fail_Account: ['bob', 'carol'] }), () => ok({ InfoItem: [item('carol', 30006)], Fail_Account: ['carol'] })],
      { ...fast, retries: 2 },
    );
    const answer = await tim.friendCheck(body);
    expect(fake.calls.map((c) => (c.body as { To_Account: string[] }).To_Account)).toEqual([['bob', 'carol', 'dave'], ['carol'], ['carol']]);
    expect(answer.InfoItem.map((i) => [i.To_Account, i.ResultCode])).toEqual([
      ['bob', 30001],
      ['carol', 30006],
      ['dave', 0],
    ]);
    expect(answer.Fail_Account).toEqual(['bob', 'carol']);
  });

  it('keeps the answer when a follow-up request fails for good', async () => {
    const { tim } = clientAnswering([() => ok({ InfoItem: [item('bob'), item('carol', 30007), item('dave')], Fail_Account: ['carol'] }), () => fail(30001)]);
    const answer = await tim.friendCheck(body);
    expect(answer.InfoItem.map((i) => i.ResultCode)).toEqual([0, 30007, 0]);
    expect(answer.Fail_Account).toEqual(['carol']);
  });
});

describe('retry options', () => {
  it.each([
    [{ retries: -1 }, 'retries'],
    [{ retries: 1.5 }, 'retries'],
    [{ minDelay: 'fast' }, 'minDelay'],
    [{ deadline: 0 }, 'deadline'],
    [{ minDelay: 500, maxDelay: 100 }, ''],
    [{ retry: 3 }, 'retry'],
  ])('rejects %o', (options, path) => {
    expect(() => retry(options as never)).toThrow(TimValidationError);
    try {
      retry(options as never);
    } catch (error) {
      expect((error as TimValidationError).path).toBe(path);
    }
  });

  it('is left out with retry: false', async () => {
    const fake = fakeFetch(() => fail(30006));
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: false });
    expect(tim.describePipeline().map((p) => p.name)).not.toContain('retry');
    await expect(tim.friendCheck(body)).rejects.toMatchObject({ code: 30006 });
    expect(fake.calls).toHaveLength(1);
  });
});

describe('retry: item level, accounts never asked', () => {
  it('asks follow-ups only for accounts of the request, not for a stranger the answer made up', async () => {
    const fake = fakeFetch((call) => {
      const asked = (call.body as { To_Account: string[] }).To_Account;
      const items = asked.map((To_Account) => ({ To_Account, ResultCode: 0, Relation: 'CheckResult_Type_NoRelation' }));
      return ok({ InfoItem: [...items, { To_Account: 'stranger', ResultCode: 30006, Relation: 'CheckResult_Type_NoRelation' }] });
    });
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: fast });
    const answer = await tim.friendCheck(body);
    expect(fake.calls).toHaveLength(1);
    expect(answer.InfoItem.map((item) => item.To_Account)).toEqual(['bob', 'carol', 'dave']);
  });
});
