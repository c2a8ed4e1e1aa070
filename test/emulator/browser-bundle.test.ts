// timfetch/emulator must bundle for browsers: no node: module may be reachable statically, and
// the bundle must run with platform APIs alone.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('browser bundle of timfetch/emulator', () => {
  it('bundles for the browser and answers requests', async () => {
    const result = await build({
      entryPoints: [new URL('../../src/emulator/index.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/^import .*["']node:/m);
    expect(code).not.toMatch(/require\(["']node:/);

    const bundle = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as typeof import('../../src/emulator/index.js');
    const emu = bundle.createEmulator({ sdkAppId: 1400000000, secretKey: 'k' });
    const preflight = await emu.fetch('http://127.0.0.1:8080/v4/sns/friend_check', { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    const answer = await emu.fetch('http://127.0.0.1:8080/v4/sns/friend_check', { method: 'POST', body: '{}' });
    expect(await answer.json()).toMatchObject({ ErrorCode: 60012 });
  });
});
