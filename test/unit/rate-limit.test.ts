// The rate limiter with injected clocks: the window rule, first come first served, abort, the
// margin, the retry deadline, adaptive slowdown and recovery, the 70050 hold, store failures.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore, rateLimit, type RateLimitOptions, type RateLimitSlowdownEvent } from '../../plugins/rate-limit.js';
import { createClient, isTimRateLimitError, TimApiError, TimHttpError, TimNetworkError, type FriendCheckRequest, type PipelineEvent, type Plugin } from '../../src/index.js';
import type { LimiterStore, SlotRequest } from '../../src/plugin-kit.js';
import { rejection } from '../support/caught.js';
import { fail, fakeFetch, okForEachAccount } from '../support/fake-fetch.js';
import { context, runPlugin } from '../support/plugin-harness.js';
import { testApp } from '../support/test-app.js';

afterEach(() => {
  vi.useRealTimers();
});

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

/** A store that records what it was asked and answers with `wait`. */
function recordingStore(wait: (request: SlotRequest) => number = () => 0): LimiterStore & { requests: SlotRequest[] } {
  // Answers `wait` to every request; a request told to wait is counted again when it asks again.
  const requests: SlotRequest[] = [];
  return { name: 'recording', requests, acquire: async (request) => (requests.push(request), { wait: wait(request) }) };
}

/** Takes a slot whose request ends at once (a quick request), returning the store's wait. */
async function quick(store: LimiterStore, request: SlotRequest): Promise<number> {
  const grant = await store.acquire(request);
  grant.finished?.();
  return grant.wait;
}

