// Issue 11 row 9: a cold import of timfetch (the built dist/index.js, through the package's own
// exports map: run `npm run build` first) against a cold import of ky, each in a fresh node process,
// alternately. The time is taken inside the child around the dynamic import only, so process
// start-up is left out.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe } from 'vitest';
import { interleaved, type Side } from './support/interleaved.js';

const run = promisify(execFile);
const runner = new URL('./support/cold-import.mjs', import.meta.url).pathname;
if (!existsSync(new URL('../dist/index.js', import.meta.url))) throw new Error('dist/index.js is missing: run `npm run build` first');

function coldImport(specifier: string): Side {
  return {
    label: `import('${specifier}')`,
    run: async () => Number((await run(process.execPath, [runner, specifier])).stdout),
  };
}

describe('7. cold import in a fresh node process', () => {
  interleaved({
    row: '9 cold import',
    ours: coldImport('timfetch'),
    theirs: coldImport('ky'),
    measure: 'returned',
    unit: 'ms per import',
    target: 1.1,
    options: { iterations: 15, time: 0, warmupIterations: 2, warmupTime: 0 },
  });
});
