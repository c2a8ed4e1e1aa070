// The built package as users get it: `import` and `require()` by name, every subpath in the
// exports map. Runs plain Node child processes so no test-runner transform is involved.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  exports: Record<string, { import: { types: string; default: string }; require: { types: string; default: string } } | string>;
  sideEffects: boolean;
  engines: { node: string };
};

const publicNames = [
  'createClient', 'friendGetList', 'friendCheck', 'genUserSig', 'verifyUserSig', 'defineEndpoint',
  'TimError', 'TimApiError', 'TimBatchError', 'TimHttpError', 'TimNetworkError', 'TimTimeoutError',
  'TimValidationError', 'TimResponseError',
];

async function node(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, args, { cwd: root });
  return stdout.trim();
}

const script = `
  const tim = m.createClient({ sdkAppId: 1400000000, identifier: 'administrator', secretKey: 'k', baseUrl: 'http://127.0.0.1:9' });
  const sig = await m.genUserSig({ sdkAppId: 1400000000, identifier: 'administrator', secretKey: 'k', now: 1700000000000 });
  const check = await m.verifyUserSig({ sdkAppId: 1400000000, identifier: 'administrator', secretKey: 'k', userSig: sig, now: 1700000000000 });
  const names = ${JSON.stringify(publicNames)}.filter((n) => m[n] === undefined);
  let validation = '';
  try { await tim.friendCheck({ From_Account: 'a', To_Account: [], CheckType: 'CheckResult_Type_Both' }); } catch (e) { validation = (e instanceof m.TimValidationError) + ':' + e.path; }
  console.log(JSON.stringify({ missing: names, valid: check.valid, validation, pipeline: tim.describePipeline().length }));
`;
const expected = { missing: [], valid: true, validation: 'true:To_Account', pipeline: 9 };

