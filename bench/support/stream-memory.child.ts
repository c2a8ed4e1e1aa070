// Issue 20's child (bundled with esbuild, run with node --expose-gc): one friend_check job over
// `count` accounts against a local HTTP server in another process (bench/support/chunk-server.mjs:
// each 1,000-item answer made from a template, so every chunk gets its own accounts), and what it
// cost the client: peak RSS and heap above the baseline, the longest event-loop stall, CPU and
// wall time. Modes:
//   bare   — a loop doing the job by hand: fetch + JSON.parse per 1,000 ids, results dropped
//            (4 requests in flight; paced to the quota with --quota);
//   bare-kept — the same loop keeping every result in one array, as the array call does;
//   bare-ky — the same loop with ky in place of fetch + JSON.parse (ky is timfetch's transport);
//   stream — tim.stream(friendCheck) over an AsyncIterable of ids, parts dropped;
//   array  — tim.friendCheck over an array of the ids, the whole result kept.
// With --quota the server enforces 200 requests per 1,000 ms (60007 beyond) and the client keeps
// its rate limiter; without, the limiter is off. Prints one JSON line.
import { fork } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import ky from 'ky';
import { createClient, friendCheck } from '../../src/index.js';
import { testApp } from '../../test/support/test-app.js';
import { answerBody } from './friend-check-fixture.js';

const [mode = 'stream', countText = '1000000'] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const quota = process.argv.includes('--quota');
const count = Number(countText);
const chunk = 1000;
const width = 5;
const collect = globalThis.gc ?? ((): never => {
  throw new Error('run with node --expose-gc');
})();

const pad = (n: number, digits: number) => String(n).padStart(digits, '0');
const accountOf = (n: number) => `c${pad(Math.floor(n / chunk), width)}i${pad(n % chunk, 3)}`;

// Bundled into a temporary directory: the runner says where the server is.
const server = fork(process.env.CHUNK_SERVER ?? new URL('./chunk-server.mjs', import.meta.url), { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const { port } = await new Promise<{ port: number }>((resolve) => {
  server.once('message', (message) => resolve(message as { port: number }));
  server.send({ template: answerBody(chunk).replaceAll('"c0000i', `"c${'@'.repeat(width)}i`), width, quota: quota ? { limit: 200, windowMs: 1000 } : undefined });
});
const baseUrl = `http://127.0.0.1:${port}`;

async function* ids(): AsyncGenerator<string> {
  for (let n = 0; n < count; n++) yield accountOf(n);
}

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const { rss, heapUsed } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  peakHeap = Math.max(peakHeap, heapUsed);
};

const url = `${baseUrl}/v4/sns/friend_check?sdkappid=1400000000&identifier=administrator&usersig=x&random=1&contenttype=json`;

type Send = (body: object) => Promise<{ InfoItem?: unknown[] }>;
const withFetch: Send = async (body) => JSON.parse(await (await fetch(url, { method: 'POST', body: JSON.stringify(body) })).text()) as { InfoItem?: unknown[] };
const withKy: Send = (body) => ky.post(url, { json: body, retry: 0 }).json();

async function bare(send: Send, keep?: unknown[]): Promise<number> {
  let seen = 0;
  let next = 0;
  const sent: number[] = []; // send times, for the pacer
  const worker = async () => {
    for (let start = next; start < count; start = next) {
      next += chunk;
      if (quota) {
        // A sliding window of 200 per second, with a little room, as a careful hand-written job would.
        while (sent.length >= 200 && performance.now() - (sent[sent.length - 200] as number) < 1010) await sleep(1010 - (performance.now() - (sent[sent.length - 200] as number)));
        sent.push(performance.now());
      }
      const end = Math.min(start + chunk, count);
      const To_Account = keep === undefined ? Array.from({ length: end - start }, (_, i) => accountOf(start + i)) : input.slice(start, end);
      const answer = await send({ From_Account: 'owner', To_Account, CheckType: 'CheckResult_Type_Both' });
      if (keep !== undefined) answer.InfoItem?.forEach((item, i) => (keep[start + i] = item));
      seen += answer.InfoItem?.length ?? 0;
      sample();
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return seen;
}

const tim = createClient({ ...testApp, baseUrl, ...(quota ? {} : { rateLimit: false }) });

async function streamed(): Promise<number> {
  let seen = 0;
  for await (const part of tim.stream(friendCheck, { From_Account: 'owner', To_Account: ids(), CheckType: 'CheckResult_Type_Both' })) {
    seen += part.InfoItem.length;
    sample();
  }
  return seen;
}

let kept: unknown;
// The caller's ids exist before the call (made before the baseline): the call's peak is what it adds.
const input = mode === 'array' || mode === 'bare-kept' ? Array.from({ length: count }, (_, n) => accountOf(n)) : [];
async function array(): Promise<number> {
  const To_Account = input;
  const answer = await tim.friendCheck({ From_Account: 'owner', To_Account, CheckType: 'CheckResult_Type_Both' }, { onProgress: sample });
  kept = answer;
  return answer.InfoItem.length;
}

async function bareKept(): Promise<number> {
  const results: unknown[] = Array.from({ length: count });
  kept = results;
  return bare(withFetch, results);
}

const jobs: Record<string, () => Promise<number>> = { bare: () => bare(withFetch), 'bare-kept': bareKept, 'bare-ky': () => bare(withKy), stream: streamed, array };
const job = jobs[mode];
if (job === undefined) throw new Error(`unknown mode ${mode}`);

// One small call first: loading ky and undici, and compiling the path, are not the job's.
async function warmUp(): Promise<void> {
  await withFetch({ From_Account: 'owner', To_Account: [accountOf(0)], CheckType: 'CheckResult_Type_Both' });
  await withKy({ From_Account: 'owner', To_Account: [accountOf(0)], CheckType: 'CheckResult_Type_Both' });
  await tim.friendCheck({ From_Account: 'owner', To_Account: [accountOf(0)], CheckType: 'CheckResult_Type_Both' });
}
await warmUp();
// The server's window forgets the warm-up before the job starts.
if (quota) await sleep(1100);
collect();
const baseline = process.memoryUsage();
peakRss = baseline.rss;
peakHeap = baseline.heapUsed;
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const timer = setInterval(sample, 5);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const seen = await job();
const wall = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const stats = await new Promise<{ requests: number; refused: number }>((resolve) => {
  server.once('message', (message) => resolve(message as { requests: number; refused: number }));
  server.send({ stats: true });
});
server.kill();
clearInterval(timer);
delay.disable();
sample();
if (seen !== count) throw new Error(`${mode}: ${seen} results for ${count} accounts`);
collect();
const retainedHeap = process.memoryUsage().heapUsed - baseline.heapUsed;
void kept;
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    mode,
    count,
    peakRssMiB: mib(peakRss),
    rssAboveBaselineMiB: mib(peakRss - baseline.rss),
    peakHeapAboveBaselineMiB: mib(peakHeap - baseline.heapUsed),
    retainedHeapMiB: mib(retainedHeap),
    maxStallMs: Math.round((delay.max / 1e6) * 10) / 10,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    wallMs: Math.round(wall),
    requests: stats.requests,
    refused: stats.refused,
  })}\n`,
);