describe('memoryStore', () => {
  it('gives `limit` slots in a window, then says how long until the limit-th most recent is a window old', async () => {
    const clock = manualClock(0);
    const store = memoryStore({ now: clock.now });
    const request = { key: 'k', limit: 2, window: 100, margin: 0 };
    expect(await quick(store, request)).toBe(0);
    clock.advance(10);
    expect(await quick(store, request)).toBe(0);
    expect(await quick(store, request)).toBe(90);
    clock.advance(90);
    expect(await quick(store, request)).toBe(0); // the first slot is a window old
    expect(await quick(store, request)).toBe(10);
  });

  it('counts a finished slot from when its request ended', async () => {
    const clock = manualClock(0);
    const store = memoryStore({ now: clock.now });
    const request = { key: 'k', limit: 2, window: 100, margin: 0 };
    const first = await store.acquire(request);
    await quick(store, request);
    clock.advance(30);
    first.finished?.(); // the first request left late or took long: it counts from 30
    clock.advance(70);
    expect(await quick(store, request)).toBe(0); // the second slot (0) is a window old
    expect(await quick(store, request)).toBe(30); // the first now counts until 130
  });

  it('counts a slot while its request runs, past its window, and from `margin` before its end once it ended', async () => {
    const clock = manualClock(0);
    const store = memoryStore({ now: clock.now });
    const request = { key: 'k', limit: 1, window: 100, margin: 10 };
    const running = await store.acquire(request);
    clock.advance(250); // still running, two and a half windows later
    const wait = await quick(store, request);
    expect(wait).toBeGreaterThan(0); // the request may reach the server any moment: it still counts
    clock.advance(5);
    running.finished?.(); // ended at 255: counts from 245, until 345
    clock.advance(84);
    expect(await quick(store, request)).toBe(6);
    clock.advance(6);
    expect(await quick(store, request)).toBe(0);
  });

  it('counts a slow request from `margin` before it ended, and a quick one from when it left', async () => {
    const clock = manualClock(0);
    const store = memoryStore({ now: clock.now });
    const request = { key: 'k', limit: 2, window: 120, margin: 20 };
    const slow = await store.acquire(request);
    const quickOne = await store.acquire(request);
    clock.advance(15);
    quickOne.finished?.(); // within the margin: stays at 0
    clock.advance(35);
    slow.finished?.(); // 50 ms: counts from 30
    clock.advance(70); // 120: the quick slot is a window old, the slow one counts until 150
    expect(await quick(store, request)).toBe(0);
    expect(await quick(store, request)).toBe(30);
  });

  it('counts an answered request from its answer, even one quicker than the margin: the server saw it by then', async () => {
    const clock = manualClock(0);
    const store = memoryStore({ now: clock.now });
    const request = { key: 'k', limit: 2, window: 120, margin: 20 };
    const answered = await store.acquire(request);
    const lost = await store.acquire(request);
    clock.advance(5);
    answered.finished?.(true); // answered at 5: counts from -15, until 105
    lost.finished?.(false); // no answer at 5, within the margin: counts from 0, until 120
    clock.advance(100); // 105
    expect(await quick(store, request)).toBe(0);
    expect(await quick(store, request)).toBe(15);
  });

  it('keeps keys apart', async () => {
    const store = memoryStore({ now: manualClock().now });
    expect(await quick(store, { key: 'a', limit: 1, window: 100, margin: 0 })).toBe(0);
    expect(await quick(store, { key: 'b', limit: 1, window: 100, margin: 0 })).toBe(0);
    expect(await quick(store, { key: 'a', limit: 1, window: 100, margin: 0 })).toBe(100);
  });

  it('grants its `share` of each limit, at least one slot a window', async () => {
    const clock = manualClock(0);
    const quarter = memoryStore({ now: clock.now, share: 0.25 });
    const request = { key: 'k', limit: 10, window: 100, margin: 0 };
    expect([await quick(quarter, request), await quick(quarter, request), await quick(quarter, request)]).toEqual([0, 0, 100]);
    const tiny = memoryStore({ now: clock.now, share: 0.01 });
    expect([await quick(tiny, request), await quick(tiny, request)]).toEqual([0, 100]);
    expect(() => memoryStore({ share: 0 })).toThrow('Invalid memoryStore options: share: must be more than 0');
    expect(() => memoryStore({ share: 2 })).toThrow('Invalid memoryStore options: share: must be at most 1');
  });

  it('never gives more than `limit` slots in any window, and a slot when the wait it named is over', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 5 }),
        async (arrivals, windows) => {
          const window = windows * 100;
          const clock = manualClock(0);
          const store = memoryStore({ now: clock.now });
          const taken: { at: number; limit: number }[] = [];
          for (const [gap, limit] of arrivals) {
            clock.advance(gap);
            let wait = await quick(store, { key: 'k', limit, window, margin: 0 });
            if (wait > 0) {
              clock.advance(wait);
              wait = await quick(store, { key: 'k', limit, window, margin: 0 });
            }
            expect(wait).toBe(0);
            taken.push({ at: clock.now(), limit });
          }
          taken.forEach(({ at, limit }, i) => {
            expect(taken.slice(0, i).filter((slot) => slot.at > at - window).length).toBeLessThan(limit);
          });
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('rateLimit plugin', () => {
  it('asks the store for a slot per attempt, keyed by SDKAppID and endpoint path, over interval + margin', async () => {
    const store = recordingStore();
    await runPlugin(rateLimit({ store, limit: 7, interval: 400, margin: 30 }));
    expect(store.requests).toMatchObject([{ key: '1400000000:v4/sns/friend_check', limit: 7, window: 430 }]);
  });

  it('makes every chunk and every retry take a slot', async () => {
    const store = recordingStore();
    const fake = fakeFetch((call, index) => (index === 0 ? fail(30006) : okForEachAccount(call, index)));
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: { minDelay: 1, maxDelay: 2 }, rateLimit: { store } });
    await tim.friendCheck({ ...body, To_Account: Array.from({ length: 2500 }, (_, i) => `u${i}`) });
    expect(fake.calls).toHaveLength(4);
    expect(store.requests).toHaveLength(4);
  });

  it('waits the time the store says, then starts; attempts start first come, first served', async () => {
    vi.useFakeTimers();
    const store = memoryStore({ now: () => Date.now() });
    const started: number[] = [];
    const plugin = rateLimit({ store, limit: 2, interval: 1000, margin: 0 });
    const runs = [0, 1, 2, 3, 4].map((i) =>
      runPlugin(plugin, async () => (started.push(i), { ErrorCode: 0 })),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 1, 2, 3]);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(runs);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('asks again after the wait the store names, and reports the whole wait as one event', async () => {
    const events: PipelineEvent[] = [];
    const store = recordingStore((request) => (store.requests.length === 1 ? 30 : 0));
    await runPlugin(rateLimit({ store }), undefined, context({ emit: (e) => events.push(e) }));
    expect(store.requests).toHaveLength(2);
    expect(events).toEqual([{ type: 'rate-limit-wait', key: '1400000000:v4/sns/friend_check', wait: expect.any(Number), limit: 200 }]);
    const [first] = events;
    expect(first?.type === 'rate-limit-wait' && first.wait).toBeGreaterThanOrEqual(29);
  });

  it('reports when each request ends, and whether the service answered it, so the store counts its slot from then', async () => {
    const ended: string[] = [];
    const store: LimiterStore = { name: 'tracking', acquire: async () => ({ wait: 0, finished: (answered) => ended.push(`slot ${String(answered)}`) }) };
    await runPlugin(rateLimit({ store }), async () => (ended.push('answer'), { ErrorCode: 0 }));
    await runPlugin(rateLimit({ store }), async () => Promise.reject((ended.push('error'), new TimApiError({ ErrorCode: 30006 })))).catch(() => undefined);
    // No answer read: the request may still be on its way to the server.
    await runPlugin(rateLimit({ store }), async () => Promise.reject((ended.push('lost'), new TimNetworkError('socket hang up')))).catch(() => undefined);
    await runPlugin(rateLimit({ store }), async () => Promise.reject((ended.push('gateway'), new TimHttpError(504, 'Gateway Timeout')))).catch(() => undefined);
    expect(ended).toEqual(['answer', 'slot true', 'error', 'slot true', 'lost', 'slot false', 'gateway', 'slot false']);
  });

  it('lets callers take slots in the order they came, a newcomer queueing behind those waiting', async () => {
    vi.useFakeTimers();
    const plugin = rateLimit({ store: memoryStore({ now: () => Date.now() }), limit: 1, interval: 100, margin: 0, now: () => Date.now() });
    const started: string[] = [];
    const call = (name: string) => runPlugin(plugin, async () => (started.push(`${name}@${Date.now() % 1000}`), { ErrorCode: 0 }));
    const t0 = Date.now();
    vi.setSystemTime(Math.ceil(t0 / 1000) * 1000); // times below are ms within the second
    const runs = [call('a')];
    setTimeout(() => runs.push(call('d')), 100); // its timer is older than b's wait: without a queue it would go first
    await vi.advanceTimersByTimeAsync(10);
    runs.push(call('b'));
    await vi.advanceTimersByTimeAsync(10);
    runs.push(call('c'));
    await vi.advanceTimersByTimeAsync(400);
    await Promise.all(runs);
    expect(started).toEqual(['a@0', 'b@100', 'c@200', 'd@300']);
  });

  it('keeps several store requests in flight, so a store 50 ms away still gives about the full rate', async () => {
    vi.useFakeTimers();
    const memory = memoryStore({ now: () => Date.now() });
    let storeRequests = 0;
    // 25 ms each way: the slot is decided when the request reaches the store, the answer comes 25 ms later.
    const remote: LimiterStore = {
      name: 'remote',
      acquire: (request) => {
        storeRequests++;
        return new Promise((resolve) => setTimeout(() => void memory.acquire(request).then((grant) => setTimeout(() => resolve(grant), 25)), 25));
      },
    };
    const plugin = rateLimit({ store: remote, limit: 200, interval: 1000, margin: 50, now: () => Date.now() });
    let sent = 0;
    let running = true;
    // 16 chunks in flight, each request answered in 5 ms, for 5 seconds.
    const worker = async () => {
      while (running) await runPlugin(plugin, () => new Promise((resolve) => setTimeout(() => (sent++, resolve({ ErrorCode: 0 })), 5)));
    };
    const workers = Array.from({ length: 16 }, worker);
    await vi.advanceTimersByTimeAsync(5000);
    running = false;
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all(workers);
    // The bound: 200 per 1050 ms, so at most 1,000 in 5 s; one request per round trip would give 100.
    expect(sent).toBeGreaterThanOrEqual(900);
    expect(sent).toBeLessThanOrEqual(1000 + 200);
    expect(storeRequests / sent).toBeLessThan(2);
  });

  it('asks the store at most about twice per slot at a steady full rate, however many callers wait', async () => {
    vi.useFakeTimers();
    const memory = memoryStore({ now: () => Date.now() });
    let storeRequests = 0;
    const counting: LimiterStore = { name: 'counting', acquire: (request) => (storeRequests++, memory.acquire(request)) };
    const plugin = rateLimit({ store: counting, limit: 50, interval: 1000, margin: 0, now: () => Date.now() });
    let sent = 0;
    // A caller every 5 ms for 2 s: slots then free one at a time (every 20 ms) with hundreds waiting.
    const runs: Promise<unknown>[] = [];
    for (let i = 0; i < 400; i++) {
      runs.push(runPlugin(plugin, async () => (sent++, { ErrorCode: 0 })));
      await vi.advanceTimersByTimeAsync(5);
    }
    await vi.advanceTimersByTimeAsync(8000);
    await Promise.all(runs);
    expect(sent).toBe(400);
    expect(storeRequests).toBeLessThan(400 * 2.5);
  });

  it('stops waiting for a slot when the signal aborts', async () => {
    const controller = new AbortController();
    const reason = new Error('gave up');
    setTimeout(() => controller.abort(reason), 20);
    const started = Date.now();
    const pending = runPlugin(rateLimit({ store: recordingStore(() => 60_000) }), undefined, context({ signal: controller.signal }));
    expect(await rejection(pending)).toBe(reason);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops waiting when the call aborts, and sends nothing', async () => {
    const fake = fakeFetch();
    const tim = createClient({ ...testApp, fetch: fake.fetch, rateLimit: { store: recordingStore(() => 60_000) } });
    const controller = new AbortController();
    const reason = new Error('gave up');
    setTimeout(() => controller.abort(reason), 20);
    const started = Date.now();
    expect(await rejection(tim.friendCheck(body, { signal: controller.signal }))).toBe(reason);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.calls).toHaveLength(0);
  });

  it('fails at once with TimRateLimitError when the slot lies past the retry deadline', async () => {
    const fake = fakeFetch();
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: { deadline: 5000 }, rateLimit: { store: recordingStore(() => 30_000) } });
    const started = Date.now();
    const error = await rejection(tim.friendCheck(body));
    expect(isTimRateLimitError(error) && error.reason).toBe('deadline');
    // The store said 30000 ms; by the time the queue reads it, a millisecond or two may have passed.
    const [, next] = /^No rate-limit slot for friendCheck before the retry deadline \(next one in (\d+) ms\)$/.exec((error as Error).message) ?? [];
    expect(Number(next)).toBeGreaterThan(29_000);
    expect(Number(next)).toBeLessThanOrEqual(30_000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.calls).toHaveLength(0);
  });

  it('fails with TimRateLimitError naming the store when the store fails, keeping credentials out', async () => {
    const broken: LimiterStore = { name: 'redis', acquire: () => Promise.reject(new Error('connect ECONNREFUSED redis://ops:hunter2@10.0.0.9:6379')) };
    const fake = fakeFetch();
    const tim = createClient({ ...testApp, fetch: fake.fetch, rateLimit: { store: broken } });
    const error = await rejection(tim.friendCheck(body));
    expect(isTimRateLimitError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'store', store: 'redis', code: -5, retryable: false });
    expect((error as Error).message).toBe('Rate limiter store "redis" failed: connect ECONNREFUSED redis://[redacted]@10.0.0.9:6379');
    expect(fake.calls).toHaveLength(0);
  });

  it('is left out with rateLimit: false', () => {
    const tim = createClient({ ...testApp, rateLimit: false });
    expect(tim.describePipeline().map((e) => e.name)).not.toContain('rate-limit');
  });

  it.each([
    [{ limit: 0 }, 'limit: must be at least 1'],
    [{ interval: 1.5 }, 'interval: must be a whole number'],
    [{ margin: -1 }, 'margin: must not be negative'],
    [{ store: {} }, 'store: must be a limiter store { name, acquire }'],
    [{ burst: 3 }, 'burst: is not a rate limit option'],
  ])('refuses bad options %j', (options, message) => {
    expect(() => rateLimit(options as never)).toThrow(`Invalid rate limit options: ${message}`);
  });
});

