// Builds: ESM and CJS (one entry per public subpath), bundled .d.ts/.d.cts, the `timfetch` command
// on the ESM modules, and a minified browser ESM bundle with ky and valibot inside.
//
// Browsers (package.json `browser` conditions): the ESM modules are platform-neutral, so bundlers
// targeting a browser get the same files, except timfetch/emulator, whose browser entry leaves out
// the node:http server; timfetch/plugins/rate-limit-redis has none (docs/using-timfetch-in-a-browser.md).
import { readdirSync, rmSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

// Hashed chunk names change between builds: start from an empty dist/ so none go stale.
rmSync('dist', { recursive: true, force: true });

const plugins = readdirSync('plugins').filter((file) => file.endsWith('.ts'));

/** Public subpaths: `timfetch`, `timfetch/core`, `timfetch/emulator`, `timfetch/plugin-kit`, `timfetch/plugins/<name>`. */
export const entries = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  emulator: 'src/emulator/index.ts',
  'plugin-kit': 'src/plugin-kit.ts',
  ...Object.fromEntries(plugins.map((file) => [`plugins/${file.slice(0, -3)}`, `plugins/${file}`])),
};

/** Entries only a `browser` condition points at: ESM and its types. */
const browserEntries = { 'emulator.browser': 'src/emulator/browser.ts' };

const target = 'es2022';
const nodeBuiltin = /^node:/;
// Optional peers a plugin imports: the user's own copy, never bundled (OpenTelemetry's API keeps one
// global registry, and a second copy would see no SDK).
const peers = ['@opentelemetry/api'];

export default [
  {
    // The `timfetch` command (package.json "bin", Node only) is an entry here too: dist/cli.js then
    // imports the same dist/modules/ files as the library instead of carrying a copy of it.
    input: { ...entries, ...browserEntries, cli: 'src/cli/main.ts' },
    external: ['ky', 'valibot', ...peers, nodeBuiltin],
    plugins: [esbuild({ target })],
    output: {
      dir: 'dist',
      format: 'es',
      banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
      // One file per source module (under dist/modules/): a bundler then keeps only the modules a
      // tool imports, where shared chunks would bring their neighbours along (1.1 KB min+gzip of a
      // core-client tool, measured).
      preserveModules: true,
      preserveModulesRoot: '.',
      entryFileNames: (chunk) => (chunk.isEntry ? '[name].js' : 'modules/[name].js'),
    },
  },
  {
    // ky ships ESM only: bundle it so require() never depends on require(esm).
    input: entries,
    external: ['valibot', ...peers, nodeBuiltin],
    plugins: [nodeResolve(), esbuild({ target })],
    output: {
      dir: 'dist',
      format: 'cjs',
      entryFileNames: '[name].cjs',
      chunkFileNames: 'chunks/[name]-[hash].cjs',
      interop: 'auto',
    },
  },
  ...['d.ts', 'd.cts'].map((extension) => ({
    input: extension === 'd.ts' ? { ...entries, ...browserEntries } : entries,
    external: ['ky', 'valibot', ...peers, nodeBuiltin],
    plugins: [dts()],
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: `[name].${extension}`,
      chunkFileNames: `chunks/[name]-[hash].${extension}`,
    },
  })),
  {
    input: 'src/index.ts',
    plugins: [nodeResolve({ browser: true }), esbuild({ target }), terser()],
    // One file: ky, loaded on the first request elsewhere, is inlined. The map (about 600 kB) is for
    // bench/bundle-size.mjs and local debugging only: 'hidden' leaves no sourceMappingURL pointing
    // at a file that package.json "files" keeps out of the tarball.
    output: { file: 'dist/timfetch.browser.js', format: 'es', sourcemap: 'hidden', inlineDynamicImports: true },
  },
];
