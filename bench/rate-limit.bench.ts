// The rate limiter's throughput against its bound, as issue 8 asks: N requests against a server
// that answers at once finish close to max(0, N - limit) / limit seconds (in one process, memory
// store), and 4 processes sharing a Redis store reach close to 200 requests/s together, measured
// at the server over the middle of the run. Each iteration prints its figures (wall time, bound,
// sustained rate, server-side peak, 60007 count).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { startEmulator, type RunningEmulator } from '../src/emulator/index.js';
import { createClient } from '../src/index.js';
import { startRedisServer, type RedisServer } from '../test/support/redis-server.js';
import { testApp } from '../test/support/test-app.js';

const run = promisify(execFile);
const limit = 200;
let emu: RunningEmulator;
let redis: RedisServer;
let round = 0;
/** Arrival times (emulator clock) of friend_check requests in the current round. */
let arrivals: number[] = [];

beforeAll(async () => {
  // The emulator answers at once and enforces the service's limit, so any excess shows as 60007.
  emu = await startEmulator({
    sdkAppId: testApp.sdkAppId,
    secretKey: testApp.secretKey,
    rateLimit: { limit, interval: 1000 },
    onRequest: (entry) => void (entry.path === 'v4/sns/friend_check' && arrivals.push(entry.at)),
  });
  emu.store.addAccount('alice');
  redis = await startRedisServer();
});

afterAll(async () => {
  await emu?.close();
  await redis?.stop();
});

function report(label: string, requests: number, seconds: number, before: { throttled: number }): void {
  const bound = Math.max(0, requests - limit) / limit;
  const throttled = emu.stats.rateLimited - before.throttled;
  const peak = emu.stats.endpoints['v4/sns/friend_check'].peakPerInterval;
  // Sustained rate at the server over whole windows: from the first request of the second window
  // (the 201st to arrive) to the first of the last full one, `limit` requests apart.
  const sorted = arrivals.toSorted((a, b) => a - b);
  const from = limit;
  const to = from + limit * Math.floor((sorted.length - 1 - from) / limit);
  const rate = (to - from) / (((sorted[to] ?? 0) - (sorted[from] ?? 0)) / 1000);
  console.log(
    `${label}: ${requests} requests in ${seconds.toFixed(2)} s (bound ${bound.toFixed(2)} s: ${((bound / seconds) * 100).toFixed(1)} %); ` +
      `sustained ${rate.toFixed(1)}/s at the server = ${((rate / limit) * 100).toFixed(1)} % of ${limit}/s; 60007: ${throttled}; peak per 1000 ms so far: ${peak}`,
  );
  arrivals = [];
}

describe('rate limit throughput', () => {
  bench(
    'one process, memory store: 600 requests (bound 2 s)',
    async () => {
      // A fresh client each round: a fresh budget, as a new process would have. Rounds are 3 s apart.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      arrivals = [];
      const tim = createClient({ ...testApp, baseUrl: emu.url, chunking: { chunkSize: 10, concurrency: 16 } });
      const before = { throttled: emu.stats.rateLimited };
      const started = performance.now();
      await tim.friendCheck({ From_Account: 'alice', To_Account: Array.from({ length: 6000 }, (_, i) => `p${i}`), CheckType: 'CheckResult_Type_Both' });
      report('one process', 600, (performance.now() - started) / 1000, before);
    },
    { iterations: 3, warmupIterations: 0, time: 0 },
  );

  bench(
    '4 processes, one Redis store: 4 x 600 requests (bound 11 s)',
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      arrivals = [];
      const before = { throttled: emu.stats.rateLimited };
      const env = { ...process.env, EMULATOR_URL: emu.url, REDIS_URL: redis.url, SECRET_KEY: testApp.secretKey, FROM: 'alice', ACCOUNTS: '6000', CHUNK: '10', PREFIX: `bench:${++round}:` };
      const worker = new URL('../test/support/rate-limit-worker.mjs', import.meta.url).pathname;
      const outputs = await Promise.all(Array.from({ length: 4 }, () => run(process.execPath, [worker], { env })));
      const times = outputs.map(({ stdout }) => JSON.parse(stdout) as { startedAt: number; endedAt: number });
      const seconds = (Math.max(...times.map((t) => t.endedAt)) - Math.min(...times.map((t) => t.startedAt))) / 1000;
      report('4 processes', 2400, seconds, before);
    },
    { iterations: 3, warmupIterations: 0, time: 0 },
  );
});
