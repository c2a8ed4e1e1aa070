// The chaos run: several processes (chaos-worker.mjs, the built package) share one Redis rate-limit
// store through a TCP proxy that adds latency and blackholes on a seeded schedule, while Redis is
// killed, restarted and flushed, against one emulator server that enforces 200 requests per
// 1000 ms itself. `npm run chaos` runs a long one (run.ts); `npm test` a short seeded one
// (test/integration/chaos.test.ts). What must hold: every call settles, nothing is lost, the
// server's busiest 1000 ms is at most 200 with no 60007 caused by timfetch, every process ends
// by itself.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { startEmulator } from '../../src/emulator/index.js';
import { mulberry32 } from '../../src/emulator/mulberry32.js';
import { restartRedisServer, startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

export interface ChaosOptions {
  /** How long the processes make calls, in seconds. */
  readonly seconds: number;
  readonly seed: number;
  readonly processes: number;
  /**
   * Milliseconds added to every outage (blackhole, kill): the fallbacks need about 2.5 s to take
   * over (noticing, then a window plus the others' lag), so a short run on a loaded machine needs
   * outages long enough to show them working. 0 unless given.
   */
  readonly longerOutages?: number;
}

/** What one worker printed. */
interface WorkerSummary {
  calls: number;
  answered: number;
  rejected: Record<string, number>;
  accounts: number;
  failedAccounts: Record<string, number>;
  auditFailures: string[];
}

/** A stretch of the run, from `from` to `to` ms after its start. */
interface Stretch {
  readonly kind: 'blackhole' | 'killed' | 'flush' | 'latency';
  readonly from: number;
  readonly to: number;
  readonly detail?: number;
}

export interface ChaosReport {
  readonly options: ChaosOptions;
  readonly workers: readonly (WorkerSummary & { exitCode: number })[];
  readonly calls: number;
  readonly settled: number;
  readonly accounts: number;
  readonly failedAccounts: Record<string, number>;
  readonly auditFailures: readonly string[];
  readonly requests: number;
  readonly busiestInterval: number;
  readonly rateLimited: number;
  /** When the server answered 60007 (its own limit), ms after the start. */
  readonly throttledAt: readonly number[];
  /** Every hostile event, in order; `outages` are those that made Redis unreachable. */
  readonly events: readonly Stretch[];
  readonly outages: readonly Stretch[];
  /** Requests a second the server saw while Redis was unreachable, and while it was there. */
  /**
   * Requests a second the server saw: while Redis was unreachable (the processes on their
   * fallbacks), in the `settle` ms after an outage or a loss of Redis's state (the pauses that
   * switch budgets), and the rest of the time (steady, on Redis).
   */
  readonly throughput: { readonly duringOutages: number; readonly afterOutages: number; readonly steady: number };
}

const worker = fileURLToPath(new URL('chaos-worker.mjs', import.meta.url));
const app = { sdkAppId: 1400000000, secretKey: 'chaos-run-key' };
const users = 5000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function runWorker(env: Record<string, string>, limitMs: number): Promise<WorkerSummary & { exitCode: number }> {
  return new Promise((resolve) => {
    // The time limit proves the process ends by itself.
    execFile(process.execPath, [worker], { env: { ...process.env, ...env }, timeout: limitMs, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const exitCode = error === null ? 0 : error.killed ? -1 : Number(error.code ?? 1);
      try {
        resolve({ ...(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as WorkerSummary), exitCode });
      } catch {
        const note = exitCode === -1 ? 'did not end by itself' : `printed no summary: ${stderr.trim().slice(-500)}`;
        resolve({ calls: 0, answered: 0, rejected: {}, accounts: 0, failedAccounts: {}, auditFailures: [`worker ${note}`], exitCode });
      }
    });
  });
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const random = mulberry32(options.seed);
  const arrivals: number[] = [];
  const throttled: number[] = [];
  let started = 0;
  const emu = await startEmulator({
    ...app,
    seed: options.seed,
    rateLimit: { limit: 200, interval: 1000 },
    faults: { requestError: 0.01, itemError: 0.002, latency: [0, 5] },
    onRequest: (entry) => {
      arrivals.push(entry.at - started);
      if (entry.outcome === 60007) throttled.push(entry.at - started);
    },
  });
  for (let i = 0; i < users; i++) emu.store.addAccount(`user_${i}`);
  let redis: RedisServer = await startRedisServer();
  const proxy = await startTcpProxy({ port: redis.port });
  // Flushes go to Redis directly: the proxy may be blackholed at the time.
  const direct = new Redis(redis.port, '127.0.0.1', { retryStrategy: () => 50, maxRetriesPerRequest: null });
  direct.on('error', () => undefined);

  const stretches: Stretch[] = [];
  const ms = options.seconds * 1000;
  started = Date.now();
  const at = () => Date.now() - started;
  const env = {
    CHAOS_EMULATOR_URL: emu.url,
    CHAOS_REDIS_PORT: String(proxy.port),
    CHAOS_SECRET_KEY: app.secretKey,
    CHAOS_SECONDS: String(options.seconds),
    CHAOS_PROCESSES: String(options.processes),
    CHAOS_USERS: String(users),
  };
  const workers = Array.from({ length: options.processes }, (_, i) =>
    runWorker({ ...env, CHAOS_SEED: String(options.seed * 100 + i), CHAOS_LIBRARY: i % 2 === 0 ? 'ioredis' : 'node-redis' }, ms + 60_000),
  );

  // The schedule: a quiet start, then one hostile event after another, each with a quiet gap
  // (longer in longer runs, so that they show the steady rate too).
  const quiet = Math.min(Math.max(ms / 15, 1500), 4000);
  const events = ['blackhole', 'killed', 'flush', 'latency'] as const;
  await sleep(Math.min(2000, ms / 5));
  let round = 0;
  while (at() < ms - 3000) {
    const kind = events[round < events.length ? round : Math.floor(random() * events.length)] as (typeof events)[number];
    round++;
    const from = at();
    if (kind === 'blackhole') {
      proxy.blackhole(true);
      await sleep(1000 + random() * 2000 + (options.longerOutages ?? 0));
      proxy.blackhole(false);
    } else if (kind === 'killed') {
      await redis.stop('SIGKILL');
      await sleep(500 + random() * 1500 + (options.longerOutages ?? 0));
      redis = await restartRedisServer(redis);
    } else if (kind === 'flush') {
      await direct.flushall();
    } else {
      proxy.latency = Math.round(random() * 40);
      await sleep(1000 + random() * 2000);
    }
    stretches.push({ kind, from, to: at(), ...(kind === 'latency' ? { detail: proxy.latency } : {}) });
    proxy.latency = 0;
    await sleep(quiet * (1 + random()));
  }

  const summaries = await Promise.all(workers);
  direct.disconnect();
  await proxy.close();
  await redis.stop();
  await emu.close();

  const outages = stretches.filter((stretch) => stretch.kind === 'blackhole' || stretch.kind === 'killed');
  const lastArrival = arrivals.at(-1) ?? 0;
  // Each 100 ms of the run by what it was: Redis unreachable; `settle` ms after an outage or a
  // flush, the pauses that switch budgets (a window, the others' lag of 250 ms + the workers'
  // 500 ms timeout, and some room); the key's first window at the start; or steady.
  const settle = 2500;
  const unreachable = outages.map(({ from, to }) => ({ from, to }));
  const settling = stretches.filter(({ kind }) => kind !== 'latency').map(({ to }) => ({ from: to, to: to + settle }));
  const inside = (time: number, list: readonly { from: number; to: number }[]) => list.some(({ from, to }) => time >= from && time < to);
  type Phase = 'during' | 'after' | 'start' | 'steady';
  const phaseAt = (time: number): Phase => (inside(time, unreachable) ? 'during' : inside(time, settling) ? 'after' : time < settle ? 'start' : 'steady');
  const bucket = 100;
  const length: Record<Phase, number> = { during: 0, after: 0, start: 0, steady: 0 };
  const count: Record<Phase, number> = { during: 0, after: 0, start: 0, steady: 0 };
  for (let time = 0; time < lastArrival; time += bucket) length[phaseAt(time)] += bucket;
  for (const time of arrivals) count[phaseAt(Math.floor(time / bucket) * bucket)]++;
  const rate = (phase: Phase) => (length[phase] === 0 ? 0 : Math.round((count[phase] / length[phase]) * 1000));
  const counters = emu.stats.endpoints['v4/sns/friend_check'];
  const sum = (pick: (summary: WorkerSummary) => number) => summaries.reduce((total, summary) => total + pick(summary), 0);
  const failedAccounts: Record<string, number> = {};
  for (const summary of summaries) for (const [code, n] of Object.entries(summary.failedAccounts)) failedAccounts[code] = (failedAccounts[code] ?? 0) + n;
  const auditFailures = summaries.flatMap((summary, i) => [
    ...summary.auditFailures.map((failure) => `worker ${i}: ${failure}`),
    ...(summary.exitCode === 0 ? [] : [`worker ${i}: exit code ${summary.exitCode}`]),
  ]);
  return {
    options,
    workers: summaries,
    calls: sum((s) => s.calls),
    settled: sum((s) => s.answered + Object.values(s.rejected).reduce((a, b) => a + b, 0)),
    accounts: sum((s) => s.accounts),
    failedAccounts,
    auditFailures,
    requests: counters.requests,
    busiestInterval: counters.peakPerInterval,
    rateLimited: emu.stats.rateLimited,
    throttledAt: throttled,
    events: stretches,
    outages,
    throughput: { duringOutages: rate('during'), afterOutages: rate('after'), steady: rate('steady') },
  };
}
