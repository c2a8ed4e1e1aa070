// The command pipes: --ndjson prints one JSON line per result as its part (or page) arrives,
// --to @file and @- stream the ids, and a reader that stops early stops the requests. The
// emulator runs in this process; the built bin (dist/cli.js) in a child process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { startTimfetch, timfetch } from '../support/cli-process.js';
import { testApp } from '../support/test-app.js';

let emu: RunningEmulator;
let env: Record<string, string>;
let requests = 0;
const directory = mkdtempSync(join(tmpdir(), 'timfetch-streaming-'));
const ids = (count: number, prefix = 's') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

beforeAll(async () => {
  emu = await startEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, onRequest: () => void requests++ });
  emu.store.addAccount('owner');
  for (const id of ids(30)) {
    emu.store.addAccount(id);
    emu.store.addFriend('owner', id);
  }
  env = { TIM_SDKAPPID: String(testApp.sdkAppId), TIM_SECRET_KEY: testApp.secretKey, TIM_BASE_URL: emu.url, TIMFETCH_PROGRESS: '0' };
});
afterAll(() => emu.close());

const lines = (stdout: string) => stdout.split('\n').filter((line) => line !== '');

describe('--ndjson', () => {
  it('prints one line per account of an id file, in its order, each result as the API gives it', async () => {
    const file = join(directory, 'ids.txt');
    writeFileSync(file, `${ids(2500).join('\n')}\n`);
    const run = await timfetch(['friend-check', '--from', 'owner', '--to', `@${file}`, '--ndjson'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const items = lines(run.stdout).map((line) => JSON.parse(line) as { To_Account: string; Relation: string; ResultCode: number });
    expect(items.map((item) => item.To_Account)).toEqual(ids(2500));
    expect(items.slice(0, 30).every((item) => item.Relation === 'CheckResult_Type_AWithB')).toBe(true);
  });

  it('reads the ids on standard input with --to @-, mixed with others', async () => {
    const started = startTimfetch(['friend-check', '--from', 'owner', '--to', 's1,@-', '--ndjson'], env);
    started.child.stdin.end(`${ids(3, 'x').join('\n')}\n`);
    const { code, stdout } = await started.done;
    expect(code).toBe(0);
    expect(lines(stdout).map((line) => (JSON.parse(line) as { To_Account: string }).To_Account)).toEqual(['s1', 'x0', 'x1', 'x2']);
  });

  it('stops requesting when its reader stops reading (| head -n 5), and exits 0', async () => {
    // An endless id stream: only the reader leaving can end this command.
    const started = startTimfetch(['friend-check', '--from', 'owner', '--to', '@-', '--ndjson', '--concurrency', '2'], env);
    let written = 0;
    const feed = () => {
      while (started.child.stdin.writable && started.child.stdin.write(`${ids(1000, `f${written++}_`).join('\n')}\n`)) if (written > 10_000) return;
    };
    started.child.stdin.on('drain', feed);
    started.child.stdin.on('error', () => undefined); // the command is gone: EPIPE
    feed();
    await new Promise<void>((resolve) => {
      const check = () => (lines(started.output.stdout).length >= 5 ? resolve() : setTimeout(check, 5));
      check();
    });
    started.child.stdout.destroy(); // head has its five lines
    const before = requests;
    const { code } = await started.done;
    expect(code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Those in flight when it noticed, at most: two, with a retry each.
    expect(requests - before).toBeLessThanOrEqual(4);
  });

  it('exports a walk item by item: friend-get --ndjson', async () => {
    const run = await timfetch(['friend-get', '--from', 'owner', '--ndjson'], env);
    expect(run.code).toBe(0);
    expect(lines(run.stdout).map((line) => (JSON.parse(line) as { To_Account: string }).To_Account).sort()).toEqual(ids(30).sort());
  });

  it('refuses --json with --ndjson, and --ndjson where there is nothing to stream', async () => {
    const both = await timfetch(['friend-check', '--from', 'owner', '--to', 's1', '--ndjson', '--json'], env);
    expect(both.code).toBe(2);
    expect(both.stdout).toContain('--json and --ndjson');
    const single = await timfetch(['friend-delete-all', '--from', 'owner', '--ndjson'], env);
    expect(single.code).toBe(2);
    expect(single.stderr).toContain('--ndjson');
  });
});
