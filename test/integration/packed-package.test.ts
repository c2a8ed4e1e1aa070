// The package as npm would publish it, packed from a fresh clone: the repository's files without
// dist/ (node_modules linked), where `npm pack` must build first (the `prepack` script); its file
// list, publint --strict and @arethetypeswrong/cli (every resolution mode, node10 included) on that
// tarball, and a lockfile that `npm install` leaves as it is. All offline.
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Conditions {
  types: string;
  default: string;
}
interface Manifest {
  main: string;
  module: string;
  types: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  exports: Record<string, string | { browser: Conditions | null; import: Conditions; require: Conditions }>;
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

interface Run {
  code: number;
  stdout: string;
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
      resolve({ code, stdout, output: `${stdout}${stderr}`.replace(/^npm warn Unknown user config "nodedir".*\n/gm, '') });
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
  files: { path: string }[];
}

/** `npm pack` in `cwd` into `destination`, scripts on (prepack builds): the tarball's path and files. */
async function pack(cwd: string, destination: string): Promise<PackResult & Run> {
  const packed = await run('npm', ['pack', '--json', '--pack-destination', destination], cwd);
  if (packed.code !== 0) return { ...packed, filename: '', files: [] };
  // With scripts on, npm prints the script banners on stdout before the JSON.
  const [result] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('\n[') + 1)) as PackResult[];
  if (result === undefined) throw new Error(`npm pack printed no result:\n${packed.output}`);
  return { ...packed, ...result, filename: join(destination, result.filename) };
}

/** What a fresh clone holds: the files git tracks (and new ones it does not ignore), without dist/ or node_modules. */
async function freshClone(into: string): Promise<void> {
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  if (listed.code !== 0) throw new Error(`git ls-files failed:\n${listed.output}`);
  for (const file of listed.stdout.split('\0').filter((path) => path !== '' && existsSync(join(root, path)))) {
    mkdirSync(dirname(join(into, file)), { recursive: true });
    cpSync(join(root, file), join(into, file));
  }
  symlinkSync(join(root, 'node_modules'), join(into, 'node_modules'), 'dir');
}

let scratch = '';
let clone = '';
let tarball = '';
let files: string[] = [];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'timfetch-pack-'));
  clone = join(scratch, 'clone');
  await freshClone(clone);
  if (existsSync(join(clone, 'dist'))) throw new Error('the fresh clone already holds dist/');
  const packed = await pack(clone, scratch);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
  tarball = packed.filename;
  files = packed.files.map((file) => file.path);
}, 180_000);

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

describe('npm pack in a fresh clone', () => {
  it('builds first: the prepack script runs the build', () => {
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/cli.js', 'dist/timfetch.browser.js']));
  });
});

describe('npm pack', () => {
  it('ships dist/, package.json, README.md and LICENSE, and nothing else', () => {
    expect(files.filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(file))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/timfetch.browser.js']));
  });

  // The browser bundle's map is about 600 kB for a 70 kB file: built for bench/bundle-size.mjs, not shipped.
  it('ships no source map, and the browser bundle points at none', () => {
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(readFileSync(join(clone, 'dist/timfetch.browser.js'), 'utf8')).not.toMatch(/sourceMappingURL/);
  });

  it('holds every file package.json points at', () => {
    const targets = [pkg.main, pkg.module, pkg.types, ...Object.values(pkg.bin)];
    for (const entry of Object.values(pkg.exports)) {
      if (typeof entry === 'string') targets.push(entry);
      else for (const conditions of [entry.browser, entry.import, entry.require]) if (conditions !== null) targets.push(conditions.types, conditions.default);
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

// Last: it breaks the clone's sources, and the failed build empties its dist/.
describe('npm pack when the build fails', () => {
  it('makes no tarball when the build fails', async () => {
    writeFileSync(join(clone, 'src/index.ts'), 'export const broken = ;\n');
    const destination = join(scratch, 'failed');
    mkdirSync(destination);
    const packed = await pack(clone, destination);
    expect(packed.code, packed.output).not.toBe(0);
    expect(packed.output).toContain('src/index.ts');
    expect(readdirSync(destination)).toEqual([]);
  }, 120_000);
});
