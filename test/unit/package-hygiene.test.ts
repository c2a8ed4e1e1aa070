// Package facts checked from files alone (no npm run): `engines` tells the truth about what the
// runtime dependencies accept, and package-lock.json stays as it is under every npm a user may run.
// The packed tarball (publint, attw) and `npm install` on the lockfile: test/integration/packed-package.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

interface Manifest {
  version?: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as T;
const pkg = readJson<Manifest>('package.json');

type Version = readonly [number, number, number];
/** Versions from `from` (inclusive) up to `to` (exclusive; none: no upper bound). */
interface Interval {
  from: Version;
  to: Version | undefined;
}

const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const fill = (parts: readonly number[]): Version => [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
/** The first version past `parts` at `level`: (20, 19) at 0 → 21.0.0, at 1 → 20.20.0. */
const next = (parts: readonly number[], level: number): Version =>
  fill([...parts.slice(0, level), (parts[level] ?? 0) + 1]);

/** "20", "20.19", "20.x", "20.19.1" → [20] / [20, 19] / [20] / [20, 19, 1]; a wildcard ends it. */
function parts(version: string, range: string): number[] {
  if (!/^\d+(\.(\d+|x|X|\*)){0,2}$/.test(version)) throw new Error(`engines range "${range}": cannot read "${version}"`);
  const numbers: number[] = [];
  for (const part of version.split('.')) {
    if (!/^\d+$/.test(part)) break;
    numbers.push(Number(part));
  }
  return numbers;
}

/**
 * A node-semver range as intervals, release versions only: enough for `engines.node` (>=, >, <,
 * <=, =, ^, ~, x-ranges, hyphens, ||). Anything else throws, so a new form is seen, not misread.
 */
function intervals(range: string): Interval[] {
  return range.split('||').map((alternative) => {
    let interval: Interval = { from: [0, 0, 0], to: undefined };
    const narrow = (from: Version, to: Version | undefined): void => {
      interval = {
        from: compare(from, interval.from) > 0 ? from : interval.from,
        to: to === undefined || (interval.to !== undefined && compare(interval.to, to) <= 0) ? interval.to : to,
      };
    };
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alternative);
    if (hyphen?.[1] !== undefined && hyphen[2] !== undefined) {
      const to = parts(hyphen[2], range);
      narrow(fill(parts(hyphen[1], range)), to.length === 0 ? undefined : next(to, to.length - 1));
      return interval;
    }
    // ">= 20.0.0" (a space after the operator, as redis writes it) is one comparator.
    for (const comparator of alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/)) {
      const [, operator = '', version = ''] = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(comparator) ?? [];
      if (version === '' || version === '*' || version === 'x' || version === 'X') continue;
      const v = parts(version, range);
      const last = Math.max(v.length - 1, 0);
      if (v.length === 0) continue;
      if (operator === '>=') narrow(fill(v), undefined);
      else if (operator === '>') narrow(next(v, last), undefined);
      else if (operator === '<') narrow([0, 0, 0], fill(v));
      else if (operator === '<=') narrow([0, 0, 0], next(v, last));
      else if (operator === '~') narrow(fill(v), next(v, Math.min(last, 1)));
      else if (operator === '^') {
        const firstNonZero = v.findIndex((n) => n !== 0);
        narrow(fill(v), next(v, firstNonZero === -1 ? last : firstNonZero));
      } else narrow(fill(v), next(v, last));
    }
    return interval;
  });
}

/** Whether `range` admits every release from `minimum` on (the union of its alternatives may do it together). */
function coversFrom(range: string, minimum: Version): boolean {
  const spans = intervals(range);
  let at = minimum;
  for (;;) {
    const span = spans.find(({ from, to }) => compare(from, at) <= 0 && (to === undefined || compare(at, to) < 0));
    if (span === undefined) return false;
    if (span.to === undefined) return true;
    at = span.to;
  }
}

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
