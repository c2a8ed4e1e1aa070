// The isomorphic promise, kept: the built package runs the same in Node, Bun and Deno. The
// runtimes come from the npm registry (pinned versions, as TOOLCHAIN.md lists them) through npx.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('smoke.mjs', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

const runtimes: [string, string, string[]][] = [
  ['node', process.execPath, [script]],
  ['bun', 'npx', ['-y', 'bun@1.4.4', script]],
  ['deno', 'npx', ['-y', 'deno@2.9.6', 'run', '--allow-read', '--allow-env', script]],
];

describe('runtimes', () => {
  it.each(runtimes)('%s: chunked call through faults, UserSig round trip', async (_name, command, args) => {
    const { stdout } = await run(command, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    const facts = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(facts).toMatchObject({ inOrder: true, friends: 500, failed: 0, verified: true });
    // 3 chunks, and the seeded faults made some of them retry.
    expect(facts.requests).toBeGreaterThan(3);
  }, 180_000);
});
