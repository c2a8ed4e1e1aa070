// The runtime matrix: the built package (dist/) under Node 22, Node 24, this machine's Node (when
// package.json's engines admit it), Bun and Deno, each through both entries: esm.mjs (`import`)
// and cjs.cjs (`require()`). Every run gets its own emulator server with seeded faults that force
// retries and a rate limit the client's limiter must keep; scenario.mjs checks what it can from
// inside, this file checks the rest from the server's side. A failing test's name names the
// runtime and the entry. Runtimes other than this Node come from the npm registry through npx
// (runtimes.json; .ci/run fetches them before the tests).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, test } from 'vitest';
import { startEmulator, type EmulatorRequestEntry } from '../../src/emulator/index.js';
import { verifyUserSig } from '../../src/index.js';
import { satisfies } from '../support/node-range.js';
import { npxRuntime, thisNode, type RuntimeBinary } from '../support/npx-runtime.js';
import { testApp } from '../support/test-app.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const engines = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } }).engines.node;
const { npx: specs } = JSON.parse(readFileSync(new URL('runtimes.json', import.meta.url), 'utf8')) as { npx: string[] };

/** What scenario.mjs prints (its last stdout line). */
interface Facts {
  runtime: { name: string; version: string };
  format: Format;
  http: { relations: string; attempts: Record<'friendCheck' | 'friendAdd' | 'friendDelete', number>; retries: number; rateLimitWaits: number };
  writes: { added: string[]; deleted: string[] };
  userSig: string;
  embedded: { requests: number; friends: number; apiErrorCode: number };
}

type Format = 'esm' | 'cjs';
const entries: Record<Format, { script: string; title: string }> = {
  esm: { script: fileURLToPath(new URL('esm.mjs', import.meta.url)), title: 'import (ESM)' },
  cjs: { script: fileURLToPath(new URL('cjs.cjs', import.meta.url)), title: 'require (CJS)' },
};

interface MatrixRuntime {
  readonly label: string;
  /** Why this runtime is skipped here, if it is. */
  readonly skip?: string;
  binary(): Promise<RuntimeBinary>;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

const machine = thisNode();
const runtimes: MatrixRuntime[] = [
  {
    label: `node ${machine.version} (this machine)`,
    ...(satisfies(machine.version, engines) ? {} : { skip: `outside engines.node "${engines}"` }),
    binary: () => Promise.resolve(machine),
  },
  ...specs.map((spec) => ({ label: spec, binary: once(() => npxRuntime(spec)) })),
];

// Scenario parameters: 2,500 accounts in chunks of 100 (25 requests before retries), so that
// the limit of 10 per 250 ms makes the client wait several times in a second or so.
const accounts = Array.from({ length: 2500 }, (_, i) => `peer_${i}`);
const chunkSize = 100;
const rateLimit = { limit: 10, interval: 250 };
// Over HTTP every request-level fault kind a client must ride out, except stalls (slow by design).
const faults = { requestError: 0.06, httpError: 0.04, malformed: 0.04, drop: 0.06, itemError: 0.004 };
// The UserSig each runtime makes is signed at this time, so that this file can verify it.
const signedAt = 1_700_000_000_000;
const letters = { CheckResult_Type_AWithB: 'A', CheckResult_Type_BWithA: 'B', CheckResult_Type_BothWay: 'W', CheckResult_Type_NoRelation: 'N' };

// Three scenario processes at a time: they mostly wait (rate limit, retries), but start-up is CPU
// and this machine has two cores shared with the other test files.
const slots = (() => {
  let free = 3;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const nextInLine = waiting.shift();
      if (nextInLine === undefined) free++;
      else nextInLine();
    }
  };
})();

function commandLine(binary: RuntimeBinary, script: string): string[] {
  if (binary.kind !== 'deno') return [script];
  // Deno asks for what it may touch: the package and node_modules, the one variable, the server.
  // Without --no-code-cache, Deno 2.9 runs its cached compilation of a dist/ file that a rebuild
  // changed (seen here: a require of a chunk the rebuild had renamed).
  return ['run', '--no-lock', '--no-code-cache', `--allow-read=${root}`, '--allow-env=TIMFETCH_SCENARIO', '--allow-net=127.0.0.1', script];
}

function runScenario(label: string, binary: RuntimeBinary, script: string, scenario: object): Promise<Facts> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1', TIMFETCH_SCENARIO: JSON.stringify(scenario) };
    execFile(binary.path, commandLine(binary, script), { cwd: root, env, timeout: 90_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(new Error(`${label} (${binary.path}) failed: ${error.message.split('\n')[0]}\n${stderr.trim().slice(-4000)}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Facts);
      } catch {
        reject(new Error(`${label}: no JSON facts on stdout:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
      }
    });
  });
}

// [name, case] pairs: '%s' prints the name without the quotes '$name' would add.
const matrix = runtimes.flatMap((runtime) =>
  (['esm', 'cjs'] as const).map((format) => {
    const name = `${runtime.label} · ${entries[format].title}`;
    return [name, { runtime, format, name }] as const;
  }),
);