describe('rateLimit: adaptive', () => {
  /** A plugin whose attempts answer with the given codes (0: success), on a manual clock. */
  function throttled(codes: number[], options: RateLimitOptions = {}) {
    const clock = manualClock();
    const store = recordingStore();
    const events: PipelineEvent[] = [];
    const plugin = rateLimit({ store, limit: 200, interval: 1000, recovery: 10_000, now: clock.now, ...options });
    const attempt = async () => {
      const code = codes.shift() ?? 0;
      await runPlugin(plugin, async () => {
        if (code !== 0) throw new TimApiError({ ErrorCode: code });
        return { ErrorCode: 0 };
      }, context({ emit: (e) => events.push(e) })).catch(() => undefined);
    };
    return { clock, store, events, attempt, limits: () => store.requests.map((r) => r.limit) };
  }

  it('halves the key\'s limit after a throttling answer, once per interval, and lets it recover', async () => {
    const { clock, attempt, limits, events } = throttled([60007, 60007, 0, 0, 60011, 0]);
    await attempt(); // 200, answered 60007 → 100
    await attempt(); // 100, a second 60007 within the interval: no further cut
    await attempt(); // 100
    clock.advance(5000);
    await attempt(); // recovered: 0.5 + 5000 / 10000 of the limit
    clock.advance(1000);
    await attempt(); // 200, answered 60011 → 100
    clock.advance(2000);
    await attempt(); // 0.5 + 0.2 → 140
    expect(limits()).toEqual([200, 100, 100, 200, 200, 140]);
    expect(events.filter((e) => e.type === 'rate-limit-slowdown')).toEqual([
      { type: 'rate-limit-slowdown', key: '1400000000:v4/sns/friend_check', code: 60007, limit: 100, hold: undefined },
      { type: 'rate-limit-slowdown', key: '1400000000:v4/sns/friend_check', code: 60011, limit: 100, hold: undefined },
    ] satisfies RateLimitSlowdownEvent[]);
  });

  it('keeps cutting while throttling goes on, recovery and cuts settling at a lower rate', async () => {
    const { clock, attempt, limits } = throttled(Array.from({ length: 30 }, () => 60018));
    for (let i = 0; i < 30; i++) {
      await attempt();
      clock.advance(1000);
    }
    // Each second: +10 % of the limit recovered, then halved by the next throttling answer.
    expect(limits().slice(0, 5)).toEqual([200, 120, 80, 60, 50]);
    expect(limits().at(-1)).toBe(40);
  });

  it('never goes below one request per window', async () => {
    const { clock, attempt, limits } = throttled(Array.from({ length: 6 }, () => 60007), { limit: 3, recovery: 1e9 });
    for (let i = 0; i < 6; i++) {
      await attempt();
      clock.advance(1000);
    }
    expect(limits()).toEqual([3, 1, 1, 1, 1, 1]);
  });

  it('does not slow down on other errors, nor with adaptive: false', async () => {
    const other = throttled([30006, 70001, 0]);
    for (let i = 0; i < 3; i++) await other.attempt();
    expect(other.limits()).toEqual([200, 200, 200]);
    const off = throttled([60007, 0], { adaptive: false });
    await off.attempt();
    await off.attempt();
    expect(off.limits()).toEqual([200, 200]);
  });

  it('holds every request of the app for a minute after 70050', async () => {
    vi.useFakeTimers();
    const events: PipelineEvent[] = [];
    const listener: Plugin = { name: 'listener', phase: 'call', run: (ctx, next) => next({ ...ctx, emit: (e) => events.push(e) }) };
    const fake = fakeFetch((call, index) => (index === 0 ? fail(70050) : okForEachAccount(call, index)));
    const tim = createClient({ ...testApp, fetch: fake.fetch, retry: false, rateLimit: { now: () => Date.now() }, plugins: [listener] });
    await expect(tim.friendCheck(body)).rejects.toMatchObject({ code: 70050 });
    // Another endpoint of the same app is held too.
    const held = tim.friendGetList({ From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nick'] });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await held.catch(() => undefined);
    expect(fake.calls).toHaveLength(2);
    const limiterEvents = events.filter((e) => e.type.startsWith('rate-limit'));
    expect(limiterEvents.map((e) => e.type)).toEqual(['rate-limit-slowdown', 'rate-limit-wait']);
    expect(limiterEvents[0]).toMatchObject({ code: 70050, hold: 60_000 });
    expect(limiterEvents[1]).toMatchObject({ key: '1400000000:v4/sns/friend_get_list', wait: 60_000 });
  });
});
