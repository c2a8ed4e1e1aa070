// `timfetch friend-import` on a big file, for its memory: run by hand, not in `npm test`
// (`npm run build` first). For each size given (default 1,000,000 relations) it writes an NDJSON
// file (owners of 500 relations each, their lines together, a remark on every third), starts the
// emulator in this process (its default limit: 200 requests a second), runs the built command
// (dist/cli.js, with --checkpoint) in a child, samples the child's memory every 200 ms from inside
// it (a preloaded module: heap, RSS, peak RSS), checks the emulator's store, and prints the
// figures. Exit code 1 when a run failed or the store misses relations.
//
//   node bench/friend-import-memory.mjs                 # 1,000,000 relations
//   node bench/friend-import-memory.mjs 100000 1000000  # two sizes: the slope
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../dist/emulator.js';

const sdkAppId = 1400000000;
const secretKey = 'timfetch-bench-key-0123456789';
const perOwner = 500;
const pool = 50_000; // accounts friends are drawn from
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// Runs inside the command's process: one JSON line of memory figures every 200 ms (and at exit).
const sampler = `
import { appendFileSync } from 'node:fs';
const file = process.env.TIMFETCH_BENCH_SAMPLES;
const sample = () => {
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  appendFileSync(file, JSON.stringify({ t: performance.now(), rss, heapUsed, heapTotal, external, arrayBuffers, maxRss: process.resourceUsage().maxRSS * 1024 }) + '\\n');
};
setInterval(sample, 200).unref();
process.on('exit', sample);
`;

/** Writes `relations` relations to `file`, streamed; resolves to the owners. */
async function writeRelations(file, relations) {
  const out = createWriteStream(file);
  const owners = Math.ceil(relations / perOwner);
  for (let owner = 0; owner < owners; owner++) {
    let chunk = '';
    for (let i = 0; i < perOwner && owner * perOwner + i < relations; i++) {
      const line = { From_Account: `owner_${owner}`, To_Account: `user_${(owner * 7919 + i * 13) % pool}`, ...(i % 3 === 0 ? { Remark: `remark ${i}` } : {}), AddTime: 1_700_000_000 + i };
      chunk += `${JSON.stringify(line)}\n`;
    }
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return owners;
}

/** The value at fraction `q` of sorted `values`. */
const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;

async function measure(relations) {
  const dir = mkdtempSync(join(tmpdir(), 'timfetch-bench-import-'));
  const file = join(dir, 'relations.ndjson');
  const samples = join(dir, 'samples.ndjson');
  const owners = await writeRelations(file, relations);
  const emu = await startEmulator({ sdkAppId, secretKey });
  for (let user = 0; user < pool; user++) emu.store.addAccount(`user_${user}`);
  for (let owner = 0; owner < owners; owner++) emu.store.addAccount(`owner_${owner}`);
  try {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(sampler)}`, cli, 'friend-import', '--from', file, '--checkpoint', join(dir, 'import.checkpoint'), '--json'], {
      env: { PATH: process.env.PATH ?? '', TIM_SDKAPPID: String(sdkAppId), TIM_SECRET_KEY: secretKey, TIM_BASE_URL: emu.url, TIMFETCH_BENCH_SAMPLES: samples },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    const seconds = (performance.now() - started) / 1000;
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)).summary;
    let stored = 0;
    for (let owner = 0; owner < owners; owner++) stored += emu.store.friends(`owner_${owner}`).length;
    const points = readFileSync(samples, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    // The steady state: the second half of the run, well past the first pass (which checks the
    // file: a sixth of the time at 1,000,000 relations) and the warm-up of the heap.
    const steady = points.slice(Math.floor(points.length / 2));
    return {
      relations,
      code,
      seconds,
      perSecond: Math.round(relations / seconds),
      requests: summary.requests,
      imported: summary.imported,
      stored,
      samples: points.length,
      peakRss: Math.max(...points.map((point) => point.maxRss)),
      rss: { p10: quantile(steady.map((p) => p.rss), 0.1), p50: quantile(steady.map((p) => p.rss), 0.5), p90: quantile(steady.map((p) => p.rss), 0.9) },
      heapUsed: { p50: quantile(steady.map((p) => p.heapUsed), 0.5), max: Math.max(...points.map((point) => point.heapUsed)) },
    };
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const sizes = process.argv.slice(2).map(Number);
const results = [];
for (const relations of sizes.length > 0 ? sizes : [1_000_000]) {
  const result = await measure(relations);
  results.push(result);
  console.log(
    `${result.relations.toLocaleString('en-US')} relations: exit ${result.code}, ${result.seconds.toFixed(1)} s (${result.perSecond.toLocaleString('en-US')} relations/s, ${result.requests} requests), ` +
      `stored ${result.stored.toLocaleString('en-US')}\n  peak RSS ${mb(result.peakRss)}; steady RSS p10/p50/p90 ${mb(result.rss.p10)} / ${mb(result.rss.p50)} / ${mb(result.rss.p90)}; ` +
      `steady heap used p50 ${mb(result.heapUsed.p50)}, max over the run ${mb(result.heapUsed.max)} (${result.samples} samples)`,
  );
  if (result.code !== 0 || result.stored !== result.relations) process.exitCode = 1;
}
if (results.length > 1) {
  const [small, big] = [results[0], results.at(-1)];
  const perMillion = (from, to) => `${(((to - from) / (big.relations - small.relations)) * 1_000_000 / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `slope ${small.relations.toLocaleString('en-US')} → ${big.relations.toLocaleString('en-US')} relations, per million relations: ` +
      `steady RSS p50 ${perMillion(small.rss.p50, big.rss.p50)}, peak RSS ${perMillion(small.peakRss, big.peakRss)}, heap used max ${perMillion(small.heapUsed.max, big.heapUsed.max)}`,
  );
}
