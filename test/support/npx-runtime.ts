// JavaScript runtimes from the npm registry: the `node`, `bun` and `deno` packages ship their
// binaries. npx installs a spec once (into the npx cache) and reports the binary's path; tests
// then spawn that binary directly, which saves npx's start-up on every run and keeps two npx
// installs of one spec from racing in a cold cache.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The runtimes a spec can name. */
export type RuntimeKind = 'node' | 'bun' | 'deno';

/** A runtime binary on this machine. */
export interface RuntimeBinary {
  readonly kind: RuntimeKind;
  /** Absolute path of the executable. */
  readonly path: string;
  /** Its version, without a leading `v` (`22.23.3`, `1.4.4`). */
  readonly version: string;
}

// Each prints [execPath, version] as JSON; `deno eval` runs with every permission.
const probes: Record<RuntimeKind, string[]> = {
  node: ['-p', 'JSON.stringify([process.execPath, process.versions.node])'],
  bun: ['-e', 'console.log(JSON.stringify([process.execPath, Bun.version]))'],
  deno: ['eval', 'console.log(JSON.stringify([Deno.execPath(), Deno.version.deno]))'],
};

/** The runtime an npx spec such as `node@22` or `deno@2.9.6` installs. */
export function runtimeKind(spec: string): RuntimeKind {
  const name = spec.slice(0, spec.lastIndexOf('@') > 0 ? spec.lastIndexOf('@') : undefined);
  if (name === 'node' || name === 'bun' || name === 'deno') return name;
  throw new Error(`${spec}: not a runtime package (node, bun or deno)`);
}

/**
 * Installs `spec` through `npx -y` if the npx cache lacks it (tens of MB, from the npm registry)
 * and resolves with its binary. Rejects naming the spec when npx fails.
 */
export async function npxRuntime(spec: string): Promise<RuntimeBinary> {
  const kind = runtimeKind(spec);
  try {
    const { stdout } = await run('npx', ['-y', spec, ...probes[kind]], { timeout: 300_000, env: { ...process.env, NO_COLOR: '1' } });
    const [path, version] = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as [string, string];
    return { kind, path, version };
  } catch (error) {
    throw new Error(`${spec}: npx could not provide it: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The Node running this process. */
export function thisNode(): RuntimeBinary {
  return { kind: 'node', path: process.execPath, version: process.versions.node };
}

type Version = [major: number, minor: number, patch: number];

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * Whether `version` satisfies an npm range such as an `engines` field. Knows `||`, and
 * space-joined `>=`, `<`, `^` and `~` comparators and bare (possibly partial) versions; throws on
 * any other form, so that an engines field this cannot read fails loudly instead of skipping.
 */
export function satisfies(version: string, range: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, '').split(/[.+-]/).map(Number);
  const have: Version = [major, minor, patch];
  return range.split('||').some((set) =>
    set.trim().split(/\s+/).every((comparator) => {
      const match = /^(>=|<|\^|~)?v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(comparator);
      if (match === null) throw new Error(`cannot read the range comparator "${comparator}" of "${range}"`);
      const [, operator = '', x = '0', y, z] = match;
      const low: Version = [Number(x), Number(y ?? 0), Number(z ?? 0)];
      if (operator === '>=') return compare(have, low) >= 0;
      if (operator === '<') return compare(have, low) < 0;
      // ^ keeps the major (this reading needs one above 0), ~ and a bare x.y keep the minor.
      if (operator === '^' && low[0] === 0) throw new Error(`cannot read "${comparator}" of "${range}"`);
      const high: Version =
        operator === '^' || y === undefined ? [low[0] + 1, 0, 0] : operator === '~' || z === undefined ? [low[0], low[1] + 1, 0] : [low[0], low[1], low[2] + 1];
      return compare(have, low) >= 0 && compare(have, high) < 0;
    }),
  );
}
