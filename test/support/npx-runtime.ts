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
