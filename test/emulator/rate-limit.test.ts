// The emulated frequency limit, on an injected clock: deterministic and fast.
import { describe, expect, it } from 'vitest';
import { TimApiError } from '../../src/index.js';
import type { EmulatorOptions, EmulatorRequestEntry } from '../../src/emulator/index.js';
import { rejection, setup } from './helpers.js';

const check = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Single' } as const;
const getList = { From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nick'] } as const;

/** An emulator on a clock the test moves, and a client on it. */
function limited(options: Partial<EmulatorOptions> = {}) {
  const clock = { now: 1_700_000_000_000 };
  const log: EmulatorRequestEntry[] = [];
  const { emu, tim } = setup({ now: () => clock.now, onRequest: (entry) => log.push(entry), ...options });
  emu.store.addFriend('alice', 'bob');
  const codeOf = (call: Promise<unknown>) => call.then(() => 0, (error: unknown) => (error instanceof TimApiError ? error.code : -1));
  return { emu, tim, clock, log, codeOf };
}

describe('rate limit', () => {
  it('answers the 201st request within one instant with 60007, exactly once', async () => {
    const { emu, tim, codeOf } = limited();
    const codes = await Promise.all(Array.from({ length: 201 }, () => codeOf(tim.friendCheck(check))));
    expect(codes.filter((code) => code === 60007)).toHaveLength(1);
    expect(codes.filter((code) => code === 0)).toHaveLength(200);
    // Requests are decided in arrival order: the last one is the one over the limit.
    expect(codes[200]).toBe(60007);
    expect(emu.stats.rateLimited).toBe(1);
    expect(emu.stats.errors[60007]).toBe(1);
    expect(emu.stats.endpoints['v4/sns/friend_check'].peakPerInterval).toBe(201);
  });

  it('surfaces 60007 as a throttled, retryable TimApiError', async () => {
    const { tim } = limited({ rateLimit: { limit: 1, interval: 1000 } });
    await tim.friendCheck(check);
    const error = await rejection(tim.friendCheck(check));
    expect(error).toBeInstanceOf(TimApiError);
    expect(error).toMatchObject({ code: 60007, retryClass: 'throttled', retryable: true });
    expect((error as TimApiError).errorInfo).toBe('more than 1 requests to v4/sns/friend_check within 1000 ms');
  });

  it('slides the window: a slot frees exactly interval ms after the request that took it', async () => {
    const { tim, clock, codeOf } = limited({ rateLimit: { limit: 3, interval: 1000 } });
    const start = clock.now;
    const at = async (offset: number) => {
      clock.now = start + offset;
      return codeOf(tim.friendCheck(check));
    };
    expect([await at(0), await at(400), await at(800)]).toEqual([0, 0, 0]);
    expect(await at(999)).toBe(60007); // 0, 400, 800 are all within (−1, 999]
    expect(await at(1000)).toBe(0); // the request at 0 has left; 400, 800, 1000 remain
    expect(await at(1001)).toBe(60007);
    expect(await at(1400)).toBe(0); // 400 left
  });

  it('does not count rejected requests against the limit', async () => {
    const { tim, clock, codeOf } = limited({ rateLimit: { limit: 2, interval: 1000 } });
    const start = clock.now;
    expect([await codeOf(tim.friendCheck(check)), await codeOf(tim.friendCheck(check))]).toEqual([0, 0]);
    clock.now = start + 500;
    for (let i = 0; i < 5; i++) expect(await codeOf(tim.friendCheck(check))).toBe(60007);
    // Had the five rejections counted, the window would still be full at 1000.
    clock.now = start + 1000;
    expect(await codeOf(tim.friendCheck(check))).toBe(0);
  });

  it('limits each endpoint on its own', async () => {
    const { tim, emu, codeOf } = limited({ rateLimit: { limit: 2, interval: 1000 } });
    const codes = [
      await codeOf(tim.friendCheck(check)),
      await codeOf(tim.friendCheck(check)),
      await codeOf(tim.friendGetList(getList)),
      await codeOf(tim.friendGetList(getList)),
      await codeOf(tim.friendCheck(check)),
      await codeOf(tim.friendGetList(getList)),
    ];
    expect(codes).toEqual([0, 0, 0, 0, 60007, 60007]);
    expect(emu.stats.rateLimited).toBe(2);
  });

  it('can be turned off, while the peak statistics keep a 1000 ms window', async () => {
    const { emu, tim, clock, codeOf } = limited({ rateLimit: false });
    const codes = await Promise.all(Array.from({ length: 250 }, () => codeOf(tim.friendCheck(check))));
    expect(codes.every((code) => code === 0)).toBe(true);
    clock.now += 1000;
    await tim.friendCheck(check);
    expect(emu.stats.rateLimited).toBe(0);
    expect(emu.stats.endpoints['v4/sns/friend_check'].peakPerInterval).toBe(250);
  });

  it('logs the throttled request with its code and every account as failed', async () => {
    const { tim, log, codeOf } = limited({ rateLimit: { limit: 1, interval: 1000 } });
    await codeOf(tim.friendCheck(check));
    await codeOf(tim.friendCheck(check));
    expect(log.map((entry) => [entry.outcome, entry.failed])).toEqual([
      ['ok', []],
      [60007, ['bob']],
    ]);
  });

  it('checks the envelope first: requests with a bad envelope are never counted as accepted', async () => {
    const { emu, tim, codeOf } = limited({ rateLimit: { limit: 1, interval: 1000 }, admins: ['ops-admin'] });
    expect(await codeOf(tim.friendCheck(check))).toBe(60010);
    expect(await codeOf(tim.friendCheck(check))).toBe(60010);
    expect(emu.stats.rateLimited).toBe(0);
  });
});
