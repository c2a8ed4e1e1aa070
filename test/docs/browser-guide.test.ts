// docs/using-timfetch-in-a-browser.md, run: its page (src/main.ts, index.html) bundled with esbuild
// and with Vite in a consumer project that installed the PACKED package (npm pack of the built
// dist/, ky and valibot linked as npm would install them), served by the guide's own backend
// (server.mjs) in front of an emulator, and used in Chromium. Also: which build a browser bundle
// gets for each subpath, with no alias. Run `rollup -c` first (npm test does).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { build as esbuild } from 'esbuild';
import { chromium, type Browser } from 'playwright';
import { build as vite, type InlineConfig, type Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { fences, root } from './extract.js';

const run = promisify(execFile);
const guide = readFileSync(join(root, 'docs/using-timfetch-in-a-browser.md'), 'utf8');
const app = { sdkAppId: 1400000000, secretKey: 'a-browser-guide-test-key' };

/** The guide's block whose first line names `file` (`// src/main.ts`, `<!-- index.html -->`), without that line. */
function guideFile(file: string): string {
  const block = fences(guide).find(({ body: [first = ''] }) => first === `// ${file}` || first.startsWith(`// ${file}:`) || first === `<!-- ${file} -->`);
  if (block === undefined) throw new Error(`docs/using-timfetch-in-a-browser.md has no block for ${file}`);
  return `${block.body.slice(1).join('\n')}\n`;
}

/** The package's files among a bundle's modules, as paths relative to the consumer project. */
function packageModules(project: string, modules: Iterable<string>): string[] {
  return [...modules].map((id) => relative(project, id.replace(/^\0/, '').split('?')[0] ?? '')).filter((path) => path.includes('timfetch'));
}

let project = '';
let emulator: RunningEmulator;
let browser: Browser;
const servers: ChildProcess[] = [];
const bundled: Record<'esbuild' | 'vite', { modules: string[]; url: string }> = {
  esbuild: { modules: [], url: '' },
  vite: { modules: [], url: '' },
};

/**
 * Builds the consumer project with Vite (`config` beside root, no config file): the package files
 * it loaded (a bundle's module list leaves out modules that only re-export).
 */
async function viteModules(config: InlineConfig): Promise<string[]> {
  const loaded: string[] = [];
  const record: Plugin = { name: 'record-loaded-modules', transform: (_code, id) => void loaded.push(id) };
  await vite({ root: project, configFile: false, logLevel: 'silent', ...config, plugins: [...(config.plugins ?? []), record] });
  return packageModules(project, loaded);
}

/** The guide's server.mjs on a free port, serving `staticDir`: resolves with its URL. */
function serveGuide(staticDir: string): Promise<string> {
  const env = { PATH: process.env.PATH ?? '', PORT: '0', STATIC_DIR: staticDir, TIM_SDKAPPID: String(app.sdkAppId), TIM_SECRET_KEY: app.secretKey, TIM_BASE_URL: emulator.url };
  const child = spawn(process.execPath, ['server.mjs'], { cwd: project, env });
  servers.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server.mjs exited (${code}): ${output}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /serving on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve(url);
    });
  });
}

beforeAll(async () => {
  // The consumer project: the packed package under node_modules/timfetch, its dependencies beside it.
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `rollup -c` first (npm test does)');
  project = mkdtempSync(join(tmpdir(), 'timfetch-browser-guide-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], { cwd: root, env });
  const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [{ filename: string }];
  mkdirSync(join(project, 'node_modules'));
  await run('tar', ['-xzf', join(project, filename), '-C', join(project, 'node_modules')]);
  renameSync(join(project, 'node_modules/package'), join(project, 'node_modules/timfetch'));
  for (const dependency of ['ky', 'valibot']) symlinkSync(join(root, 'node_modules', dependency), join(project, 'node_modules', dependency), 'dir');
  // The optional peer a user of timfetch/plugins/opentelemetry installs beside it.
  mkdirSync(join(project, 'node_modules/@opentelemetry'));
  symlinkSync(join(root, 'node_modules/@opentelemetry/api'), join(project, 'node_modules/@opentelemetry/api'), 'dir');

  const files = { 'package.json': '{ "type": "module" }\n', 'src/main.ts': guideFile('src/main.ts'), 'index.html': guideFile('index.html'), 'server.mjs': guideFile('server.mjs') };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, file)), { recursive: true });
    writeFileSync(join(project, file), text);
  }

  // esbuild, as the guide runs it: the bundle and the page beside it.
  const esbuilt = await esbuild({
    absWorkingDir: project,
    entryPoints: ['src/main.ts'],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    outfile: 'public/main.js',
    metafile: true,
    logLevel: 'silent',
  });
  writeFileSync(join(project, 'public/index.html'), files['index.html'].replace('/src/main.ts', '/main.js'));
  bundled.esbuild.modules = packageModules(project, Object.keys(esbuilt.metafile.inputs).map((input) => join(project, input)));

  // Vite, as `npx vite build` in the project (no config file).
  bundled.vite.modules = await viteModules({ build: { outDir: 'dist' } });

  emulator = await startEmulator(app);
  emulator.store.addFriend('alice', 'bob');
  emulator.store.addFriend('bob', 'alice');
  emulator.store.addFriend('alice', 'carol');
  emulator.store.addAccount('dave');
  [bundled.esbuild.url, bundled.vite.url] = await Promise.all([serveGuide('public'), serveGuide('dist')]);
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) server.kill();
  await emulator?.close();
  if (project !== '') rmSync(project, { recursive: true, force: true });
});

