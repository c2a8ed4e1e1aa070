// One process of the chaos run (test/chaos/chaos.ts): friend_check calls of random sizes, a few at
// a time, for CHAOS_SECONDS, through the built package, with the default rate limit kept in a
// Redis store that it reaches through the run's flaky proxy, and a memory store of its share of
// the budget as the fallback. Audits every answer (each account once, in order, with a result or
// a failure code) and prints a JSON summary as its last line. Ends by itself.
import { Redis } from 'ioredis';
import { createClient as createRedisClient } from 'redis';
import { createClient, isTimError } from 'timfetch';
import { memoryStore } from 'timfetch/plugins/rate-limit';
import { redisStore } from 'timfetch/plugins/rate-limit-redis';

const { CHAOS_EMULATOR_URL, CHAOS_REDIS_PORT, CHAOS_SECRET_KEY, CHAOS_SECONDS, CHAOS_SEED, CHAOS_PROCESSES, CHAOS_LIBRARY, CHAOS_USERS } = process.env;
const users = Number(CHAOS_USERS);

// Call sizes and accounts vary by call, the same for the same seed.
const seed = Number(CHAOS_SEED);
let callNumber = 0;
const spread = (n, range) => (n * 7919 + seed * 104_729) % range;

// Both Redis libraries, reconnecting quickly, queueing commands while they do (the store's own
// timeout bounds the wait).
let redis;
let quit;
if (CHAOS_LIBRARY === 'ioredis') {
  redis = new Redis(Number(CHAOS_REDIS_PORT), '127.0.0.1', { retryStrategy: () => 50, maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  quit = () => redis.disconnect();
} else {
  redis = createRedisClient({ url: `redis://127.0.0.1:${CHAOS_REDIS_PORT}`, socket: { reconnectStrategy: () => 50 } });
  redis.on('error', () => undefined);
  await redis.connect();
  quit = () => redis.destroy();
}

const tim = createClient({
  sdkAppId: 1400000000,
  identifier: 'administrator',
  secretKey: CHAOS_SECRET_KEY,
  baseUrl: CHAOS_EMULATOR_URL,
  timeout: 2000,
  chunking: { chunkSize: 50, concurrency: 4 },
  retry: { retries: 4, minDelay: 50, maxDelay: 500 },
  rateLimit: { store: redisStore(redis, { timeout: 500, fallback: memoryStore({ share: 1 / Number(CHAOS_PROCESSES) }) }) },
});

const summary = { calls: 0, answered: 0, rejected: {}, accounts: 0, failedAccounts: {}, auditFailures: [] };
const fail = (text) => summary.auditFailures.length < 20 && summary.auditFailures.push(text);

function audit(asked, answer) {
  const distinct = [...new Set(asked)];
  const got = answer.InfoItem.map((item) => item.To_Account);
  if (got.length !== distinct.length || got.some((account, i) => account !== distinct[i])) return fail('accounts not answered exactly once, in order');
  const failed = answer.InfoItem.filter((item) => item.ResultCode !== 0);
  if (JSON.stringify(answer.Fail_Account ?? []) !== JSON.stringify(failed.map((item) => item.To_Account))) fail('Fail_Account is not exactly the failed accounts');
  for (const item of failed) summary.failedAccounts[item.ResultCode] = (summary.failedAccounts[item.ResultCode] ?? 0) + 1;
  summary.accounts += distinct.length;
}

async function oneCall() {
  summary.calls++;
  const n = ++callNumber;
  const size = 1 + spread(n, 400);
  const start = spread(n * 31, users - size);
  const asked = Array.from({ length: size }, (_, i) => `user_${start + i}`);
  try {
    const answer = await tim.friendCheck({ From_Account: `user_${spread(n * 17, users)}`, To_Account: asked, CheckType: 'CheckResult_Type_Both' });
    summary.answered++;
    audit(asked, answer);
  } catch (error) {
    if (!isTimError(error)) fail(`rejected with a raw ${error?.name ?? typeof error}: ${error?.message}`);
    const name = error?.name ?? 'unknown';
    summary.rejected[name] = (summary.rejected[name] ?? 0) + 1;
  }
}

const deadline = performance.now() + Number(CHAOS_SECONDS) * 1000;
await Promise.all(
  Array.from({ length: 3 }, async () => {
    while (performance.now() < deadline) await oneCall();
  }),
);
quit();
console.log(JSON.stringify(summary));