describe.concurrent('runtime matrix: the built package', () => {
  // Start every npx install at once (a cold cache downloads ~40 MB each); tests await their own.
  beforeAll(() => {
    for (const runtime of runtimes) if (runtime.skip === undefined) runtime.binary().catch(() => undefined);
  });

  test.for(matrix)('%s', { timeout: 300_000 }, async ([, { runtime, format, name }], { expect, skip }) => {
    if (runtime.skip !== undefined) skip(runtime.skip);
    const binary = await runtime.binary();
    const version = runtime.label.split('@')[1];
    if (version !== undefined) expect(binary.version === version || binary.version.startsWith(`${version}.`), `${name}: npx gave ${binary.version}`).toBe(true);
    if (binary.kind === 'node') expect(satisfies(binary.version, engines), `${name}: ${binary.version} is outside engines.node "${engines}"`).toBe(true);

    const log: EmulatorRequestEntry[] = [];
    const emu = await startEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, seed: 12, faults, rateLimit, onRequest: (entry) => log.push(entry) });
    try {
      accounts.forEach((account, i) => {
        if (i % 5 === 0 || i % 5 === 2) emu.store.addFriend('hub', account);
        if (i % 5 === 1 || i % 5 === 2) emu.store.addFriend(account, 'hub');
        if (i % 5 === 3 || i % 5 === 4) emu.store.addAccount(account);
      });
      // What friend_check must answer, before the scenario's writes change it.
      const expected = accounts.map((account) => letters[emu.store.relation('hub', account, 'CheckResult_Type_Both')]);
      const scenario = { url: emu.url, sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, from: 'hub', accounts: accounts.length, chunkSize, rateLimit, signedAt };
      const facts = await slots(() => runScenario(name, binary, entries[format].script, scenario));

      expect(facts.runtime, name).toEqual({ name: binary.kind, version: binary.version });
      expect(facts.format).toBe(format);
      // Nothing lost: one item per account in order (checked inside), each with the store's relation.
      const wrong = accounts
        .map((account, i) => ({ account, expected: expected[i], got: facts.http.relations[i] }))
        .filter(({ expected, got }) => got !== expected);
      expect(wrong.slice(0, 5), `${name}: relations unlike the store's (A: AWithB, B: BWithA, W: BothWay, N: NoRelation)`).toEqual([]);
      // Faults were injected and the retries rode them out.
      const counters = emu.stats.endpoints['v4/sns/friend_check'];
      expect(counters.requests).toBeGreaterThan(accounts.length / chunkSize);
      expect(facts.http.retries, `${name}: retries`).toBeGreaterThan(0);
      expect(counters.maxAccountsPerRequest).toBeLessThanOrEqual(chunkSize);
      const injected = Object.entries(emu.stats.faults).reduce((sum, [kind, n]) => (kind === 'latency' ? sum : sum + n), 0);
      expect(injected, `${name}: faults injected`).toBeGreaterThan(0);
      // Every attempt the client made reached the server once, with a fresh random. Known
      // exception: Deno's fetch re-sends a request whose pooled connection closed before any
      // answer (a dropped one), unseen by the SDK: same random, no rate-limit slot of its own.
      const resent = counters.requests - facts.http.attempts.friendCheck;
      expect(resent, `${name}: requests the server saw beyond the client's attempts`).toBe(emu.stats.repeatedRandom);
      expect(resent, `${name}: hidden re-sends`).toBeLessThanOrEqual(binary.kind === 'deno' ? emu.stats.faults.drop : 0);
      // Writes: no runtime sends one again by itself (Deno's included), and none is applied twice.
      for (const [method, path] of [['friendAdd', 'v4/sns/friend_add'], ['friendDelete', 'v4/sns/friend_delete']] as const) {
        const writes = log.filter((entry) => entry.path === path);
        expect(writes.length, `${name}: ${path} requests beyond the client's attempts`).toBe(facts.http.attempts[method]);
        expect(new Set(writes.map((entry) => entry.random)).size, `${name}: ${path} randoms seen twice`).toBe(writes.length);
        const applied = writes.flatMap((entry) => entry.applied);
        expect(new Set(applied).size, `${name}: ${path} accounts applied twice`).toBe(applied.length);
      }
      expect(facts.writes.deleted.length, `${name}: accounts deleted`).toBeGreaterThan(0);
      // Signed right every time: the only error answers are the injected 30006 / 30007 (and a
      // 60007 a hidden re-send may cause).
      const errorCodes = Object.keys(emu.stats.errors).filter((code) => code !== '30006' && code !== '30007' && (resent === 0 || code !== '60007'));
      expect(errorCodes, `${name}: error codes`).toEqual([]);
      // The limiter made the client wait, and the server never saw the limit exceeded (but for
      // hidden re-sends, which take no slot).
      expect(facts.http.rateLimitWaits, `${name}: rate-limit waits`).toBeGreaterThan(0);
      expect(emu.stats.rateLimited, `${name}: 60007 answers`).toBeLessThanOrEqual(resent);
      expect(counters.peakPerInterval).toBeLessThanOrEqual(rateLimit.limit + resent);
      // A UserSig made in this runtime verifies in this process's Node.
      const verified = await verifyUserSig({ ...testApp, userSig: facts.userSig, now: signedAt + 1000 });
      expect(verified, `${name}: its UserSig checked here`).toEqual({ valid: true });
      // The in-process emulator (the old smoke test): 3 chunks, retried, 100 friends found.
      expect(facts.embedded.requests).toBeGreaterThan(3);
      expect(facts.embedded.friends).toBe(100);
      expect(facts.embedded.apiErrorCode).toBeGreaterThan(0);
    } finally {
      await emu.close();
    }
  });
});
