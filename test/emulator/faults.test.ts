// Every injected fault kind as the real client sees it through emu.fetch, the draw order, and
// reproducibility: the same seed and requests give the same faults, another seed other ones.
import { describe, expect, it } from 'vitest';
import {
  TimApiError,
  TimHttpError,
  TimNetworkError,
  TimResponseError,
  TimTimeoutError,
  type FriendCheckRequest,
} from '../../src/index.js';
import { createEmulator, type EmulatorRequestEntry, type FaultOptions } from '../../src/emulator/index.js';
import { app, post, rejection, setup, signedUrl } from './helpers.js';

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob', 'carol', 'dave'], CheckType: 'CheckResult_Type_Both' };

function faulty(faults: FaultOptions, seed = 1, timeout?: number) {
  const log: EmulatorRequestEntry[] = [];
  const { emu, tim } = setup({ faults, seed, onRequest: (entry) => log.push(entry) }, timeout === undefined ? {} : { timeout });
  emu.store.addFriend('alice', 'bob');
  emu.store.addFriend('bob', 'alice');
  emu.store.addFriend('alice', 'carol');
  return { emu, tim, log };
}

/** Runs `count` calls one after another and returns how each ended. */
async function outcomes(tim: ReturnType<typeof setup>['tim'], count: number): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let i = 0; i < count; i++) results.push(await tim.friendCheck(body).catch((error: unknown) => error));
  return results;
}

