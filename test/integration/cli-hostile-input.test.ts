// Issue 17, "Reliability in a hostile world": the built command (dist/cli.js) given a huge id file,
// bytes that are not UTF-8 text, a bug it did not expect, and bad emulator usage. Every failure
// is one line (or one JSON object), and bad input sends nothing and leaves nothing running.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/command-io.js';
import { emulatorCommand } from '../../src/cli/emulator-command.js';
import { reportFailure, type FailureContext } from '../../src/cli/report-failure.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { bin, timfetch, useTestServer } from '../support/cli-process.js';
import { answerAllAccounts } from '../support/im-test-server.js';

const setup = useTestServer();
const sent = setup.sent;

const folder = mkdtempSync(join(tmpdir(), 'timfetch-hostile-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
/** A file holding exactly these bytes, in a temporary folder. */
function bytesFile(bytes: Uint8Array, extension = 'txt'): string {
  const file = join(folder, `file-${++files}.${extension}`);
  writeFileSync(file, bytes);
  return file;
}

interface Run {
  /** The exit code, or null when the process did not end by itself and was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `file ...args` with only PATH and `env`, for what timfetch() cannot: output beyond
 * execFile's 1 MB default, and a process that never ends (SIGKILL after `timeoutMs`).
 */
function run(file: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Run> {
  const options = { env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs, killSignal: 'SIGKILL' as const };
  return new Promise((resolve) => {
    execFile(file, args, options, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

// A time limit for tests that start processes, not a speed assert: the machine's cores are shared.
const slowMachine = 60_000;

const friendCheck = (to: string, ...flags: string[]) => ['friend-check', '--from', 'alice', '--to', to, ...flags];
const sentAccounts = () => sent().flatMap((request) => (request.body as { To_Account: string[] }).To_Account);

describe('timfetch --to with a huge id file (issue 17, item 7)', () => {
  const count = 150_000;
  const ids = Array.from({ length: count }, (_, i) => `user_${i}`);
  // 150 requests of 1,000: enough in flight, and a rate that never waits, keep it a few seconds.
  const fast = ['--concurrency', '16', '--rate', '1000'];

  it('checks 150,000 ids from a file and prints the table', async () => {
    const file = bytesFile(Buffer.from(`${ids.join('\n')}\n`));
    const result = await run(process.execPath, [bin, ...friendCheck(`@${file}`, ...fast)], setup.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(count + 3); // header, rule, summary
    expect([lines[2], lines.at(-2), lines.at(-1)]).toEqual(['user_0       NoRelation  ok', 'user_149999  NoRelation  ok', `${count} accounts, 0 failed`]);
    // Chunks in flight together arrive in any order: each id once is what counts.
    const sentIds = sentAccounts();
    expect(sentIds).toHaveLength(count);
    expect(new Set(sentIds).size).toBe(count);
  }, slowMachine);

  it('with --json, prints the whole answer as JSON', async () => {
    const file = bytesFile(Buffer.from(`${ids.join('\n')}\n`));
    const result = await run(process.execPath, [bin, ...friendCheck(`@${file}`, '--json', ...fast)], setup.env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const answer = JSON.parse(result.stdout) as { InfoItem: { To_Account: string }[] };
    // Every id in request order, told as the first place that differs (a diff of 150,000 items is slow).
    expect(answer.InfoItem).toHaveLength(count);
    expect(answer.InfoItem.findIndex((item, index) => item.To_Account !== ids[index])).toBe(-1);
  }, slowMachine);
});

describe('timfetch failures it did not expect (issue 17, item 7)', () => {
  /** Reports `error` as the command does, into strings. */
  function reported(error: unknown, context: Partial<FailureContext> = {}) {
    const out = { stdout: '', stderr: '' };
    const streams = { stdout: { write: (text: string) => (out.stdout += text) }, stderr: { write: (text: string) => (out.stderr += text) } };
    const full: FailureContext = { json: false, interruptedBy: undefined, helpCommand: 'timfetch friend-check --help', debug: false, ...context };
    return { exitCode: reportFailure(error, full, streams), ...out };
  }
  const overflow = () => new RangeError('Maximum call stack size exceeded');

  it('tells an unexpected error in one line, exit code 1, without its stack', () => {
    expect(reported(overflow())).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'timfetch: internal error: RangeError: Maximum call stack size exceeded (a bug; TIMFETCH_DEBUG=1 prints its stack)\n',
    });
  });

  it('with --json, as one JSON object of class InternalError on stdout', () => {
    expect(reported(overflow(), { json: true })).toEqual({
      exitCode: 1,
      stdout: '{"error":{"class":"InternalError","code":null,"message":"RangeError: Maximum call stack size exceeded"}}\n',
      stderr: '',
    });
  });

  it('prints the stack only with TIMFETCH_DEBUG=1', () => {
    const error = overflow();
    const { stderr } = reported(error, { debug: true });
    expect(stderr).toBe(`timfetch: internal error: RangeError: Maximum call stack size exceeded\n${error.stack}\n`);
  });

  it('folds a message of several lines into one and redacts a UserSig in it', () => {
    const { stdout } = reported(new TypeError('fetch https://x/v4/sns/friend_check?usersig=eJw1secret&random=1 failed\nsocket hang up'), { json: true });
    expect(JSON.parse(stdout)).toEqual({
      error: { class: 'InternalError', code: null, message: 'TypeError: fetch https://x/v4/sns/friend_check?usersig=[redacted]&random=1 failed socket hang up' },
    });
  });

  it('leaves the failures it knows as they were', () => {
    expect(reported(new UsageError('missing --from'))).toEqual({ exitCode: 2, stdout: '', stderr: 'timfetch: missing --from (see timfetch friend-check --help)\n' });
  });

  // A preloaded module throws from a timer while the call waits for the server: a bug outside
  // the command's awaited work, in the real process.
  const strayThrow = bytesFile(Buffer.from('setTimeout(() => { throw new TypeError("stray"); }, 1000);\n'), 'mjs');
  const withStrayThrow = () => ({ ...setup.env, NODE_OPTIONS: `--import ${strayThrow}` });

  it('in the built command, a throw from a callback is one line too, or one JSON object', async () => {
    setup.server.respond((request, index) => ({ ...answerAllAccounts(request, index), delayMs: 5000 }));
    const line = await timfetch(friendCheck('bob'), withStrayThrow());
    expect(line).toEqual({ code: 1, stdout: '', stderr: 'timfetch: internal error: TypeError: stray (a bug; TIMFETCH_DEBUG=1 prints its stack)\n' });
    const json = await timfetch(friendCheck('bob', '--json'), withStrayThrow());
    expect(json).toEqual({ code: 1, stdout: '{"error":{"class":"InternalError","code":null,"message":"TypeError: stray"}}\n', stderr: '' });
    const debug = await timfetch(friendCheck('bob'), { ...withStrayThrow(), TIMFETCH_DEBUG: '1' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^timfetch: internal error: TypeError: stray\nTypeError: stray\n {4}at /);
  }, slowMachine);
});

describe('timfetch --to with bytes that are not UTF-8 text (issue 17, item 8)', () => {
  const text = (value: string) => Buffer.from(value, 'utf8');
  const utf16be = (value: string) => Buffer.from(value, 'utf16le').swap16();

  it.each([
    ['invalid UTF-8 (two ids that would both decode to ann\uFFFD)', Buffer.concat([text('bob\nann'), Buffer.from([0xff]), text('\nann'), Buffer.from([0xfe]), text('\n')]), ':2: not valid UTF-8'],
    ['a NUL inside an id', text('bob\nan\0n\n'), ':2: account id contains a control character (U+0000)'],
    ['an escape character', text('# colours\nbob\n\u001b[31mred\n'), ':3: account id contains a control character (U+001B)'],
    ['DEL', text('bob\u007f\n'), ':1: account id contains a control character (U+007F)'],
    ['a C1 control (NEL)', text('bob\ncarol\u0085\n'), ':2: account id contains a control character (U+0085)'],
    ['a stray CR inside a line', text('bob\r\nca\rrol\r\n'), ':2: account id contains a comma or whitespace'],
    ['a line too long for an id file (a binary file)', Buffer.alloc(70_000, 'a'), ':1: line over 65536 bytes (is it an id file?)'],
    ['UTF-16LE with its byte order mark', Buffer.from('\uFEFFbob\ncarol\n', 'utf16le'), ': the file is UTF-16 (it starts with a UTF-16LE byte order mark); save it as UTF-8'],
    ['UTF-16BE with its byte order mark', utf16be('\uFEFFbob\ncarol\n'), ': the file is UTF-16 (it starts with a UTF-16BE byte order mark); save it as UTF-8'],
  ])('refuses %s naming the file (and line), and sends nothing', async (_, bytes, where) => {
    const file = bytesFile(bytes);
    const result = await timfetch(friendCheck(`bob,@${file}`), setup.env);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `timfetch: ${file}${where} (see timfetch friend-check --help)\n` });
    expect(sent()).toEqual([]);
  });

  it('with --json, the refusal is a UsageError object', async () => {
    const file = bytesFile(text('bob\nan\0n\n'));
    const result = await timfetch(friendCheck(`@${file}`, '--json'), setup.env);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ error: { class: 'UsageError', code: null, message: `${file}:2: account id contains a control character (U+0000)` } });
    expect(sent()).toEqual([]);
  });

  it('reads a UTF-8 file with a byte order mark and CRLF line ends', async () => {
    const file = bytesFile(text('\uFEFFbob\r\n# the rest\r\ncarol\r\n名字\r\n'));
    const result = await timfetch(friendCheck(`@${file}`, '--json'), setup.env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(sentAccounts()).toEqual(['bob', 'carol', '名字']);
  });

  it('refuses control characters in ids given directly in --to', async () => {
    const result = await timfetch(friendCheck('bob,a\u0001b'), setup.env);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'timfetch: --to: "a\\u0001b": account id contains a control character (U+0001) (see timfetch friend-check --help)\n' });
    const c1 = await timfetch(friendCheck('bob,a\u009bb'), setup.env);
    expect(c1.stderr).toContain('account id contains a control character (U+009B)');
    expect(sent()).toEqual([]);
  });

  it('refuses invalid UTF-8 in --to, which Node hands over as U+FFFD', async () => {
    // Raw bytes on the command line need a shell: printf writes ann\xFF and ann\xFE.
    const script = 'exec "$0" "$1" friend-check --from alice --to "$(printf "ann\\377,ann\\376")"';
    const result = await run('/bin/sh', ['-c', script, process.execPath, bin], setup.env);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'timfetch: --to: "ann\uFFFD": account id contains U+FFFD, the mark of text that was not valid UTF-8 (see timfetch friend-check --help)\n',
    });
    expect(sent()).toEqual([]);
  });
});

/** A port nothing listens on now (the system's pick, released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a server can listen on `port` of 127.0.0.1 now. */
async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (listening) await new Promise((resolve) => server.close(resolve));
  return listening;
}

describe('timfetch emulator with bad usage (issue 17, item 11)', () => {
  it.each(['0', '1000001'])('exits 2 by itself for --users %s, and leaves the port free', async (users) => {
    const port = await freePort();
    // Killed after 10 s if it does not end by itself (it used to ignore SIGINT and SIGTERM).
    const result = await run(process.execPath, [bin, 'emulator', '--port', String(port), '--users', users], {}, 10_000);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'timfetch: --users must be from 1 to 1000000 (see timfetch emulator --help)\n' });
    expect(await portIsFree(port)).toBe(true);
  }, slowMachine);

  /** A CommandIo whose print runs `onPrint`, and an interrupt that may have come already. */
  function fakeIo(onPrint: (text: string) => void, interrupted = false): CommandIo {
    const interrupt = new AbortController();
    if (interrupted) interrupt.abort();
    return { env: {}, print: onPrint, note: () => {}, stderr: { write: () => true }, signal: interrupt.signal, stdin: process.stdin, drained: async () => undefined };
  }

  it('closes the server when anything fails after it started listening', async () => {
    const port = await freePort();
    const stdoutGone = new Error('stdout is gone');
    const io = fakeIo(() => {
      throw stdoutGone;
    });
    await expect(emulatorCommand.run(['--port', String(port), '--users', '3'], io)).rejects.toBe(stdoutGone);
    expect(await portIsFree(port)).toBe(true);
  });

  it('stops at once when the interrupt came while it was starting', async () => {
    const port = await freePort();
    const printed: string[] = [];
    await emulatorCommand.run(['--port', String(port), '--users', '3'], fakeIo((text) => printed.push(text), true));
    expect(printed.at(-1)?.split('\n').slice(0, 2)).toEqual(['emulator stopped', 'emulator: 0 requests, 0 CORS preflights; faults injected: none']);
    expect(await portIsFree(port)).toBe(true);
  });
});
