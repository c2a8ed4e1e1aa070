// The package as npm would publish it: `npm pack` of the built dist/ (after `rollup -c`), its file
// list, publint --strict and @arethetypeswrong/cli (every resolution mode, node10 included) on the
// tarball, and a lockfile that `npm install` leaves as it is. All offline.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Manifest {
  main: string;
  module: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | { import: { types: string; default: string }; require: { types: string; default: string } }>;
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

interface Run {
  code: number;
  output: string;
}

// npm's script environment (npm_config_local_prefix and the like) would point a nested npm back
// at this repository; the children get the plain environment.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));

/** Runs a command to its end; never throws, so a failing tool's own output becomes the failure message. */
function run(command: string, args: string[], cwd = root): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}`.replace(/^npm warn Unknown user config "nodedir".*\n/gm, '') });
    });
  });
}

/** A devDependency's command, run with this Node (no shell, no PATH lookup). */
function tool(name: string, command: string, args: string[]): Promise<Run> {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const bin = manifest.bin[command];
  if (bin === undefined) throw new Error(`${name} has no "${command}" command`);
  return run(process.execPath, [join(root, 'node_modules', name, bin), ...args]);
}

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

let scratch = '';
let tarball = '';
let files: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `rollup -c` first (npm test does)');
  scratch = mkdtempSync(join(tmpdir(), 'timfetch-pack-'));
  const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch]);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
  const [result] = JSON.parse(packed.output.slice(packed.output.indexOf('['))) as PackResult[];
  if (result === undefined) throw new Error(`npm pack printed no result:\n${packed.output}`);
  tarball = join(scratch, result.filename);
  files = result.files.map((file) => file.path);
}, 60_000);

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships dist/, package.json, README.md and LICENSE, and nothing else', () => {
    expect(files.filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(file))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/timfetch.browser.js']));
  });

  // The browser bundle's map is about 600 kB for a 70 kB file: built for bench/bundle-size.mjs, not shipped.
  it('ships no source map, and the browser bundle points at none', () => {
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(readFileSync(join(root, 'dist/timfetch.browser.js'), 'utf8')).not.toMatch(/sourceMappingURL/);
  });

  it('holds every file package.json points at', () => {
    const targets = [pkg.main, pkg.module, pkg.types, ...Object.values(pkg.bin)];
    for (const entry of Object.values(pkg.exports)) {
      targets.push(...(typeof entry === 'string' ? [entry] : [entry.import.types, entry.import.default, entry.require.types, entry.require.default]));
    }
    const missing = targets.map((target) => target.replace(/^\.\//, '')).filter((target) => !files.includes(target));
    expect(missing).toEqual([]);
  });
});

describe('package linters on the tarball', () => {
  it('passes publint --strict (warnings fail too)', async () => {
    const { code, output } = await tool('publint', 'publint', ['--strict', tarball]);
    expect(code, output).toBe(0);
  }, 60_000);

  it('passes @arethetypeswrong/cli in every resolution mode, node10 included', async () => {
    const { code, output } = await tool('@arethetypeswrong/cli', 'attw', [tarball, '--profile', 'strict', '--format', 'table-flipped', '--no-color', '--no-emoji']);
    expect(code, output).toBe(0);
    // Every public subpath was checked in node10 too, not only the root.
    expect(output).toMatch(/│ node10 +│/);
    for (const subpath of Object.keys(pkg.exports).filter((key) => key !== './package.json')) {
      expect(output, subpath).toContain(subpath === '.' ? '"timfetch"' : `"timfetch/${subpath.slice(2)}"`);
    }
  }, 60_000);
});

describe('package-lock.json', () => {
  // What a fresh clone's `npm install` would write, without node_modules or the network: the
  // lockfile must already say it (package.json edited without updating the lock fails here).
  it('is left unchanged by npm install', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timfetch-lock-'));
    try {
      for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(root, file), join(dir, file));
      const args = ['install', '--package-lock-only', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--cache', join(dir, '.cache')];
      const { code, output } = await run('npm', args, dir);
      expect(code, `npm ${args.join(' ')}:\n${output}`).toBe(0);
      const rewritten = readFileSync(join(dir, 'package-lock.json'), 'utf8');
      expect(rewritten === readFileSync(join(root, 'package-lock.json'), 'utf8'), 'npm install rewrote package-lock.json').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
