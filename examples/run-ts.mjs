// Runs a TypeScript example against the built package: `node examples/run-ts.mjs examples/x.ts`
// (after `npm run build`). esbuild strips the types; `timfetch` and its subpaths resolve, through
// the package's own exports map, to dist/ — exactly what a user of the package imports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const { exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const [example] = process.argv.slice(2);
if (example === undefined) throw new Error('usage: node examples/run-ts.mjs <example.ts>');

const timfetchImports = {
  name: 'timfetch-from-dist',
  setup(esbuildApi) {
    esbuildApi.onResolve({ filter: /^timfetch(\/.*)?$/ }, ({ path }) => {
      const target = exports[`.${path.slice('timfetch'.length)}`]?.import?.default;
      if (target === undefined) return { errors: [{ text: `timfetch has no export "${path}"` }] };
      return { path: join(root, target), external: true };
    });
  },
};

const out = mkdtempSync(join(tmpdir(), 'timfetch-example-'));
try {
  const outfile = join(out, 'example.mjs');
  await build({ entryPoints: [example], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', plugins: [timfetchImports], logLevel: 'error' });
  execFileSync(process.execPath, [outfile], { stdio: 'inherit' });
} finally {
  rmSync(out, { recursive: true, force: true });
}
