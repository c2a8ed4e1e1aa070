// Measures source modules as users run them, bundled into one module: under vitest every call
// between two modules goes through the module runner's import object, which taxes code made of
// many small modules (a check per account calling helpers of another file) and not a baseline.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles an entry file (`path`) or a module's text (`source`, paths relative to the repository's
 * root) into one ESM file in a new temporary directory, and returns that file's path.
 */
export async function bundleFile(entry: { readonly path: string } | { readonly source: string }): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'timfetch-bench-')), 'bundle.mjs');
  const input = 'path' in entry ? { entryPoints: [entry.path] } : { stdin: { contents: entry.source, resolveDir: root, loader: 'ts' as const } };
  await build({ ...input, outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  return outfile;
}

/** Bundles `source` (a module re-exporting from the repository, paths relative to its root) and imports it. */
export async function bundled<T>(source: string): Promise<T> {
  return (await import(pathToFileURL(await bundleFile({ source })).href)) as T;
}