describe('fault kinds through emu.fetch', () => {
  it('requestError: TimApiError 30006 or 30007, retryable, both variants occur', async () => {
    const { emu, tim, log } = faulty({ requestError: 1 });
    const errors = await outcomes(tim, 12);
    for (const error of errors) {
      expect(error).toBeInstanceOf(TimApiError);
      expect(error).toMatchObject({ retryable: true, retryClass: 'transient' });
    }
    expect(new Set(errors.map((error) => (error as TimApiError).code))).toEqual(new Set([30006, 30007]));
    expect(emu.stats.faults.requestError).toBe(12);
    expect((emu.stats.errors[30006] ?? 0) + (emu.stats.errors[30007] ?? 0)).toBe(12);
    expect(log.every((entry) => entry.outcome === 'requestError' && entry.failed.length === 3)).toBe(true);
  });

  it('itemError: items fail with 30006/30007, keep a NoRelation Relation, and fill Fail_Account', async () => {
    const { emu, tim, log } = faulty({ itemError: 1 });
    const answer = await tim.friendCheck(body);
    expect(answer.ErrorCode).toBe(0);
    expect(answer.Fail_Account).toEqual(['bob', 'carol', 'dave']);
    for (const item of answer.InfoItem) {
      expect([30006, 30007]).toContain(item.ResultCode);
      expect(item.Relation).toBe('CheckResult_Type_NoRelation');
      expect(item.ResultInfo).not.toBe('');
    }
    expect(emu.stats.faults.itemError).toBe(3);
    expect(log[0]).toMatchObject({ outcome: 'itemError', failed: ['bob', 'carol', 'dave'] });
  });

  it('itemError in friend_get_list: failed items carry no SnsProfileItem', async () => {
    const { tim } = faulty({ itemError: 1 });
    const answer = await tim.friendGetList({ From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_AddSource'] });
    expect(answer.Fail_Account).toEqual(['bob']);
    expect(answer.InfoItem[0]?.SnsProfileItem).toBeUndefined();
    expect([30006, 30007]).toContain(answer.InfoItem[0]?.ResultCode);
  });

  it('itemError at a partial rate fails only some items, each listed once in Fail_Account', async () => {
    const { tim } = faulty({ itemError: 0.3 }, 3);
    const accounts = Array.from({ length: 200 }, (_, i) => `u${i}`);
    const answer = await tim.friendCheck({ From_Account: 'alice', To_Account: accounts, CheckType: 'CheckResult_Type_Single' });
    const failed = answer.InfoItem.filter((item) => item.ResultCode !== 0).map((item) => item.To_Account);
    expect(answer.Fail_Account).toEqual(failed);
    expect(failed.length).toBeGreaterThan(30);
    expect(failed.length).toBeLessThan(90);
  });

  it('httpError: TimHttpError 502 or 503 with a non-JSON body, retryable', async () => {
    const { emu, tim } = faulty({ httpError: 1 });
    const errors = await outcomes(tim, 10);
    for (const error of errors) expect(error).toBeInstanceOf(TimHttpError);
    expect(new Set(errors.map((error) => (error as TimHttpError).status))).toEqual(new Set([502, 503]));
    expect(errors.every((error) => (error as TimHttpError).retryable)).toBe(true);
    const raw = await post(emu.fetch, 'v4/sns/friend_check', body).catch((error: unknown) => error);
    expect(raw).toBeInstanceOf(SyntaxError); // the body is an HTML error page
  });

  it('drop: the fetch rejects like a failed fetch, and the client reports TimNetworkError', async () => {
    const { emu, tim, log } = faulty({ drop: 1 });
    const error = await rejection(tim.friendCheck(body));
    expect(error).toBeInstanceOf(TimNetworkError);
    expect(error).toMatchObject({ code: -1, retryable: true });
    const raw = await rejection(post(emu.fetch, 'v4/sns/friend_check', body));
    expect(raw).toBeInstanceOf(TypeError);
    expect((raw as Error).message).toBe('network error');
    expect(emu.stats.faults.drop).toBe(2);
    expect(log[0]?.outcome).toBe('drop');
  });

  it('stall: the client times out with TimTimeoutError long before stallMs', async () => {
    const { emu, tim } = faulty({ stall: 1 }, 1, 100);
    const started = performance.now();
    const error = await rejection(tim.friendCheck(body));
    expect(error).toBeInstanceOf(TimTimeoutError);
    expect(error).toMatchObject({ timeout: 100, retryable: true });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(emu.stats.faults.stall).toBe(1);
  });

  it('stall: emu.fetch rejects with the signal reason as soon as the caller aborts', async () => {
    const emu = createEmulator({ ...app, faults: { stall: 1 } });
    emu.store.addAccount('alice');
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const url = await signedUrl('https://console.tim.qq.com', 'v4/sns/friend_check');
    const started = performance.now();
    const stalled = emu.fetch(url, { method: 'POST', body: JSON.stringify(body), signal: controller.signal });
    setTimeout(() => controller.abort(reason), 30);
    await expect(stalled).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(emu.stats.faults.stall).toBe(1);
  });

  it('stall: emu.fetch answers once stallMs has passed', async () => {
    const { tim } = faulty({ stall: 1, stallMs: 120 });
    const started = performance.now();
    const answer = await tim.friendCheck(body);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(answer.InfoItem.map((item) => item.Relation)).toEqual(['CheckResult_Type_BothWay', 'CheckResult_Type_AWithB', 'CheckResult_Type_NoRelation']);
  });

  it('malformed: HTTP 200 with truncated JSON, a retryable TimResponseError', async () => {
    const { emu, tim } = faulty({ malformed: 1 });
    const error = await rejection(tim.friendCheck(body));
    expect(error).toBeInstanceOf(TimResponseError);
    expect(error).toMatchObject({ code: -3, retryable: true });
    const response = await emu.fetch('https://x.test/v4/sns/friend_check', { method: 'OPTIONS' });
    expect(response.status).toBe(204); // preflights are never faulted
    expect(emu.stats.faults.malformed).toBe(1);
  });

  it('latency: every accepted request waits a drawn time within [min, max]', async () => {
    const { emu, tim } = faulty({ latency: [80, 120] });
    const started = performance.now();
    await tim.friendCheck(body);
    await tim.friendCheck(body);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(155);
    expect(elapsed).toBeLessThan(1000);
    expect(emu.stats.faults.latency).toBe(2);
  });

  it('latency: delays endpoint errors, not envelope rejections', async () => {
    const { emu, tim } = faulty({ latency: [200, 200] });
    const started = performance.now();
    // 30003 comes from the endpoint, after the draw: delayed.
    expect(await rejection(tim.friendCheck({ ...body, From_Account: 'nobody' }))).toMatchObject({ code: 30003 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    const rejected = performance.now();
    const response = await emu.fetch('https://x.test/v4/sns/friend_check?sdkappid=1', { method: 'POST', body: '{}' });
    expect((await response.json()) as object).toMatchObject({ ErrorCode: 70020 });
    expect(performance.now() - rejected).toBeLessThan(150);
  });

  it('applies no fault when faults is not given, and none with every probability at 0', async () => {
    for (const faults of [undefined, { requestError: 0, itemError: 0, httpError: 0, drop: 0, stall: 0, malformed: 0 }]) {
      const { emu, tim } = faulty(faults ?? {});
      const results = await outcomes(tim, 20);
      expect(results.every((result) => (result as { ErrorCode?: number }).ErrorCode === 0 && !('Fail_Account' in (result as object)))).toBe(true);
      expect(Object.values(emu.stats.faults).every((count) => count === 0)).toBe(true);
    }
  });

  it('draws request-level kinds in order: drop wins over every later kind', async () => {
    const { emu, tim } = faulty({ drop: 1, stall: 1, httpError: 1, malformed: 1, requestError: 1, itemError: 1 });
    expect(await rejection(tim.friendCheck(body))).toBeInstanceOf(TimNetworkError);
    expect(emu.stats.faults).toMatchObject({ drop: 1, stall: 0, httpError: 0, malformed: 0, requestError: 0, itemError: 0 });
  });

  it('leaves rate-limited requests unfaulted', async () => {
    const { emu, tim } = setup({ faults: { drop: 1 }, rateLimit: { limit: 1, interval: 60_000 } });
    emu.store.addAccount('alice');
    await rejection(tim.friendCheck(body));
    expect(await rejection(tim.friendCheck(body))).toMatchObject({ code: 60007 });
    expect(emu.stats.faults.drop).toBe(1);
  });
});

describe('reproducible faults', () => {
  const mixed: FaultOptions = { requestError: 0.15, itemError: 0.1, httpError: 0.1, malformed: 0.1, drop: 0.1, latency: [0, 2] };

  async function run(seed: number): Promise<string[]> {
    const { tim, log } = faulty(mixed, seed);
    await outcomes(tim, 40);
    return log.map((entry) => `${entry.outcome}:${entry.failed.join(',')}`);
  }

  it('gives the same faults for the same seed and requests', async () => {
    const first = await run(11);
    expect(await run(11)).toEqual(first);
    // The sequence is really mixed, not all-ok or all-failed.
    expect(new Set(first.map((line) => line.split(':')[0])).size).toBeGreaterThanOrEqual(4);
  });

  it('gives other faults for another seed', async () => {
    expect(await run(12)).not.toEqual(await run(11));
  });

  it('keeps the order under concurrency: requests are decided in arrival order', async () => {
    const concurrent = async (seed: number) => {
      const { tim, log } = faulty(mixed, seed);
      await Promise.all(Array.from({ length: 30 }, () => tim.friendCheck(body).catch(() => undefined)));
      return log.map((entry) => entry.outcome);
    };
    expect(await concurrent(5)).toEqual(await concurrent(5));
  });
});
