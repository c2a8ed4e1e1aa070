// Runs a memory test's child: the file bundled from the sources with esbuild (no build needed),
// under node --expose-gc (heap samples after full GCs, see heap.ts), --no-opt (optimised code
// appearing and going adds tens of kB of noise between samples) and --single-threaded-gc (gc()
// returns with the sweeping done). Resolves to the JSON line it printed.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { bundleFile } from '../../bench/support/bundled.js';

const run = promisify(execFile);

export async function runHeapChild<T>(child: URL): Promise<T> {
  const bundle = await bundleFile({ path: child.pathname });
  try {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--no-opt', '--single-threaded-gc', bundle]);
    return JSON.parse(stdout) as T;
  } finally {
    rmSync(dirname(bundle), { recursive: true, force: true });
  }
}
