// Failures outside the SDK end the built command cleanly: one line on stderr, no stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { startTimfetch, timfetch } from '../support/cli-process.js';
import { answerAllAccounts, startTestServer, type TestServer } from '../support/im-test-server.js';
import { testApp } from '../support/test-app.js';

let server: TestServer;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer(testApp);
  env = { TIM_SDKAPPID: String(testApp.sdkAppId), TIM_SECRET_KEY: testApp.secretKey, TIM_BASE_URL: server.url };
});
afterAll(() => server.close());

const ids = (count: number) => Array.from({ length: count }, (_, i) => `user_${i}`).join(',');

const start = (args: string[]) => startTimfetch(args, env);

describe('timfetch failures outside the SDK', () => {
  it('exits 1 with one line when the emulator port is in use', async () => {
    const taken = await startEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey });
    try {
      const port = new URL(taken.url).port;
      const run = await timfetch(['emulator', '--port', port]);
      expect(run).toEqual({ code: 1, stdout: '', stderr: `timfetch: cannot listen on 127.0.0.1:${port}: the port is in use (EADDRINUSE)\n` });
      const json = await timfetch(['emulator', '--port', port, '--json']);
      expect(json.code).toBe(2); // the emulator has no --json: that is the error reported
    } finally {
      await taken.close();
    }
  });

  it('exits 130 with one line on Ctrl-C during a call', async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    server.respond((request) => (arrived(), { ...answerAllAccounts(request, 0), delayMs: 10_000 }));
    const { child, done } = start(['friend-check', '--from', 'alice', '--to', 'bob']);
    await inFlight;
    child.kill('SIGINT');
    expect(await done).toEqual({ code: 130, stdout: '', stderr: 'timfetch: interrupted (SIGINT)\n' });
  });

  it('with --json, says so as JSON on stdout', async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    server.respond((request) => (arrived(), { ...answerAllAccounts(request, 0), delayMs: 10_000 }));
    const { child, done } = start(['friend-check', '--from', 'alice', '--to', 'bob', '--json']);
    await inFlight;
    child.kill('SIGTERM');
    const run = await done;
    expect(run).toMatchObject({ code: 143, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ error: { class: 'Interrupted', code: null, message: 'interrupted (SIGTERM)' } });
  });

  it('ends quietly when the reader of stdout goes away (| head -1)', async () => {
    server.respond(answerAllAccounts);
    // About 300 KB of JSON: far more than a pipe buffers, so writes go on after the reader left.
    const { child, done } = start(['friend-check', '--from', 'alice', '--to', ids(2500), '--json']);
    child.stdout.once('data', () => child.stdout.destroy());
    const run = await done;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
