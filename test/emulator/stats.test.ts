// stats and the onRequest log: counters per endpoint, errors per code, peaks, the longest list,
// and repeated random values (the SDK must send a fresh one on every attempt).
import { describe, expect, it } from 'vitest';
import { nonce } from '../../plugins/nonce.js';
import { catalogue, createClient } from '../../src/index.js';
import type { EmulatorRequestEntry } from '../../src/emulator/index.js';
import { admin, app, post, rejection, setup } from './helpers.js';

const check = { From_Account: 'alice', To_Account: ['bob', 'carol'], CheckType: 'CheckResult_Type_Single' } as const;

describe('stats', () => {
  it('counts requests per endpoint and in total, and the longest account list', async () => {
    const { emu, tim } = setup();
    emu.store.addFriend('alice', 'bob');
    await tim.friendCheck(check);
    await tim.friendCheck({ ...check, To_Account: ['a', 'b', 'c', 'd', 'e'] });
    await tim.friendGetList({ From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nick'] });
    await emu.fetch('https://x.test/v4/sns/unknown', { method: 'POST', body: '{}' });
    expect(emu.stats.requests).toBe(4);
    // Every endpoint of the catalogue has its counters; the others were not called.
    const untouched = Object.fromEntries(Object.values(catalogue).map((endpoint) => [endpoint.path, { requests: 0, peakPerInterval: 0, maxAccountsPerRequest: 0 }]));
    expect(emu.stats.endpoints).toEqual({
      ...untouched,
      'v4/sns/friend_check': { requests: 2, peakPerInterval: 2, maxAccountsPerRequest: 5 },
      'v4/sns/friend_get_list': { requests: 1, peakPerInterval: 1, maxAccountsPerRequest: 1 },
    });
    expect(emu.stats.errors).toEqual({ 60002: 1 });
  });

  it('counts request-level errors per ErrorCode', async () => {
    const { emu, tim } = setup();
    await rejection(tim.friendCheck(check)); // alice does not exist: 30003
    await rejection(tim.friendCheck(check));
    await post(emu.fetch, 'v4/sns/friend_check', check, { usersig: undefined }); // 70002
    expect(emu.stats.errors).toEqual({ 30003: 2, 70002: 1 });
  });

  it('counts repeated random values', async () => {
    const { emu } = setup();
    emu.store.addAccount('alice');
    const fixed = createClient({
      sdkAppId: app.sdkAppId,
      identifier: admin,
      secretKey: app.secretKey,
      fetch: emu.fetch,
      plugins: (defaults) => defaults.map((plugin) => (plugin.name === 'nonce' ? nonce({ random: () => 7 }) : plugin)),
    });
    await fixed.friendCheck(check);
    expect(emu.stats.repeatedRandom).toBe(0);
    await fixed.friendCheck(check);
    await fixed.friendCheck(check);
    expect(emu.stats.repeatedRandom).toBe(2);
    // The default nonce sends a fresh value every time.
    const fresh = createClient({ sdkAppId: app.sdkAppId, identifier: admin, secretKey: app.secretKey, fetch: emu.fetch });
    for (let i = 0; i < 20; i++) await fresh.friendCheck(check);
    expect(emu.stats.repeatedRandom).toBe(2);
  });

  it('tracks the peak per window on the injected clock', async () => {
    const clock = { now: 0 };
    const { emu, tim } = setup({ now: () => clock.now, rateLimit: { limit: 100, interval: 1000 } });
    emu.store.addAccount('alice');
    for (const at of [0, 100, 200, 1100, 1150, 1190, 1199, 5000]) {
      clock.now = at;
      await tim.friendCheck(check);
    }
    // 200, 1100, 1150, 1190, 1199 all lie within (199, 1199].
    expect(emu.stats.endpoints['v4/sns/friend_check'].peakPerInterval).toBe(5);
  });

  it('is a live object', async () => {
    const { emu, tim } = setup();
    emu.store.addAccount('alice');
    const { stats } = emu;
    await tim.friendCheck(check);
    expect(stats.requests).toBe(1);
    expect(stats).toBe(emu.stats);
  });
});

describe('onRequest', () => {
  it('logs one entry per request with path, random, accounts, outcome, failed and applied accounts', async () => {
    const log: EmulatorRequestEntry[] = [];
    const { emu, tim } = setup({ onRequest: (entry) => log.push(entry), now: () => 1234 });
    emu.store.addFriend('alice', 'bob');
    await tim.friendGetList({ From_Account: 'alice', To_Account: ['bob', 'carol'], TagList: ['Tag_SNS_IM_AddSource'] });
    await rejection(tim.friendCheck({ ...check, From_Account: 'zed' }));
    await emu.fetch('https://x.test/prefix/v4/sns/unknown?random=5', { method: 'POST', body: '[' });
    await emu.fetch('https://x.test/v4/sns/friend_check', { method: 'OPTIONS' });
    expect(log).toHaveLength(3);
    expect(log[0]).toMatchObject({ path: 'v4/sns/friend_get_list', at: 1234, from: 'alice', accounts: ['bob', 'carol'], outcome: 'ok', failed: ['carol'], applied: [] });
    expect(log[0]?.random).toBeTypeOf('number');
    expect(log[1]).toMatchObject({ path: 'v4/sns/friend_check', from: 'zed', accounts: ['bob', 'carol'], outcome: 30003, failed: ['bob', 'carol'] });
    expect(log[2]).toEqual({ path: '/prefix/v4/sns/unknown', at: 1234, random: 5, from: undefined, accounts: [], outcome: 60002, failed: [], applied: [] });
  });

  it('keeps answering when the hook throws, and reports the error on its own', async () => {
    const thrown: unknown[] = [];
    const onError = (error: unknown) => thrown.push(error);
    process.on('uncaughtException', onError);
    try {
      const { emu, tim } = setup({
        onRequest: () => {
          throw new Error('hook failed');
        },
      });
      emu.store.addAccount('alice');
      await expect(tim.friendCheck(check)).resolves.toMatchObject({ ErrorCode: 0 });
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(thrown).toEqual([new Error('hook failed')]);
  });
});
