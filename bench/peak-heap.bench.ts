// Issue 11 row 6: the peak heap of a 100,000-account friend_check is at most twice what its
// finished result holds. Measured in a child (node --expose-gc) built from the sources with
// esbuild; each iteration runs it twice, sampling heapUsed as is (the headline: garbage not yet
// collected counts, as it does for the process) and after a full GC at each sample (live peak).
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, bench, describe } from 'vitest';
import { bundleFile } from './support/bundled.js';
import { median, report } from './support/interleaved.js';

interface HeapFigures {
  baseline: number;
  peak: number;
  retained: number;
}

const run = promisify(execFile);
const child = await bundleFile({ path: new URL('./support/peak-heap.child.ts', import.meta.url).pathname });
afterAll(() => rmSync(dirname(child), { recursive: true, force: true }));

async function measure(...flags: string[]): Promise<HeapFigures> {
  const { stdout } = await run(process.execPath, ['--expose-gc', child, ...flags]);
  return JSON.parse(stdout) as HeapFigures;
}

const mib = (bytes: number) => bytes / 2 ** 20;
const runs = { sampled: [] as HeapFigures[], live: [] as HeapFigures[] };

describe('6. peak heap of a 100,000-account friend_check vs the heap its result holds', () => {
  bench(
    '6 peak heap / retained heap (child process, --expose-gc)',
    async () => {
      runs.sampled.push(await measure());
      runs.live.push(await measure('--live'));
    },
    {
      iterations: 5,
      time: 0,
      warmupIterations: 0,
      warmupTime: 0,
      teardown: (_task, mode) => {
        if (mode !== 'run') return;
        const growth = (figures: HeapFigures[]) => median(figures.map((f) => mib(f.peak - f.baseline)));
        const retained = median(runs.sampled.map((f) => mib(f.retained)));
        const live = `live peak (full GC at each sample) ${growth(runs.live).toFixed(1)} MiB = ${(growth(runs.live) / retained).toFixed(2)}x`;
        const baseline = `baseline ${median(runs.sampled.map((f) => mib(f.baseline))).toFixed(1)} MiB`;
        report('6 peak heap / retained', growth(runs.sampled), retained, 2, 'MiB above baseline', runs.sampled.length, ` | ${live} | ${baseline}`);
      },
    },
  );
});
