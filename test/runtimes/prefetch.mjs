// Fills the npx cache with the runtime matrix's runtimes (runtimes.json), all at once, so that
// CI downloads them (~40 MB each, 0.7 GB unpacked) in a step of their own rather than inside a
// test's timeout. Prints each runtime's version and how long it took; exits 1 naming any that failed.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { npx: specs } = JSON.parse(readFileSync(new URL('runtimes.json', import.meta.url), 'utf8'));
const started = performance.now();
const results = await Promise.all(
  specs.map(
    (spec) =>
      new Promise((resolve) => {
        execFile('npx', ['-y', spec, '--version'], { timeout: 600_000 }, (error, stdout, stderr) => {
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          if (error === null) console.log(`${spec}: ${stdout.trim().split('\n')[0]} (${seconds} s)`);
          else console.error(`${spec}: npx failed after ${seconds} s: ${error.message.split('\n')[0]}\n${stderr.trim()}`);
          resolve(error === null);
        });
      }),
  ),
);
if (results.includes(false)) process.exitCode = 1;