describe.each(['esbuild', 'vite'] as const)('the guide\'s page bundled with %s', (bundler) => {
  it('resolves timfetch to the package\'s browser build, with no alias: its ES modules, no Node entry', () => {
    const { modules } = bundled[bundler];
    expect(modules).toContain('node_modules/timfetch/dist/index.js');
    // The ES module build (the entry, its default plugins, its modules): not the CommonJS build,
    // not the one-file bundle.
    expect(modules.filter((path) => !/^node_modules\/timfetch\/dist\/(index|plugins\/[\w-]+|modules\/.+)\.js$/.test(path))).toEqual([]);
    expect(modules.some((path) => path.includes('/emulator/') || path.includes('/cli/'))).toBe(false);
  });

  it('checks friendships in Chromium with a UserSig from the backend, the key never in the page', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
    const before = emulator.stats.endpoints['v4/sns/friend_check'].requests;
    try {
      await page.goto(bundled[bundler].url);
      await page.fill('input[name=from]', 'alice');
      await page.fill('input[name=to]', 'bob, carol, dave');
      await page.click('button');
      await page.waitForFunction(() => !['', 'checking…'].includes(document.querySelector('output')?.textContent ?? ''), undefined, { timeout: 15_000 });
      expect(await page.textContent('output')).toBe(['bob: CheckResult_Type_BothWay', 'carol: CheckResult_Type_AWithB', 'dave: CheckResult_Type_NoRelation'].join('\n'));
      // The page asked its backend for a UserSig and called the service through it, nothing else.
      expect(requests).toEqual(expect.arrayContaining(['GET /usersig', 'POST /tim/v4/sns/friend_check']));
      expect(requests.filter((request) => request.startsWith('POST')).every((request) => request === 'POST /tim/v4/sns/friend_check')).toBe(true);
      expect(emulator.stats.endpoints['v4/sns/friend_check'].requests - before).toBe(1);
      const served = await Promise.all(['/', ...requests.filter((request) => request.startsWith('GET /') && request.endsWith('.js')).map((request) => request.slice(4))].map((path) => page.evaluate(async (url) => (await fetch(url)).text(), path)));
      expect(served.join('\n')).not.toContain(app.secretKey);
    } finally {
      await page.close();
    }
  });
});

describe('what a browser bundle gets for each subpath, with no alias', () => {
  /** Bundles `code` from the consumer project: the package files it took, or the errors. */
  async function bundle(code: string, platform: 'browser' | 'node'): Promise<{ inputs: string[]; errors: string[] }> {
    const result = await esbuild({
      absWorkingDir: project,
      stdin: { contents: code, resolveDir: project, loader: 'ts' },
      bundle: true,
      platform,
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    }).catch((error: { errors: { text: string; notes: { text: string }[] }[] }) => ({ errors: error.errors, metafile: { inputs: {} } }));
    return {
      inputs: packageModules(project, Object.keys(result.metafile.inputs).map((input) => join(project, input))),
      errors: result.errors.map(({ text, notes }) => [text, ...notes.map((note) => note.text)].join(' ')),
    };
  }

  it('timfetch/emulator: createEmulator from its browser entry (Node gets the full one)', async () => {
    const code = "import { createEmulator } from 'timfetch/emulator'; console.log(createEmulator);";
    expect((await bundle(code, 'browser')).inputs).toContain('node_modules/timfetch/dist/emulator.browser.js');
    expect((await bundle(code, 'node')).inputs).toContain('node_modules/timfetch/dist/emulator.js');
    writeFileSync(join(project, 'probe.ts'), code);
    const vited = await viteModules({ build: { write: false, lib: { entry: 'probe.ts', formats: ['es'] } } });
    expect(vited).toContain('node_modules/timfetch/dist/emulator.browser.js');
  });

  it('timfetch/emulator: startEmulator (node:http) fails the browser bundle, not the page', async () => {
    const { errors } = await bundle("import { startEmulator } from 'timfetch/emulator'; console.log(startEmulator);", 'browser');
    expect(errors).toEqual([expect.stringMatching(/^No matching export in "node_modules\/timfetch\/dist\/emulator\.browser\.js" for import "startEmulator"/)]);
  });

  it('timfetch/plugins/rate-limit-redis: refused in a browser bundle, bundled for Node', async () => {
    const code = "import { redisStore } from 'timfetch/plugins/rate-limit-redis'; console.log(redisStore);";
    const { errors } = await bundle(code, 'browser');
    expect(errors).toEqual([expect.stringContaining('explicitly disabled by the package author')]);
    expect((await bundle(code, 'node')).errors).toEqual([]);
  });

  it('every subpath with a browser target bundles for a browser from it, with no Node module', async () => {
    type Target = { default: string } | null;
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/timfetch/package.json'), 'utf8')) as { exports: Record<string, { browser?: Target } | string> };
    const subpaths = Object.entries(manifest.exports).filter((entry): entry is [string, { browser?: Target }] => typeof entry[1] === 'object');
    expect(subpaths.filter(([, entry]) => entry.browser === undefined).map(([subpath]) => subpath), 'subpaths without a browser condition').toEqual([]);
    expect(subpaths.filter(([, entry]) => entry.browser === null).map(([subpath]) => subpath)).toEqual(['./plugins/rate-limit-redis']);
    for (const [subpath, { browser: target }] of subpaths) {
      if (target === null || target === undefined) continue;
      const specifier = subpath === '.' ? 'timfetch' : `timfetch/${subpath.slice(2)}`;
      const { inputs, errors } = await bundle(`import * as entry from '${specifier}'; console.log(entry);`, 'browser');
      expect(errors, specifier).toEqual([]);
      expect(inputs, specifier).toContain(`node_modules/timfetch/${target.default.slice(2)}`);
    }
  });
});
