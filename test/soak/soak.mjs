// The fault soak (`npm run soak`; `npm test` runs a short seeded one): many logical calls of every
// endpoint, from several clients sharing one rate-limit budget, against the emulator server with
// every fault kind on at once. Half the calls read a generated graph (friend_check and
// friend_get_list, 1 to 5,000 accounts each); the other half are the write world's
// (write-world.mjs: every write and read of the relationship chain, by owners that only it
// touches). Every answer is audited against the emulator's store, and no call may apply a write
// to an account twice. Prints a JSON report as its last line; exits by itself, with code 1 if any
// audit failed. Settings from the environment: SOAK_CALLS (2000), SOAK_MAX_ACCOUNTS (5000),
// SOAK_CLIENTS (3), SOAK_CONCURRENCY (8), SOAK_SEED (1), SOAK_FAULT_SCALE (1, multiplies the odds).
import { blackListGet, createClient, friendGet, isTimError } from 'timfetch';
import { startEmulator } from 'timfetch/emulator';
import { memoryStore } from 'timfetch/plugins/rate-limit';
import { writeWorld } from './write-world.mjs';

const setting = (name, fallback) => Number(process.env[name] ?? fallback);
const calls = setting('SOAK_CALLS', 2000);
const maxAccounts = setting('SOAK_MAX_ACCOUNTS', 5000);
const clientCount = setting('SOAK_CLIENTS', 3);
const concurrency = setting('SOAK_CONCURRENCY', 8);
const seed = setting('SOAK_SEED', 1);
const faultScale = setting('SOAK_FAULT_SCALE', 1); // the short run raises the odds so every kind shows

let unhandled = 0;
process.on('unhandledRejection', () => void unhandled++);

// A seeded stream for the calls (mulberry32), so a run can be repeated.
let state = seed >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const app = { sdkAppId: 1400000000, secretKey: 'soak-test-key' };
const odds = { requestError: 0.03, itemError: 0.02, httpError: 0.03, drop: 0.02, stall: 0.01, malformed: 0.02, throttle: 0.01 };
const faults = { ...Object.fromEntries(Object.entries(odds).map(([kind, p]) => [kind, Math.min(1, p * faultScale)])), stallMs: 1500, latency: [0, 10] };
const log = [];
const emu = await startEmulator({ ...app, seed, faults, onRequest: (entry) => log.push(entry) });
const users = emu.store.generate({ users: Math.max(maxAccounts + 100, 500), seed });
const store = memoryStore();
const clients = Array.from({ length: clientCount }, () =>
  createClient({ ...app, identifier: 'administrator', baseUrl: emu.url, timeout: 500, retry: { retries: 6, minDelay: 20, maxDelay: 400 }, rateLimit: { store } }),
);

const report = { calls, answered: 0, rejected: {}, accounts: 0, failedAccounts: {}, byEndpoint: {}, auditFailures: [], unhandled: 0 };
const fail = (text) => report.auditFailures.length < 20 && report.auditFailures.push(text);
const count = (endpoint) => (report.byEndpoint[endpoint] = (report.byEndpoint[endpoint] ?? 0) + 1);
const writes = writeWorld({ store: emu.store, log, fail, count, endpoints: { friendGet, blackListGet } });

/** The nothing-lost audit, and every successful result checked against the store. */
function audit(endpoint, from, asked, answer) {
  const distinct = [...new Set(asked)];
  const got = answer.InfoItem.map((item) => item.To_Account);
  if (got.length !== distinct.length || got.some((account, i) => account !== distinct[i])) return fail(`${endpoint}: accounts not answered exactly once, in order`);
  const failed = answer.InfoItem.filter((item) => item.ResultCode !== 0);
  if (JSON.stringify(answer.Fail_Account ?? []) !== JSON.stringify(failed.map((item) => item.To_Account))) fail(`${endpoint}: Fail_Account is not exactly the failed accounts`);
  for (const item of failed) {
    report.failedAccounts[item.ResultCode] = (report.failedAccounts[item.ResultCode] ?? 0) + 1;
    if (typeof item.ResultInfo !== 'string' || item.ResultInfo === '') fail(`${endpoint}: failed account without a cause`);
    // The emulator answers every account it is asked about: an account missing from an answer
    // means timfetch lost it on the way (a merge, a follow-up).
    if (item.ResultInfo === 'the answer had no result for this account') fail(`${endpoint}: an account went missing from an answer`);
  }
  for (const item of answer.InfoItem) {
    if (endpoint === 'friendCheck' && item.ResultCode === 0 && item.Relation !== emu.store.relation(from, item.To_Account, 'CheckResult_Type_Both')) fail('friendCheck: wrong relation');
    if (endpoint === 'friendGetList' && item.ResultCode === 30001 && emu.store.friendTags(from, item.To_Account) !== undefined) fail('friendGetList: a friend reported as not one');
  }
  report.accounts += distinct.length;
}

async function oneCall() {
  const tim = pick(clients);
  if (random() < 0.5) {
    try {
      await writes.oneCall(tim, random);
      report.answered++;
    } catch (error) {
      if (!isTimError(error)) fail(`write world: rejected with a raw ${error?.name ?? typeof error}: ${error?.message}`);
      const name = error?.name ?? 'unknown';
      report.rejected[name] = (report.rejected[name] ?? 0) + 1;
    }
    return;
  }
  // Log-uniform sizes from 1 to maxAccounts, with a few duplicates.
  const size = Math.max(1, Math.round(Math.exp(random() * Math.log(maxAccounts))));
  const start = Math.floor(random() * (users.length - size));
  const asked = users.slice(start, start + size);
  if (size > 2) asked.push(asked[0]);
  const from = pick(users);
  const endpoint = random() < 0.5 ? 'friendCheck' : 'friendGetList';
  try {
    const answer =
      endpoint === 'friendCheck'
        ? await tim.friendCheck({ From_Account: from, To_Account: asked, CheckType: 'CheckResult_Type_Both' })
        : await tim.friendGetList({ From_Account: from, To_Account: asked, TagList: ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark'] });
    report.answered++;
    count(endpoint);
    audit(endpoint, from, asked, answer);
  } catch (error) {
    if (!isTimError(error)) fail(`${endpoint}: rejected with a raw ${error?.name ?? typeof error}`);
    const name = error?.name ?? 'unknown';
    report.rejected[name] = (report.rejected[name] ?? 0) + 1;
  }
}

const started = performance.now();
let next = 0;
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < calls) {
    next++;
    await oneCall();
  }
}));
report.seconds = Math.round((performance.now() - started) / 100) / 10;
await emu.close();
await new Promise((resolve) => setTimeout(resolve, 50)); // late rejections surface
report.unhandled = unhandled;
const { stats } = emu;
report.emulator = { requests: stats.requests, faults: stats.faults, rateLimitedByTheLimit: stats.rateLimited, repeatedRandom: stats.repeatedRandom, peakPerInterval: stats.endpoints };
if (stats.rateLimited !== 0) fail(`${stats.rateLimited} requests over the limit (60007 caused by timfetch)`);
if (stats.repeatedRandom !== 0) fail('a random was sent twice');
if (unhandled !== 0) fail(`${unhandled} unhandled rejections`);
if (report.answered + Object.values(report.rejected).reduce((a, b) => a + b, 0) !== calls) fail('calls went missing');
console.log(JSON.stringify(report));
if (report.auditFailures.length > 0) process.exitCode = 1;
