// The built `timfetch` command (dist/cli.js) in a child process, as users run it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from './im-test-server.js';
import { testApp } from './test-app.js';

export const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `timfetch ...args` with only PATH and `env` in its environment. */
export function timfetch(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr });
    });
  });
}

/**
 * A scripted test server for the CLI tests of one file, started before them and closed after,
 * with the TIM_* environment that points the command at it.
 */
export function useTestServer(): { readonly server: TestServer; readonly env: Record<string, string> } {
  const setup = {} as { server: TestServer; env: Record<string, string> };
  beforeAll(async () => {
    setup.server = await startTestServer(testApp);
    setup.env = { TIM_SDKAPPID: String(testApp.sdkAppId), TIM_SECRET_KEY: testApp.secretKey, TIM_BASE_URL: setup.server.url };
  });
  afterAll(() => setup.server.close());
  return setup;
}
