// Package facts checked from files alone (no npm run): `engines` tells the truth about what the
// runtime dependencies accept, and package-lock.json stays as it is under every npm a user may run.
// The packed tarball (publint, attw) and `npm install` on the lockfile: test/integration/packed-package.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coversFrom, fill } from '../support/node-range.js';

const root = new URL('../../', import.meta.url);

interface Manifest {
  version?: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as T;
const pkg = readJson<Manifest>('package.json');

const declared = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(pkg.engines?.node ?? '');
const minimum = fill((declared?.[1] ?? '').split('.').map(Number));

describe('engines', () => {
  it('declares a plain minimum Node version', () => {
    expect(pkg.engines?.node, 'engines.node must read ">=X.Y[.Z]"').toMatch(/^>=\s*\d+(\.\d+){0,2}$/);
  });

  // The comparison itself, on the forms packages publish.
  it.each([
    ['>=18', true],
    ['>= 20.0.0', true],
    ['>=20.19.0', true],
    ['>=22', false],
    ['>20.18', true],
    ['>20.19', false],
    ['^20.19.0 || >=22.12.0', false],
    ['^20.19 || >=21', true],
    ['20 || 21 || >=22', true],
    ['18 - 24', false],
    ['>=18 <30', false],
    ['~20.19 || >=20.20', true],
    ['*', true],
  ])('"%s" covers Node 20.19 and every later release: %s', (range, expected) => {
    expect(coversFrom(range, [20, 19, 0])).toBe(expected);
  });

  it('refuses a range form it does not know instead of guessing', () => {
    expect(() => coversFrom('>=20.19.0-rc.1', [20, 19, 0])).toThrow(/cannot read/);
  });

  // Peers too: the Redis store runs with whichever client the app installed (here the devDependency).
  const runtime = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  it.each(runtime)('the installed %s accepts every Node the package declares', (name) => {
    const dependency = readJson<Manifest>(`node_modules/${name}/package.json`);
    const range = dependency.engines?.node ?? '*';
    expect(coversFrom(range, minimum), `${name}@${dependency.version} engines.node "${range}" vs timfetch ${pkg.engines?.node}`).toBe(true);
  });
});

describe('package-lock.json', () => {
  interface LockEntry {
    libc?: string[];
  }
  const lock = readJson<{ lockfileVersion: number; packages: Record<string, LockEntry> }>('package-lock.json');

  it('is lockfile version 3', () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  // npm 11.11+ records `libc` on platform packages; npm 10 (bundled with Node 20 and 22) and
  // 11.0–11.10 drop it, so a fresh clone's `npm install` with them rewrote the file. Without the
  // field every npm from 10.8 to 11.19 leaves the file unchanged (the cost: glibc machines also
  // get the few musl binaries). After changing dependencies with npm 11.11+, drop it again with
  // `npx -y npm@10.9 install --package-lock-only`.
  it('holds no `libc` fields, which older npm versions drop on install', () => {
    const withLibc = Object.entries(lock.packages).filter(([, entry]) => entry.libc !== undefined).map(([path]) => path);
    expect(withLibc).toEqual([]);
  });
});
