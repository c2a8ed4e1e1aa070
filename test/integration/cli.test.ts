// The `timfetch` command as users run it: the built bin (dist/cli.js) in a child process.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { bin, timfetch, useServedEmulator } from '../support/cli-process.js';
import { testApp } from '../support/test-app.js';

/** A file in a fresh temporary folder holding `text`, named ids.txt. */
function idFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'timfetch-')), 'ids.txt');
  writeFileSync(file, text);
  return file;
}

/** A file in a fresh temporary folder holding `text`, named key. */
function keyFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'timfetch-')), 'key');
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

let emu: RunningEmulator;
let credentials: string[];
beforeAll(async () => {
  emu = await startEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey });
  emu.store.addAccount('alice', { Tag_Profile_IM_Nick: 'Alice' });
  emu.store.addAccount('carol', { Tag_Profile_IM_Nick: 'Carol' });
  emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'bobby', Tag_SNS_IM_Group: ['work', 'gym'] });
  emu.store.addFriend('bob', 'alice');
  emu.store.addFriend('alice', 'carol', { Tag_SNS_IM_Remark: 'C' });
  emu.store.addFriend('dave', 'alice');
  credentials = ['--base-url', emu.url, '--sdkappid', String(testApp.sdkAppId), '--secret-key-file', keyFile(`${testApp.secretKey}\n`)];
});
afterAll(() => emu.close());