describe('built package', () => {
  it('declares the package basics', () => {
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines.node).toBe('>=20.19');
  });

  it('works with import', async () => {
    const out = await node(['--input-type=module', '-e', `const m = await import('timfetch');${script}`]);
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('works with require()', async () => {
    const out = await node(['-e', `(async () => { const m = require('timfetch');${script} })()`]);
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('exports a subpath for every plugin file, in both formats', async () => {
    const plugins = readdirSync(new URL('plugins/', root)).filter((file) => file.endsWith('.ts')).map((file) => file.slice(0, -3));
    expect(plugins.length).toBeGreaterThan(0);
    for (const name of plugins) {
      const entry = pkg.exports[`./plugins/${name}`];
      expect(entry, `exports["./plugins/${name}"]`).toBeTypeOf('object');
      const esm = await node(['--input-type=module', '-e', `const m = await import('timfetch/plugins/${name}'); console.log(Object.keys(m).join())`]);
      const cjs = await node(['-e', `console.log(Object.keys(require('timfetch/plugins/${name}')).join())`]);
      expect(esm, name).toMatch(/^\w+(,\w+)*$/);
      expect(cjs).toBe(esm);
    }
  });

  it('points every export at a built file', () => {
    for (const [subpath, entry] of Object.entries(pkg.exports)) {
      const targets = typeof entry === 'string' ? [entry] : [entry.import.types, entry.import.default, entry.require.types, entry.require.default];
      for (const target of targets) expect(existsSync(new URL(target, root)), `${subpath} → ${target}`).toBe(true);
    }
  });

  it('shares error classes between the main entry and plugin subpaths', async () => {
    const out = await node([
      '--input-type=module',
      '-e',
      `const m = await import('timfetch'); const { nonce } = await import('timfetch/plugins/nonce');
       try { await nonce({ random: () => -1 }).run({ query: {} }, async () => ({ ErrorCode: 0 })); } catch (e) { console.log(e instanceof m.TimValidationError); }`,
    ]);
    expect(out).toBe('true');
  });

  it('exports timfetch/plugin-kit for import and require(), with the helpers the built-in plugins use', async () => {
    const names = ['delay', 'abortable', 'batchShape', 'answerItems', 'withItems', 'failureItem', 'redactSecrets', 'parseOrThrow', 'transportInfo', 'isTimError', 'isTimApiError', 'TimError'];
    const probe = `console.log(JSON.stringify(${JSON.stringify(names)}.filter((n) => typeof k[n] !== 'function')))`;
    expect(await node(['--input-type=module', '-e', `const k = await import('timfetch/plugin-kit'); ${probe}`])).toBe('[]');
    expect(await node(['-e', `const k = require('timfetch/plugin-kit'); ${probe}`])).toBe('[]');
  });

  it('lets an ESM client use a CommonJS-required retry plugin: a 30006 is retried', async () => {
    const out = await node([
      '--input-type=module',
      '-e',
      `import { createRequire } from 'node:module';
       const m = await import('timfetch');
       const require = createRequire(process.cwd() + '/');
       const { retry } = require('timfetch/plugins/retry');
       let requests = 0;
       const fetch = async () => {
         requests++;
         const answer = requests === 1
           ? { ActionStatus: 'FAIL', ErrorCode: 30006, ErrorInfo: 'busy' }
           : { ActionStatus: 'OK', ErrorCode: 0, InfoItem: [{ To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_NoRelation' }] };
         return new Response(JSON.stringify(answer));
       };
       const tim = m.createClient({ sdkAppId: 1400000000, identifier: 'administrator', secretKey: 'k', fetch, retry: false, plugins: [retry({ minDelay: 1, maxDelay: 2 })] });
       const answer = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' });
       console.log(JSON.stringify({ separateClasses: require('timfetch').TimError !== m.TimError, requests, code: answer.InfoItem[0].ResultCode }));`,
    ]);
    expect(JSON.parse(out)).toEqual({ separateClasses: true, requests: 2, code: 0 });
  });

  it('exports timfetch/emulator for import and require(), working with the client and sharing error classes', async () => {
    const emulatorScript = `
      const app = { sdkAppId: 1400000000, secretKey: 'k' };
      const emu = e.createEmulator(app);
      emu.store.addFriend('alice', 'bob');
      const tim = m.createClient({ ...app, identifier: 'administrator', fetch: emu.fetch });
      const viaFetch = (await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' })).InfoItem[0].Relation;
      const server = await e.startEmulator(app);
      server.store.addFriend('bob', 'alice');
      const overHttp = (await m.createClient({ ...app, identifier: 'administrator', baseUrl: server.url }).friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' })).InfoItem[0].Relation;
      await server.close();
      let validation = false;
      try { e.createEmulator({ ...app, sdkAppId: 0 }); } catch (error) { validation = error instanceof m.TimValidationError; }
      console.log(JSON.stringify({ viaFetch, overHttp, validation }));
    `;
    const expectedEmulator = { viaFetch: 'CheckResult_Type_AWithB', overHttp: 'CheckResult_Type_BWithA', validation: true };
    const esm = await node(['--input-type=module', '-e', `const m = await import('timfetch'); const e = await import('timfetch/emulator');${emulatorScript}`]);
    expect(JSON.parse(esm)).toEqual(expectedEmulator);
    const cjs = await node(['-e', `(async () => { const m = require('timfetch'); const e = require('timfetch/emulator');${emulatorScript} })()`]);
    expect(JSON.parse(cjs)).toEqual(expectedEmulator);
  });

  it('puts the rate limiter in the browser bundle, and never the Redis store', () => {
    const bundle = readFileSync(new URL('dist/timfetch.browser.js', root), 'utf8');
    expect(bundle).toContain('rate-limit');
    for (const redisOnly of ['EVALSHA', 'ZREMRANGEBYSCORE', 'redisStore', 'sendCommand']) expect(bundle, redisOnly).not.toContain(redisOnly);
  });

  it('keeps Node built-ins and the emulator (its HTTP server above all) out of the browser bundle', () => {
    const bundle = readFileSync(new URL('dist/timfetch.browser.js', root), 'utf8');
    expect(bundle).not.toMatch(/["'](node:)?(http|https|net|fs|crypto|zlib|child_process|worker_threads)["']/);
    expect(bundle).not.toContain('node:');
    for (const emulatorOnly of ['startEmulator', 'createServer', 'createEmulator']) expect(bundle, emulatorOnly).not.toContain(emulatorOnly);
  });

  it('keeps node:http out of the emulator bundle until startEmulator runs', () => {
    // The ESM build keeps one file per module: startEmulator's holds the import.
    for (const file of ['dist/modules/src/emulator/start-emulator.js', 'dist/emulator.cjs']) {
      const code = readFileSync(new URL(file, root), 'utf8');
      expect(code, file).not.toMatch(/^import .*node:http/m);
      expect(code, file).not.toMatch(/^(const|var|let) .*require\(['"]node:http['"]\)/m);
      expect(code, file).toContain('node:http');
    }
  });
});

describe('examples', () => {
  it('runs the README offline example against the built package', async () => {
    const out = await node(['examples/offline-check.mjs']);
    expect(out.split('\n')).toEqual(['bob: CheckResult_Type_BothWay', 'carol: CheckResult_Type_AWithB', 'dave: CheckResult_Type_NoRelation']);
  });

  it('runs the plugin example (metrics and request id, written against the public entry points) against the emulator', async () => {
    const out = await node(['examples/run-ts.mjs', 'examples/plugin-metrics.ts']);
    const lines = out.split('\n');
    const summary = JSON.parse(lines.at(-1) ?? '') as Record<string, unknown>;
    expect(summary).toMatchObject({ requestIds: ['call-1', 'nightly-audit'], progressEvents: 6 });
    // Every request the emulator saw was recorded by the transport-phase plugin, with its size.
    expect(summary.attempts).toBe(summary.serverRequests);
    expect(summary.bytes).toBeGreaterThan(250 * 1024);
    expect(lines.slice(0, -1).map((line) => line.split(':')[0]).sort()).toEqual(['call-1', 'nightly-audit']);
  });
});
