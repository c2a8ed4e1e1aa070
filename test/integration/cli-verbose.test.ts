// `timfetch --verbose`: the pipeline's events on stderr, one line each, redacted; stdout unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { timfetch } from '../support/cli-process.js';
import { testApp } from '../support/test-app.js';

let emu: RunningEmulator;
let env: Record<string, string>;
beforeAll(async () => {
  // Every request fails transiently: the call makes its attempts, then fails.
  emu = await startEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, faults: { requestError: 1 }, seed: 2 });
  emu.store.addFriend('alice', 'bob');
  env = { TIM_SDKAPPID: String(testApp.sdkAppId), TIM_SECRET_KEY: testApp.secretKey, TIM_BASE_URL: emu.url };
});
afterAll(() => emu.close());

describe('timfetch --verbose', () => {
  it('writes every event on stderr, one line each, with attempts, retries and the final error', async () => {
    const run = await timfetch(['friend-check', '--from', 'alice', '--to', 'bob', '--retries', '1', '--verbose'], env);
    expect(run.code).toBe(1);
    const [final, ...reversed] = run.stderr.trim().split('\n').reverse();
    const lines = reversed.reverse();
    expect(lines.map((line) => line.split(' ')[1])).toEqual(['call.start', 'attempt.start', 'attempt.end', 'retry', 'attempt.start', 'attempt.end', 'call.error']);
    expect(final).toMatch(/^timfetch: IM error 3000[67] .* \(after 2 attempts over \d+\.\d s\)$/);
    expect(lines[3]).toMatch(/^timfetch retry callId=c1 endpoint=friendCheck retry=1 delay=\d+ reason=error code=3000[67] error=TimApiError$/);
    expect(lines[2]).toMatch(/^timfetch attempt\.end callId=c1 endpoint=friendCheck chunk=1 attempt=1 status=200 error=TimApiError errorCode=3000[67] /);
    expect(lines[1]).toMatch(/ url="http:\/\/127\.0\.0\.1:\d+\/v4\/sns\/friend_check\?.*usersig=\[redacted\]"$/);
    expect(lines.find((line) => line.startsWith('timfetch call.error'))).toMatch(/attempts=2/);
    expect(run.stderr).not.toContain(testApp.secretKey);
    expect(run.stderr).not.toMatch(/usersig=eJ/);
    expect(run.stdout).toBe('');
  });

  it('is quiet without the flag', async () => {
    const run = await timfetch(['friend-check', '--from', 'alice', '--to', 'bob', '--retries', '0'], env);
    expect(run.stderr).not.toContain('attempt.start');
  });
});
