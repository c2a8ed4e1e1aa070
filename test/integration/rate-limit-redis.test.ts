// The Redis limiter store against a real redis-server (started and stopped here by its pid), with
// both client libraries, and 4 processes sharing one budget against one emulator server.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { createClient as createRedisClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../../plugins/rate-limit.js';
import { redisStore, type RedisLike } from '../../plugins/rate-limit-redis.js';
import { startEmulator } from '../../src/emulator/index.js';
import { createClient, isTimRateLimitError, type FriendCheckRequest } from '../../src/index.js';
import { rejection } from '../support/caught.js';
import { fakeFetch } from '../support/fake-fetch.js';
import { freePort, startRedisServer, type RedisServer } from '../support/redis-server.js';
import { testApp } from '../support/test-app.js';

const run = promisify(execFile);
const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };

let server: RedisServer;
let nodeRedis: { sendCommand(args: string[]): Promise<unknown>; quit(): Promise<unknown> };
let ioredis: Redis;
let keySpace = 0;
/** A prefix of its own per test, so tests never share a budget. */
const prefix = () => `test:${++keySpace}:`;

beforeAll(async () => {
  server = await startRedisServer();
  nodeRedis = (await createRedisClient({ url: server.url }).connect()) as unknown as typeof nodeRedis;
  ioredis = new Redis(server.port, '127.0.0.1');
}, 20_000);

afterAll(async () => {
  await nodeRedis?.quit();
  ioredis?.disconnect();
  await server?.stop();
});

describe.each([
  ['node-redis', () => nodeRedis as RedisLike],
  ['ioredis', () => ioredis as RedisLike],
])('redisStore with %s', (_library, client) => {
  it('gives `limit` slots in a window, then says how long until one frees up, on Redis time', async () => {
    const store = redisStore(client(), { prefix: prefix() });
    const request = { key: 'k', limit: 2, window: 300, margin: 0 };
    expect((await store.acquire(request)).wait).toBe(0);
    expect((await store.acquire(request)).wait).toBe(0);
    const { wait } = await store.acquire(request);
    expect(wait).toBeGreaterThan(250);
    expect(wait).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, wait + 5));
    expect((await store.acquire(request)).wait).toBe(0);
  });

  it('counts a finished slot from when its request ended', async () => {
    const store = redisStore(client(), { prefix: prefix() });
    const request = { key: 'k', limit: 1, window: 300, margin: 0 };
    const slot = await store.acquire(request);
    await new Promise((resolve) => setTimeout(resolve, 200));
    slot.finished?.();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the update is sent without waiting
    const { wait } = await store.acquire(request);
    expect(wait).toBeGreaterThan(250); // counted from ~200 ms, not from 0
  });

  it('shares one budget between stores (processes) using the same prefix', async () => {
    const shared = prefix();
    const first = redisStore(client(), { prefix: shared });
    const second = redisStore(client(), { prefix: shared });
    expect((await first.acquire({ key: 'k', limit: 1, window: 500, margin: 0 })).wait).toBe(0);
    expect((await second.acquire({ key: 'k', limit: 1, window: 500, margin: 0 })).wait).toBeGreaterThan(400);
    expect((await redisStore(client(), { prefix: prefix() }).acquire({ key: 'k', limit: 1, window: 500, margin: 0 })).wait).toBe(0);
  });

  it('loads its scripts again after SCRIPT FLUSH, and lets its keys expire', async () => {
    const keys = prefix();
    const store = redisStore(client(), { prefix: keys });
    await store.acquire({ key: 'k', limit: 5, window: 200, margin: 0 });
    await nodeRedis.sendCommand(['SCRIPT', 'FLUSH']);
    const grant = await store.acquire({ key: 'k', limit: 5, window: 200, margin: 0 });
    expect(grant.wait).toBe(0);
    grant.finished?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Number(await nodeRedis.sendCommand(['ZCARD', `${keys}k`]))).toBe(2);
    const ttl = Number(await nodeRedis.sendCommand(['PTTL', `${keys}k`]));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1200);
  });

  it('keeps a client within the limit through the plugin', async () => {
    const fake = fakeFetch();
    const tim = createClient({ ...testApp, fetch: fake.fetch, rateLimit: { limit: 2, interval: 200, margin: 0, store: redisStore(client(), { prefix: prefix() }) } });
    const started = Date.now();
    await Promise.all(Array.from({ length: 5 }, () => tim.friendCheck(body)));
    expect(fake.calls).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });
});