describe('timfetch friend-check', () => {
  it('prints a table of relations in request order and a summary', async () => {
    const run = await timfetch(['friend-check', ...credentials, '--from', 'alice', '--to', 'bob,carol,dave,erin']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^To_Account\s+Relation\s+Result$/);
    expect(lines.slice(2, 6).map((line) => line.split(/\s+/).slice(0, 3))).toEqual([
      ['bob', 'BothWay', 'ok'],
      ['carol', 'AWithB', 'ok'],
      ['dave', 'BWithA', 'ok'],
      ['erin', 'NoRelation', 'ok'],
    ]);
    expect(lines.at(-1)).toBe('4 accounts, 0 failed');
  });

  it('reads --to @file, credentials from TIM_* variables, and prints JSON with --json', async () => {
    const file = idFile('bob\ncarol\n\ndave\nerin\n');
    const env = { TIM_SDKAPPID: String(testApp.sdkAppId), TIM_SECRET_KEY: testApp.secretKey, TIM_BASE_URL: emu.url };
    const run = await timfetch(['friend-check', '--from', 'alice', '--to', `@${file}`, '--type', 'single', '--json'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const answer = JSON.parse(run.stdout) as { InfoItem: { To_Account: string; Relation: string }[] };
    expect(answer.InfoItem.map((i) => [i.To_Account, i.Relation])).toEqual([
      ['bob', 'CheckResult_Type_AWithB'],
      ['carol', 'CheckResult_Type_AWithB'],
      ['dave', 'CheckResult_Type_NoRelation'],
      ['erin', 'CheckResult_Type_NoRelation'],
    ]);
  });
});

describe('timfetch --to with id files', () => {
  const relations = (run: { stdout: string }) => (JSON.parse(run.stdout) as { InfoItem: { To_Account: string }[] }).InfoItem.map((i) => i.To_Account);

  it('mixes ids and @files in one value, in order; files skip blank lines and # comments', async () => {
    const more = idFile('# the rest of the team\n\n  dave  \r\n#erin? not yet\nzed\n');
    const run = await timfetch(['friend-check', ...credentials, '--from', 'alice', '--to', `bob,@${more}, carol`, '--json']);
    expect(run.code).toBe(0);
    expect(relations(run)).toEqual(['bob', 'dave', 'zed', 'carol']);
  });

  it.each([
    ['bob\ncarol\n' + 'x'.repeat(33) + '\n', 3, 'account id over 32 bytes'],
    ['# ten CJK characters are 30 bytes, eleven are 33\n' + '好'.repeat(10) + '\n' + '好'.repeat(11) + '\n', 3, 'account id over 32 bytes'],
    ['bob\ndave,erin\n', 2, 'account id contains a comma or whitespace'],
    ['bob carol\n', 1, 'account id contains a comma or whitespace'],
  ])('names the file and line of a bad id: %j', async (text, line, problem) => {
    const file = idFile(text);
    const run = await timfetch(['friend-check', ...credentials, '--from', 'alice', '--to', `bob,@${file}`]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`timfetch: ${file}:${line}: ${problem} (see timfetch friend-check --help)`);
  });

  it('refuses a missing file, a bare @ and a bad id on the command line as bad usage', async () => {
    const long = await timfetch(['friend-check', ...credentials, '--from', 'alice', '--to', `bob,${'y'.repeat(33)}`]);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain(`--to: "${'y'.repeat(33)}": account id over 32 bytes`);
    const missing = await timfetch(['friend-check', ...credentials, '--from', 'alice', '--to', 'bob,@/nonexistent/ids.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read /nonexistent/ids.txt: ENOENT');
    const bare = await timfetch(['friend-check', ...credentials, '--from', 'alice', '--to', 'bob,@']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--to: @ needs a file name');
  });
});

describe('timfetch duplicates in --to', () => {
  it('tells collapsed duplicates in the table summary', async () => {
    const file = idFile('carol\nbob\n');
    const run = await timfetch(['friend-check', ...credentials, '--from', 'alice', '--to', `bob,carol,@${file},bob`]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(2, -1).map((line) => line.split(/\s+/)[0])).toEqual(['bob', 'carol']);
    expect(lines.at(-1)).toBe('2 accounts, 0 failed (5 ids, 3 duplicates)');
  });

  it('tells them on stderr only with --json, stdout staying the API answer', async () => {
    const run = await timfetch(['friend-check', ...credentials, '--from', 'alice', '--to', 'bob,carol,bob', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('timfetch: 3 ids, 1 duplicate: the answer lists each account once\n');
    expect((JSON.parse(run.stdout) as { InfoItem: unknown[] }).InfoItem).toHaveLength(2);
  });
});

describe('timfetch secrets', () => {
  const app = () => ['--base-url', emu.url, '--sdkappid', String(testApp.sdkAppId)];
  const call = ['friend-check', '--from', 'alice', '--to', 'bob', '--json'];

  it('reads --secret-key-file, trimmed, with no warning', async () => {
    const run = await timfetch([...call, ...app(), '--secret-key-file', keyFile(`\n  ${testApp.secretKey}  \r\n\n`)]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });

  it('still takes --secret-key, with a one-line warning on stderr that never shows the key', async () => {
    const run = await timfetch([...call, ...app(), '--secret-key', testApp.secretKey]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('timfetch: warning: --secret-key is visible to other users of this machine (ps); use TIM_SECRET_KEY or --secret-key-file\n');
    expect(run.stdout).not.toContain(testApp.secretKey);
  });

  it('warns about --usersig on the command line too', async () => {
    const run = await timfetch([...call, ...app(), '--usersig', 'not-a-usersig']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('timfetch: warning: --usersig is visible to other users of this machine (ps); use TIM_USERSIG\n');
  });

  it.each([
    [['--secret-key-file', '/nonexistent/key'], 'cannot read /nonexistent/key: ENOENT'],
    [['--secret-key-file', 'KEYFILE', '--secret-key', testApp.secretKey], 'give --secret-key or --secret-key-file, not both'],
    [['--secret-key-file', 'EMPTY'], 'holds no secret key'],
  ])('refuses a bad key source as bad usage, without the key: %j', async (flags, message) => {
    const files: Record<string, string> = { KEYFILE: keyFile(testApp.secretKey), EMPTY: keyFile(' \n') };
    const run = await timfetch([...call.slice(0, -1), ...app(), ...flags.map((flag) => files[flag] ?? flag)]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain(testApp.secretKey);
  });
});

describe('timfetch friend-get-list', () => {
  it('prints one column per tag and the failures', async () => {
    const run = await timfetch(['friend-get-list', ...credentials, '--from', 'alice', '--to', 'bob,carol,zed', '--tags', 'Tag_SNS_IM_Remark,Tag_SNS_IM_Group,Tag_Profile_IM_Nick']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]?.split(/\s{2,}/)).toEqual(['To_Account', 'Remark', 'Group', 'Nick', 'Result']);
    expect(lines[2]?.split(/\s{2,}/)).toEqual(['bob', 'bobby', 'work, gym', '', 'ok'].filter((cell) => cell !== ''));
    expect(lines[3]?.split(/\s{2,}/)).toEqual(['carol', 'C', 'Carol', 'ok']);
    expect(lines[4]).toMatch(/^zed\s+30001 Err_SNS_FriendGetList_Friend_Not_Exist$/);
    expect(lines.at(-1)).toBe('3 accounts, 1 failed');
  });
});

describe('timfetch errors', () => {
  it.each([
    [['friend-check', '--from', 'alice', '--to', 'bob'], 'missing --sdkappid (or TIM_SDKAPPID)'],
    [['friend-check', '--sdkappid', '1', '--from', 'alice', '--to', 'bob'], 'missing credentials'],
    [['friend-check', '--sdkappid', 'x', '--secret-key', 'k'], '--sdkappid must be a whole number'],
    [['friend-check', '--colour', 'red'], "Unknown option '--colour'"],
    [['frend-check'], 'unknown command "frend-check"'],
    [['friend-check', '--to', '-x'], "Option '--to' argument is ambiguous."],
    // A negative number is a value, never a flag: the flag's own check names it.
    [['demo', '--users', '-5'], '--users must be a whole number'],
    [['friend-check', '--sdkappid', '-1', '--secret-key', 'k'], '--sdkappid must be a whole number'],
  ])('exits 2 with one line for bad usage: %j', async (args, message) => {
    const run = await timfetch(args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });

  it('exits 2 for input the SDK refuses, naming the field', async () => {
    const run = await timfetch(['friend-check', ...credentials, '--from', 'x'.repeat(40), '--to', 'bob']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('From_Account: must be at most 32 bytes in UTF-8');
  });

  it('exits 1 for an API error, without leaking the key', async () => {
    const run = await timfetch(['friend-check', ...credentials, '--from', 'nobody', '--to', 'bob']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('timfetch: IM error 30003 (account does not exist): From_Account does not exist: nobody');
    const wrongKey = await timfetch(['friend-check', '--base-url', emu.url, '--sdkappid', String(testApp.sdkAppId), '--secret-key', 'not-the-key', '--from', 'alice', '--to', 'bob']);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('IM error 70009');
    expect(wrongKey.stderr).not.toContain('not-the-key');
  });

  it('prints help with --help (exit 0) and without a command (exit 2)', async () => {
    const help = await timfetch(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('timfetch friend-check --from A');
    expect((await timfetch([])).code).toBe(2);
  });
});

describe('timfetch --json errors', () => {
  const jsonError = (run: { stdout: string }) => JSON.parse(run.stdout) as { error: Record<string, unknown> };

  it('prints a failed call as {"error":{class,code,message}} on stdout, nothing on stderr, exit 1', async () => {
    const run = await timfetch(['friend-check', ...credentials, '--from', 'nobody', '--to', 'bob', '--json']);
    expect(run).toMatchObject({ code: 1, stderr: '' });
    expect(jsonError(run)).toEqual({
      error: { class: 'TimApiError', code: 30003, message: 'IM error 30003 (account does not exist): From_Account does not exist: nobody' },
    });
  });

  it.each([
    [['friend-check', '--json', '--from', 'alice', '--to', 'bob'], 'UsageError', null, 'missing --sdkappid (or TIM_SDKAPPID)'],
    [['friend-check', '--colour', 'red', '--json'], 'UsageError', null, "Unknown option '--colour'"],
    [['frend-check', '--json'], 'UsageError', null, 'unknown command "frend-check"'],
    [['friend-check', '--json', '--from', 'x'.repeat(40), '--to', 'bob'], 'TimValidationError', -4, 'From_Account: must be at most 32 bytes'],
  ])('prints bad usage as JSON too, exit 2: %j', async (args, errorClass, code, message) => {
    const run = await timfetch(args, code === null ? {} : { TIM_SDKAPPID: '1', TIM_SECRET_KEY: 'k', TIM_BASE_URL: 'http://127.0.0.1:9' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const { error } = jsonError(run);
    expect(Object.keys(error).sort()).toEqual(['class', 'code', 'message']);
    expect(error).toMatchObject({ class: errorClass, code });
    expect(error.message).toContain(message);
  });
});

describe('timfetch <command> --help and --version', () => {
  it.each([
    ['friend-check', '--help', 'Usage: timfetch friend-check'],
    ['friend-get-list', '-h', 'Usage: timfetch friend-get-list'],
    ['emulator', '--help', 'Usage: timfetch emulator'],
    ['demo', '-h', 'Usage: timfetch demo'],
  ])('%s %s prints the command\'s help and exits 0, whatever else is missing', async (command, flag, usage) => {
    const run = await timfetch([command, flag]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.startsWith(usage)).toBe(true);
  });

  it('still exits 2 for an unknown flag next to --help', async () => {
    const run = await timfetch(['demo', '--help', '--colour']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--colour'");
  });

  it('prints the package version with --version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await timfetch(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('timfetch emulator and demo', () => {
  const serve = useServedEmulator();

  it('serves an emulator until interrupted', async () => {
    const { url, output, stop } = await serve(['--users', '50', '--seed', '3']);
    expect(output.stdout).toContain('50 generated (seed 3), user_01 … user_50');
    expect(output.stdout).toContain(`try: TIM_SECRET_KEY=timfetch-emulator-development-key timfetch friend-check --base-url ${url} --sdkappid 1400000000`);
    const env = { TIM_SECRET_KEY: 'timfetch-emulator-development-key' };
    const run = await timfetch(['friend-check', '--base-url', url, '--sdkappid', '1400000000', '--from', 'user_01', '--to', 'user_02,user_03'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 accounts, 0 failed');
    expect(await stop()).toBe(0);
    expect(output.stdout).toContain('emulator stopped');
  });

  it('serves with a key from --secret-key-file, never printing it; --secret-key warns', async () => {
    const fromFile = await serve(['--users', '3', '--secret-key-file', keyFile(`${testApp.secretKey}\n`)]);
    const check = await timfetch(['friend-check', '--base-url', fromFile.url, '--sdkappid', '1400000000', '--from', 'user_1', '--to', 'user_2'], { TIM_SECRET_KEY: testApp.secretKey });
    expect(check.code).toBe(0);
    expect(await fromFile.stop()).toBe(0);
    expect(fromFile.output.stdout).toContain('secret key (the one you gave)');
    expect(fromFile.output.stdout).not.toContain(testApp.secretKey);
    expect(fromFile.output.stderr).toBe('');
    const onArgv = await serve(['--users', '3', '--secret-key', testApp.secretKey]);
    expect(await onArgv.stop()).toBe(0);
    expect(onArgv.output.stderr).toBe('timfetch: warning: --secret-key is visible to other users of this machine (ps); use TIM_SECRET_KEY or --secret-key-file\n');
  });

  it('runs the demo: large lists and the relationship chain through faults, every answer checked', async () => {
    const run = await timfetch(['demo', '--users', '1500', '--seed', '4']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/friend_check user_\d+ vs 1,499 accounts: 2 chunks, \d+ HTTP attempts/);
    expect(run.stdout).toContain('verified against the emulator\'s store: 1,499 of 1,499 relations match');
    expect(run.stdout).toContain('1,449 friends with matching nick and remark · 50 not friends');
    // The relationship chain, each answer checked against the store too.
    const lines = run.stdout.split('\n').map((text) => text.trim());
    const line = (start: string) => lines.find((text) => text.startsWith(start)) ?? `(no line starting with ${start})`;
    // The import: 2 owners × 1,499 relations (1,000 per request: 4 chunks, and a reconciling read after a lost
    // answer counts as one more), progress up to the total, each entry in the store.
    expect(line('friend_import')).toMatch(/^friend_import 2,998 relations for 2 owners: ([4-9]|\d\d) chunks, \d+ HTTP attempts \(\d+ retries\)/);
    expect(line('progress')).toMatch(/^progress [\d,]+( → [\d,]+)* → 2,998 · 2,998 imported( \([\d,]+ confirmed by reconciling a lost answer\))?, each entry checked in the store$/);
    // A check of what was imported, and the paged walk of the owner's list (100 friends per page).
    expect(line('friend_check demo_import_1')).toMatch(/^friend_check demo_import_1 vs its 1,499 imports: AWithB [\d,]+( · failed \d+)?, as in the store$/);
    expect(line('friend_get walk')).toBe("friend_get walk of demo_import_1: 15 pages, 1,499 friends, the store's list in order");
    // A block ends the friendships both ways; the block list walked 25 per page.
    const block = /^black_list_add (user_\d+) blocks (\d+) mutual friends: black_list_check AWithB (\d+) · friend_check NoRelation (\d+), as in the store$/.exec(line('black_list_add'));
    expect(block).not.toBeNull();
    const [, hub = '', blocked = ''] = block ?? [];
    expect(Number(blocked)).toBeGreaterThan(0);
    expect(block?.slice(3)).toEqual([blocked, blocked]);
    expect(line('black_list_get')).toBe(`black_list_get walk of ${hub}, 25 per page: ${Math.ceil(Number(blocked) / 25)} pages, ${blocked} blocked, the store's list in order`);
    // A friend group: friends join it (an item fault may fail one for good), the two accounts that are not
    // friends answer 32216; group_get reads it back.
    const group = /^group_add on-call for demo_import_1 with 42 accounts: (\d+) added · 2 not friends \(32216\)(?: · (\d+) failed \([\d, ]+\))?, as in the store$/.exec(line('group_add'));
    expect(group).not.toBeNull();
    const [, joined = '', failed = '0'] = group ?? [];
    expect(Number(joined) + Number(failed)).toBe(40);
    expect(line('group_get')).toMatch(new RegExp(`^group_get: (?=.*\\bteam 500\\b)(?=.*\\bcontacts 999\\b)(?=.*\\bon-call ${joined}\\b).*, as in the store$`));
    // The emulator's counts: every endpoint the demo called, with its requests.
    const perEndpoint = line('requests per endpoint:');
    for (const command of ['black_list_add', 'black_list_check', 'black_list_get', 'friend_check', 'friend_get', 'friend_get_list', 'friend_import', 'group_add', 'group_get']) {
      expect(perEndpoint).toMatch(new RegExp(`\\b${command} \\d`));
    }
    expect(Number(/friend_get (\d+)/.exec(perEndpoint)?.[1])).toBeGreaterThanOrEqual(15);
    expect(run.stdout).toContain('every answer checked and correct');
  }, 30_000);
});
