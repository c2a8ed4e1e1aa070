// One of several processes sharing a Redis rate-limit budget (the multi-process test and
// benchmark): checks ACCOUNTS accounts of FROM in chunks of CHUNK against EMULATOR_URL through
// the built package, with the default limiter on a Redis store, and prints a JSON summary.
import { createClient as createRedisClient } from 'redis';
import { createClient } from 'timfetch';
import { redisStore } from 'timfetch/plugins/rate-limit-redis';

const { EMULATOR_URL, REDIS_URL, SECRET_KEY, FROM, ACCOUNTS = '1000', CHUNK = '10', PREFIX = 'timfetch:rate:' } = process.env;
const redis = await createRedisClient({ url: REDIS_URL }).connect();
try {
  const tim = createClient({
    sdkAppId: 1400000000,
    identifier: 'administrator',
    secretKey: SECRET_KEY,
    baseUrl: EMULATOR_URL,
    chunking: { chunkSize: Number(CHUNK), concurrency: 8 },
    rateLimit: { store: redisStore(redis, { prefix: PREFIX }) },
  });
  const accounts = Array.from({ length: Number(ACCOUNTS) }, (_, i) => `peer_${process.pid}_${i}`);
  const startedAt = Date.now();
  const answer = await tim.friendCheck({ From_Account: FROM, To_Account: accounts, CheckType: 'CheckResult_Type_Both' });
  const failed = answer.InfoItem.filter((item) => item.ResultCode !== 0).map((item) => item.ResultCode);
  console.log(JSON.stringify({ accounts: answer.InfoItem.length, failed, startedAt, endedAt: Date.now() }));
} finally {
  await redis.quit();
}