describe('redisStore when Redis fails', () => {
  it('fails the call with TimRateLimitError naming the store when Redis does not answer', async () => {
    const port = await freePort(); // nothing listens: ioredis queues commands while it reconnects
    const dead = new Redis(port, '127.0.0.1', { retryStrategy: () => 50, lazyConnect: false });
    dead.on('error', () => undefined);
    try {
      const fake = fakeFetch();
      const tim = createClient({ ...testApp, fetch: fake.fetch, rateLimit: { store: redisStore(dead, { timeout: 200 }) } });
      const started = Date.now();
      const error = await rejection(tim.friendCheck(body));
      expect(isTimRateLimitError(error)).toBe(true);
      expect((error as Error).message).toBe('Rate limiter store "redis" failed: no answer from Redis within 200 ms');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(fake.calls).toHaveLength(0);

      const fallback = createClient({ ...testApp, fetch: fake.fetch, rateLimit: { store: redisStore(dead, { timeout: 100, fallback: memoryStore() }) } });
      await fallback.friendCheck(body);
      expect(fake.calls).toHaveLength(1);
    } finally {
      dead.disconnect();
    }
  });

  it('fails at once with a closed client', async () => {
    const closed = createRedisClient({ url: server.url }); // never connected
    const error = await rejection(createClient({ ...testApp, fetch: fakeFetch().fetch, rateLimit: { store: redisStore(closed as RedisLike) } }).friendCheck(body));
    expect(error).toMatchObject({ name: 'TimRateLimitError', reason: 'store', store: 'redis' });
    expect((error as Error).message).toMatch(/^Rate limiter store "redis" failed: .*closed/i);
  });

  it('refuses what is not a Redis client', () => {
    expect(() => redisStore({} as RedisLike)).toThrow('Invalid redisStore client: must be a node-redis client (sendCommand) or an ioredis client (call)');
    expect(() => redisStore(nodeRedis as RedisLike, { timeout: 0 })).toThrow('Invalid redisStore options: timeout: must be at least 1');
  });
});

describe('several processes sharing the Redis store', () => {
  it('keep 4 processes together within 200 requests per second at the server: no 60007, no window over the limit', async () => {
    const emu = await startEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, rateLimit: { limit: 200, interval: 1000 } });
    try {
      emu.store.addAccount('alice');
      const env = { ...process.env, EMULATOR_URL: emu.url, REDIS_URL: server.url, SECRET_KEY: testApp.secretKey, FROM: 'alice', ACCOUNTS: '1000', CHUNK: '10', PREFIX: prefix() };
      const worker = new URL('../support/rate-limit-worker.mjs', import.meta.url).pathname;
      const outputs = await Promise.all(Array.from({ length: 4 }, () => run(process.execPath, [worker], { env })));
      const summaries = outputs.map(({ stdout }) => JSON.parse(stdout) as { accounts: number; failed: number[] });
      expect(summaries.map((s) => [s.accounts, s.failed.length])).toEqual([[1000, 0], [1000, 0], [1000, 0], [1000, 0]]);
      const stats = emu.stats;
      expect(stats.endpoints['v4/sns/friend_check'].requests).toBe(400);
      expect(stats.rateLimited).toBe(0);
      expect(stats.errors[60007]).toBeUndefined();
      expect(stats.endpoints['v4/sns/friend_check'].peakPerInterval).toBeLessThanOrEqual(200);
    } finally {
      await emu.close();
    }
  }, 30_000);
});
