// The built `timfetch` command (dist/cli.js) in a child process, as users run it.
import { execFile, spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { answerAllAccounts, startTestServer, type RecordedRequest, type TestServer } from './im-test-server.js';
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

/** A running `timfetch`: the child, what it wrote so far, and its end. */
export interface Started {
  readonly child: ChildProcessWithoutNullStreams;
  /** What it has written so far. */
  readonly output: { stdout: string; stderr: string };
  /** Its exit code (null when killed by a signal) and all it wrote. */
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts `timfetch ...args` with only PATH and `env`, its output piped, to watch it while it runs. */
export function startTimfetch(args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, ...output })));
  return { child, output, done };
}

/** A scripted test server for one test file, and what the current test sent it. */
export interface TestServerSetup {
  readonly server: TestServer;
  /** The TIM_* environment that points the command at the server. */
  readonly env: Record<string, string>;
  /** Where the current test's requests start in `server.requests` (a handler's `index` counts from 0 there). */
  readonly first: number;
  /** The requests the current test caused. */
  readonly sent: () => RecordedRequest[];
}

/**
 * A scripted test server for the CLI tests of one file, started before them and closed after.
 * Before each test it answers every account again (answerAllAccounts) and starts counting the
 * test's requests.
 */
export function useTestServer(): TestServerSetup {
  const setup = { first: 0, sent: () => setup.server.requests.slice(setup.first) } as { server: TestServer; env: Record<string, string>; first: number; sent: () => RecordedRequest[] };
  beforeAll(async () => {
    setup.server = await startTestServer(testApp);
    setup.env = { TIM_SDKAPPID: String(testApp.sdkAppId), TIM_SECRET_KEY: testApp.secretKey, TIM_BASE_URL: setup.server.url };
  });
  beforeEach(() => {
    setup.first = setup.server.requests.length;
    setup.server.respond(answerAllAccounts);
  });
  afterAll(() => setup.server.close());
  return setup;
}

/** A `timfetch emulator` serving: its URL, what it wrote so far, and a stop that sends a signal and resolves to the exit code. */
export interface ServedEmulator {
  readonly url: string;
  readonly output: { stdout: string; stderr: string };
  readonly stop: (signal?: 'SIGINT' | 'SIGTERM') => Promise<number | null>;
}

/**
 * Starts `timfetch emulator --port 0 ...args` for the tests of a block: resolves once it listens.
 * A test that fails before stopping its emulator does not leave it running.
 */
export function useServedEmulator(): (args: string[]) => Promise<ServedEmulator> {
  const running = new Set<ChildProcess>();
  afterEach(() => running.forEach((child) => child.kill()));
  return async (args) => {
    const child = spawn(process.execPath, [bin, 'emulator', '--port', '0', ...args], { env: { PATH: process.env.PATH ?? '' } });
    running.add(child);
    child.once('exit', () => running.delete(child));
    const output = { stdout: '', stderr: '' };
    child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening: ${output.stderr}`)));
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(output.stdout);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
    });
    const stop = (signal: 'SIGINT' | 'SIGTERM' = 'SIGINT') => {
      const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.kill(signal);
      return exit;
    };
    return { url, output, stop };
  };
}
