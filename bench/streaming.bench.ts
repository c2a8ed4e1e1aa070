// Issue 20, items 2–4: whole friend_check jobs in child processes (bench/support/stream-memory.child.ts,
// bundled from the sources; a local HTTP server in a third process), each pair interleaved in
// one run: timfetch against a bare loop doing the same job by hand (fetch + JSON.parse per
// 1,000 ids, results dropped). Two variants of the bare loop show what is not timfetch's own: one
// keeping every result (what holding a 1,000,000-item array costs), one with ky (the transport).
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe } from 'vitest';
import { bundleFile } from './support/bundled.js';
import { interleaved } from './support/interleaved.js';

/** What one child measured (see the child for each figure). */
interface JobFigures {
  readonly peakRssMiB: number;
  readonly rssAboveBaselineMiB: number;
  readonly peakHeapAboveBaselineMiB: number;
  readonly retainedHeapMiB: number;
  readonly maxStallMs: number;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly requests: number;
  readonly refused: number;
}

const run = promisify(execFile);
const child = await bundleFile({ path: fileURLToPath(new URL('./support/stream-memory.child.ts', import.meta.url)) });
afterAll(() => rmSync(dirname(child), { recursive: true, force: true }));
const env = { ...process.env, CHUNK_SERVER: fileURLToPath(new URL('./support/chunk-server.mjs', import.meta.url)) };

async function job(mode: 'bare' | 'bare-kept' | 'bare-ky' | 'stream' | 'array', count: number, ...flags: string[]): Promise<JobFigures> {
  const { stdout } = await run(process.execPath, ['--expose-gc', child, mode, String(count), ...flags], { env, maxBuffer: 1 << 20 });
  const figures = JSON.parse(stdout) as JobFigures;
  if (figures.refused > 0) throw new Error(`${mode}: the server refused ${figures.refused} requests (60007)`);
  return figures;
}

const once = { iterations: 3, time: 0, warmupIterations: 0, warmupTime: 0 };

describe('issue 20: streaming jobs', () => {
  interleaved({
    row: '20.2 peak RSS, 1,000,000-account friend_check: tim.stream from an AsyncIterable vs the bare loop',
    ours: { label: 'tim.stream', run: async () => (await job('stream', 1_000_000)).peakRssMiB },
    theirs: { label: 'bare loop', run: async () => (await job('bare', 1_000_000)).peakRssMiB },
    measure: 'returned',
    unit: 'MiB peak RSS',
    target: 1.35, // 50 MiB over a ~150 MiB bare loop
    options: once,
  });
  interleaved({
    row: '20.2 peak RSS, 10,000,000 accounts vs 1,000,000 (tim.stream)',
    ours: { label: '10,000,000', run: async () => (await job('stream', 10_000_000)).peakRssMiB },
    theirs: { label: '1,000,000', run: async () => (await job('stream', 1_000_000)).peakRssMiB },
    measure: 'returned',
    unit: 'MiB peak RSS',
    target: 1.1,
    options: { ...once, iterations: 1 },
  });
  interleaved({
    row: '20.2 array call, 1,000,000 accounts: peak heap above baseline vs the heap its result holds',
    ours: { label: 'peak', run: async () => (await job('array', 1_000_000)).peakHeapAboveBaselineMiB },
    theirs: { label: 'retained', run: async () => (await job('array', 1_000_000)).retainedHeapMiB },
    measure: 'returned',
    unit: 'MiB',
    target: 1.5,
    options: once,
  });
  interleaved({
    row: '20.3 longest event-loop stall, 1,000,000-account array call vs the bare loop (+4 ms allowed, 20 ms floor)',
    ours: { label: 'tim.friendCheck (array)', run: async () => (await job('array', 1_000_000)).maxStallMs },
    theirs: { label: 'bare loop', run: async () => (await job('bare', 1_000_000)).maxStallMs },
    measure: 'returned',
    unit: 'ms',
    target: 20 / 14, // read against max(20 ms, bare + 4 ms) in bench/RESULTS.md
    options: once,
  });
  interleaved({
    // The same bare loop keeping every result in one array, as the array call must: what holding
    // a 1,000,000-item result costs in V8's collector, whoever builds it.
    row: '20.3 longest event-loop stall, 1,000,000-account array call vs the bare loop keeping its results',
    ours: { label: 'tim.friendCheck (array)', run: async () => (await job('array', 1_000_000)).maxStallMs },
    theirs: { label: 'bare loop, results kept', run: async () => (await job('bare-kept', 1_000_000)).maxStallMs },
    measure: 'returned',
    unit: 'ms',
    target: 1.15, // read against the kept loop's + 4 ms in bench/RESULTS.md
    options: once,
  });
  interleaved({
    row: '20.4 wall time, 2,000-request job (2,000,000 accounts) at 200/1,000 ms: tim.stream vs the quota bound (9.0 s)',
    ours: { label: 'tim.stream', run: async () => (await job('stream', 2_000_000, '--quota')).wallMs },
    theirs: { label: 'quota bound', run: () => 9000 },
    measure: 'returned',
    unit: 'ms',
    target: 1.07,
    options: { ...once, iterations: 2 },
  });
  interleaved({
    row: '20.4 CPU, the same job at the quota: tim.stream vs the bare loop',
    ours: { label: 'tim.stream', run: async () => (await job('stream', 2_000_000, '--quota')).cpuMs },
    theirs: { label: 'bare loop', run: async () => (await job('bare', 2_000_000, '--quota')).cpuMs },
    measure: 'returned',
    unit: 'ms CPU',
    target: 1.3,
    options: { ...once, iterations: 3 },
  });
  interleaved({
    // What the transport alone takes of that budget: ky stays timfetch's transport (a product choice).
    row: '20.4 CPU, the same job at the quota: the bare loop with ky in place of fetch + JSON.parse vs the bare loop',
    ours: { label: 'bare loop with ky', run: async () => (await job('bare-ky', 2_000_000, '--quota')).cpuMs },
    theirs: { label: 'bare loop', run: async () => (await job('bare', 2_000_000, '--quota')).cpuMs },
    measure: 'returned',
    unit: 'ms CPU',
    target: 1.3,
    options: { ...once, iterations: 3 },
  });
});
