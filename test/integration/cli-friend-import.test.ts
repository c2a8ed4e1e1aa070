// `timfetch friend-import --from FILE [--checkpoint FILE]`: the migration command, against the
// emulator (in this process), the built bin (dist/cli.js) in a child process.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorRequestEntry, type RunningEmulator } from '../../src/emulator/index.js';
import { startTimfetch, timfetch, useTestServer } from '../support/cli-process.js';
import { testApp } from '../support/test-app.js';

/** A relation as a line of the file gives it. */
interface Line {
  readonly From_Account: string;
  readonly To_Account: string;
  readonly AddSource?: string;
  readonly Remark?: string;
  readonly RemarkTime?: number;
  readonly GroupName?: string[];
  readonly AddWording?: string;
  readonly AddTime?: number;
  readonly CustomItem?: { Tag: string; Value: string | number }[];
}

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** An emulator whose accounts are `accounts`, its friend_import requests logged. */
async function emulator(accounts: Iterable<string>): Promise<{ emu: RunningEmulator; env: Record<string, string>; imports: EmulatorRequestEntry[] }> {
  const imports: EmulatorRequestEntry[] = [];
  emu = await startEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, onRequest: (entry) => entry.path === 'v4/sns/friend_import' && imports.push(entry) });
  for (const account of accounts) emu.store.addAccount(account);
  return { emu, env: { TIM_SDKAPPID: String(testApp.sdkAppId), TIM_SECRET_KEY: testApp.secretKey, TIM_BASE_URL: emu.url }, imports };
}

const directory = () => mkdtempSync(join(tmpdir(), 'timfetch-import-'));

/** Writes `lines` as NDJSON (strings as they are) and returns the file's path. */
function relationsFile(lines: readonly (Line | string)[], dir = directory()): string {
  const file = join(dir, 'relations.ndjson');
  writeFileSync(file, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  return file;
}

/** The friend entry the emulator should keep for a line: its fields as tags, AddSource_Type_Import by default. */
function expectedTags(line: Line): Record<string, unknown> {
  return {
    Tag_SNS_IM_AddSource: line.AddSource ?? 'AddSource_Type_Import',
    ...(line.Remark === undefined ? {} : { Tag_SNS_IM_Remark: line.Remark }),
    ...(line.GroupName === undefined ? {} : { Tag_SNS_IM_Group: line.GroupName }),
    ...(line.AddWording === undefined ? {} : { Tag_SNS_IM_AddWording: line.AddWording }),
    ...(line.AddTime === undefined ? {} : { Tag_SNS_IM_AddTime: line.AddTime }),
    ...Object.fromEntries((line.CustomItem ?? []).map(({ Tag, Value }) => [Tag, Value])),
  };
}

/** Every relation in the store, as `owner>friend`, sorted. */
const storedPairs = (server: RunningEmulator, owners: Iterable<string>) => [...new Set(owners)].flatMap((owner) => server.store.friends(owner).map((friend) => `${owner}>${friend}`)).sort();
const pairsOf = (lines: readonly Line[]) => lines.map((line) => `${line.From_Account}>${line.To_Account}`).sort();

/** The summary of a `--json` run: its last line. */
const summaryOf = (stdout: string) => (JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { summary: Record<string, unknown> }).summary;

// Three owners: alice with 1,200 relations (two requests), bob and carol with a few, fields of every kind.
const friendsOf = (owner: string, count: number) => Array.from({ length: count }, (_, i) => `${owner}_f${i}`);
const richLines: Line[] = [
  ...friendsOf('alice', 1200).map((friend, i) => ({ From_Account: 'alice', To_Account: friend, ...(i % 2 === 0 ? { Remark: `r${i}` } : {}) })),
  { From_Account: 'bob', To_Account: 'alice', AddSource: 'AddSource_Type_Crm', Remark: 'Alice', RemarkTime: 1_600_000_000, GroupName: ['Work', 'Gym'], AddWording: 'hi', AddTime: 1_700_000_000 },
  { From_Account: 'bob', To_Account: 'carol', CustomItem: [{ Tag: 'Tag_SNS_Custom_Level', Value: 3 }, { Tag: 'Tag_SNS_Custom_City', Value: 'Shenzhen' }] },
  { From_Account: 'carol', To_Account: 'bob', AddTime: 1_650_000_000 },
];
const accountsOf = (lines: readonly Line[]) => new Set(lines.flatMap((line) => [line.From_Account, line.To_Account]));

describe('timfetch friend-import', () => {
  it('imports every relation one way with its fields, a request per owner of up to 1,000, and says so', async () => {
    const { emu: server, env, imports } = await emulator(accountsOf(richLines));
    const file = relationsFile(richLines);
    const run = await timfetch(['friend-import', '--from', file], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(storedPairs(server, accountsOf(richLines))).toEqual(pairsOf(richLines));
    for (const line of richLines) {
      const { Tag_SNS_IM_AddTime: addTime, ...tags } = server.store.friendTags(line.From_Account, line.To_Account) ?? {};
      const { Tag_SNS_IM_AddTime: expectedTime, ...expected } = expectedTags(line);
      expect(tags, `${line.From_Account}>${line.To_Account}`).toEqual(expected);
      if (expectedTime !== undefined) expect(addTime).toBe(expectedTime);
    }
    expect(server.store.remarkTime('bob', 'alice')).toBe(1_600_000_000);
    expect(server.store.hasFriend('alice', 'bob')).toBe(false); // one way: bob → alice was imported, not alice → bob
    // Owners run side by side: requests arrive in any order.
    expect(imports.map((entry) => `${entry.from} ${entry.accounts.length}`).sort()).toEqual(['alice 1000', 'alice 200', 'bob 2', 'carol 1']);
    expect(run.stdout).toBe(`${file}: 1,203 relations, 4 requests in ${/in (\d+\.\d) s/.exec(run.stdout)?.[1] ?? ''} s\n  imported            1,203\n`);
  });

  it('groups interleaved owners: up to 16 at a time into full requests, more into smaller ones, always correct', async () => {
    const owners = Array.from({ length: 20 }, (_, i) => `o${i}`);
    // Round robin: 3 relations per owner, owners taking turns line by line.
    const lines: Line[] = [0, 1, 2].flatMap((round) => owners.map((owner) => ({ From_Account: owner, To_Account: `${owner}_f${round}` })));
    const { emu: server, env, imports } = await emulator(accountsOf(lines));
    const few = lines.filter((line) => owners.indexOf(line.From_Account) < 16);
    const run = await timfetch(['friend-import', '--from', relationsFile(few)], env);
    expect(run.code).toBe(0);
    expect(imports.map((entry) => entry.accounts.length)).toEqual(Array.from({ length: 16 }, () => 3));
    imports.length = 0;
    const all = await timfetch(['friend-import', '--from', relationsFile(lines.filter((line) => !few.includes(line))), '--json'], env);
    expect(all.code).toBe(0);
    expect(storedPairs(server, owners)).toEqual(pairsOf(lines));
    expect(summaryOf(all.stdout)).toMatchObject({ relations: 12, imported: 12, failed: 0 });
  });

  it('reports a relation already in the list (before the run) as failed with 30001, by file and line, and exits 1', async () => {
    const lines: Line[] = [
      { From_Account: 'alice', To_Account: 'bob' },
      { From_Account: 'alice', To_Account: 'carol' },
      { From_Account: 'alice', To_Account: 'bob' }, // a repeat in the file: its own request, answered 30001
    ];
    const { emu: server, env } = await emulator(['alice', 'bob', 'carol']);
    server.store.addFriend('alice', 'carol', { Tag_SNS_IM_Remark: 'kept' });
    const file = relationsFile(lines);
    const run = await timfetch(['friend-import', '--from', file], env);
    expect(run.code).toBe(1);
    const [carol, repeat, headline, ...rows] = run.stdout.trim().split('\n');
    expect(carol).toBe(`${file}:2: alice → carol: failed, 30001 already in the list, or a bad parameter: Err_SNS_FriendImport_Friend_Exist`);
    expect(repeat).toMatch(new RegExp(`^${file}:3: alice → bob: failed, 30001 `));
    expect(headline).toMatch(new RegExp(`^${file}: 3 relations, 2 requests in \\d+\\.\\d s$`));
    expect(rows).toEqual(['  imported            1', '  failed              2  (30001 already in the list, or a bad parameter: 2)']);
    expect(server.store.friendTags('alice', 'carol')?.Tag_SNS_IM_Remark).toBe('kept'); // never overwritten
    const json = await timfetch(['friend-import', '--from', file, '--json'], env);
    const documents = json.stdout.trim().split('\n').map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(documents.slice(0, 3)).toEqual([1, 2, 3].map((line) => ({ failed: expect.objectContaining({ line, From_Account: 'alice', ResultCode: 30001 }) as unknown })));
    expect(summaryOf(json.stdout)).toEqual({
      file,
      relations: 3,
      imported: 0,
      alreadyDone: 0,
      resent: 0,
      foundDone: 0,
      failed: 3,
      failedByCode: { 30001: 3 },
      failedBefore: 0,
      unsettled: 0,
      unsettledByCode: {},
      notSent: 0,
      requests: 2,
      seconds: expect.any(Number) as unknown,
    });
  });

  it.each([
    ['{"From_Account":"alice","To_Account":"bob"', ':2: not JSON: '],
    ['["alice","bob"]', ':2: must be a JSON object { "From_Account", "To_Account", … }'],
    ['{"From_Account":"alice","To_Account":"bob","Remrak":"x"}', ':2: unknown field "Remrak" (a relation has From_Account, To_Account, AddSource, Remark, RemarkTime, GroupName, AddWording, AddTime, CustomItem)'],
    ['{"To_Account":"bob"}', ':2: From_Account: is required'],
    ['{"From_Account":"alice"}', ':2: To_Account: is required'],
    ['{"From_Account":"alice","To_Account":"alice"}', ':2: To_Account is From_Account (an account cannot be its own friend)'],
    ['{"From_Account":"alice","To_Account":"bob","AddSource":"Crm"}', ':2: AddSource: must be AddSource_Type_ and a keyword of 1 to 8 letters'],
    ['{"From_Account":"alice","To_Account":"bob","GroupName":"Work"}', ':2: GroupName: must be an array of group names'],
    ['{"From_Account":"alice","To_Account":"bob","AddTime":-1}', ':2: AddTime: must not be negative'],
    ['{"From_Account":"alice","To_Account":"bob","CustomItem":[{"Tag":"Tag_SNS_IM_Remark","Value":"x"}]}', ':2: CustomItem[0].Tag: must be Tag_SNS_Custom_ and a name of 1 to 8 letters'],
  ])('refuses a bad line before sending anything, naming file and line: %s', async (bad, message) => {
    const { env, imports } = await emulator(['alice', 'bob', 'carol']);
    // The bad line is the second of 2,001: the good ones before and after it are not sent either.
    const file = relationsFile([{ From_Account: 'alice', To_Account: 'carol' }, bad, ...friendsOf('carol', 1999).map((friend) => ({ From_Account: 'carol', To_Account: friend }))]);
    const run = await timfetch(['friend-import', '--from', file], env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`timfetch: ${file}${message}`);
    expect(run.stderr).toMatch(/ \(see timfetch friend-import --help\)\n$/);
    const json = await timfetch(['friend-import', '--from', file, '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { class: 'UsageError', code: null, message: expect.stringContaining(`${file}${message}`) as unknown } });
    expect(imports).toEqual([]);
  });

  it('refuses a file that is not UTF-8 text, or holds no relation', async () => {
    const dir = directory();
    const { env } = await emulator([]);
    const latin1 = join(dir, 'latin1.ndjson');
    writeFileSync(latin1, Buffer.concat([Buffer.from('{"From_Account":"alice","To_Account":"b'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    expect((await timfetch(['friend-import', '--from', latin1], env)).stderr).toContain(`${latin1}:1: not valid UTF-8`);
    const blank = join(dir, 'blank.ndjson');
    writeFileSync(blank, '\n  \n');
    expect(await timfetch(['friend-import', '--from', blank], env)).toMatchObject({ code: 2, stderr: `timfetch: ${blank} holds no relation (see timfetch friend-import --help)\n` });
    expect((await timfetch(['friend-import'], env)).stderr).toBe('timfetch: missing --from (the relations file) (see timfetch friend-import --help)\n');
  });

  it('keeps a checkpoint: a second run with it sends nothing and says everything was done before', async () => {
    const dir = directory();
    const { env, imports } = await emulator(accountsOf(richLines));
    const file = relationsFile(richLines, dir);
    const checkpoint = join(dir, 'import.checkpoint');
    // The start of a header, torn by a kill as the checkpoint was made: nothing was sent, the run starts afresh.
    writeFileSync(checkpoint, '{"checkpoint":"timfetch friend-import","ver');
    expect((await timfetch(['friend-import', '--from', file, '--checkpoint', checkpoint], env)).code).toBe(0);
    const records = readFileSync(checkpoint, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records[0]).toMatchObject({ checkpoint: 'timfetch friend-import', version: 1, sdkAppId: testApp.sdkAppId, service: env.TIM_BASE_URL, grouping: { max: 1000, owners: 16 } });
    expect(records.filter((record) => 'sent' in record).map(({ sent, from, size }) => [sent, from, size])).toEqual([[0, 'alice', 1000], [1, 'alice', 200], [2, 'bob', 2], [3, 'carol', 1]]);
    expect(records.filter((record) => 'done' in record).map((record) => record.done).sort()).toEqual([0, 1, 2, 3]);
    imports.length = 0;
    const again = await timfetch(['friend-import', '--from', file, '--checkpoint', checkpoint, '--json'], env);
    expect(again.code).toBe(0);
    expect(imports).toEqual([]);
    expect(summaryOf(again.stdout)).toMatchObject({ relations: 1203, imported: 0, alreadyDone: 1203, resent: 0, requests: 0 });
  });

  it('refuses a checkpoint made for another file, app or service, or that is no checkpoint, before sending anything', async () => {
    const dir = directory();
    const { env, imports } = await emulator(accountsOf(richLines));
    const file = relationsFile(richLines, dir);
    const checkpoint = join(dir, 'import.checkpoint');
    expect((await timfetch(['friend-import', '--from', file, '--checkpoint', checkpoint], env)).code).toBe(0);
    imports.length = 0;
    const other = relationsFile(richLines.slice(1), directory());
    const refused = await timfetch(['friend-import', '--from', other, '--checkpoint', checkpoint], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^timfetch: ${checkpoint} belongs to another relations file \\(\\d+ bytes, SHA-256 [0-9a-f]{12}…; ${other} has \\d+ bytes, SHA-256 [0-9a-f]{12}…\\): give the file it was made for, or another --checkpoint`));
    // The same size, one character changed: told by the SHA-256.
    const edited = relationsFile([{ ...(richLines[0] as Line), Remark: 'r9' }, ...richLines.slice(1)], directory());
    expect(readFileSync(edited).length).toBe(readFileSync(file).length);
    expect((await timfetch(['friend-import', '--from', edited, '--checkpoint', checkpoint], env)).stderr).toContain(`${checkpoint} belongs to another relations file`);
    const otherApp = await timfetch(['friend-import', '--from', file, '--checkpoint', checkpoint, '--sdkappid', '1400000001'], env);
    expect(otherApp.stderr).toContain(`${checkpoint} was made for SDKAppID ${testApp.sdkAppId}, not 1400000001`);
    const otherService = await timfetch(['friend-import', '--from', file, '--checkpoint', checkpoint, '--base-url', 'http://127.0.0.1:9'], env);
    expect(otherService.stderr).toContain(`${checkpoint} was made for ${env.TIM_BASE_URL}, not http://127.0.0.1:9`);
    // Another file given by mistake is refused and left as it is, even one line without its end.
    const notOne = join(dir, 'notes.txt');
    for (const notes of ['my notes\n', 'my notes']) {
      writeFileSync(notOne, notes);
      expect((await timfetch(['friend-import', '--from', file, '--checkpoint', notOne], env)).stderr).toContain(`${notOne}:1: not a timfetch friend-import checkpoint`);
      expect(readFileSync(notOne, 'utf8')).toBe(notes);
    }
    expect((await timfetch(['friend-import', '--from', file, '--checkpoint', file], env)).stderr).toContain('--checkpoint must not be the relations file');
    expect(imports).toEqual([]);
  });

  it('resumes from a checkpoint: skips settled batches, resends only what was in flight, counts a 30001 there as done before and elsewhere as failed', async () => {
    const dir = directory();
    const friends = ['b1', 'b2', 'b3'];
    const lines: Line[] = ['alice', 'bob', 'carol'].flatMap((owner) => friends.map((friend) => ({ From_Account: owner, To_Account: friend })));
    const { emu: server, env, imports } = await emulator(accountsOf(lines));
    const file = relationsFile(lines, dir);
    const bytes = readFileSync(file);
    const checkpoint = join(dir, 'import.checkpoint');
    const header = {
      checkpoint: 'timfetch friend-import',
      version: 1,
      file: { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
      sdkAppId: testApp.sdkAppId,
      service: env.TIM_BASE_URL,
      grouping: { max: 1000, owners: 16 },
    };
    // What a kill leaves: alice's batch done, bob's sent without its answer recorded, carol's never
    // sent, and a record torn by the kill.
    const records = [header, { sent: 0, from: 'alice', first: 1, size: 3 }, { sent: 1, from: 'bob', first: 4, size: 3 }, { done: 0 }];
    writeFileSync(checkpoint, `${records.map((record) => JSON.stringify(record)).join('\n')}\n{"done":1,"fai`);
    // The store as that run left it: bob's b1 and b2 applied before the kill; carol > b1 there before the migration.
    for (const friend of friends) server.store.addFriend('alice', friend, { Tag_SNS_IM_AddSource: 'AddSource_Type_Import' });
    for (const friend of ['b1', 'b2']) server.store.addFriend('bob', friend, { Tag_SNS_IM_AddSource: 'AddSource_Type_Import' });
    server.store.addFriend('carol', 'b1');

    const run = await timfetch(['friend-import', '--from', file, '--checkpoint', checkpoint, '--json'], env);
    expect(run.code).toBe(1);
    expect(imports.map((entry) => [entry.from, entry.accounts])).toEqual([['bob', friends], ['carol', friends]]);
    const [failure] = run.stdout.trim().split('\n');
    expect(JSON.parse(failure ?? '')).toEqual({ failed: { line: 7, From_Account: 'carol', To_Account: 'b1', ResultCode: 30001, ResultInfo: 'Err_SNS_FriendImport_Friend_Exist' } });
    expect(summaryOf(run.stdout)).toMatchObject({ relations: 9, imported: 3, alreadyDone: 5, resent: 3, foundDone: 2, failed: 1, failedByCode: { 30001: 1 }, unsettled: 0, notSent: 0 });
    expect(storedPairs(server, ['alice', 'bob', 'carol'])).toEqual(pairsOf(lines));
    // The torn record was cut off before the new ones; the text summary of a rerun counts the earlier failure.
    const after = readFileSync(checkpoint, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(after.slice(4).filter((record) => 'done' in record)).toEqual([{ done: 1 }, { done: 2, failed: [[0, 30001]] }]);
    const again = await timfetch(['friend-import', '--from', file, '--checkpoint', checkpoint], env);
    expect(again.code).toBe(1);
    expect(again.stdout.split('\n').slice(1, -1)).toEqual([
      '  imported            0',
      '  already done before 8',
      '  failed              1  (30001 already in the list, or a bad parameter: 1; 1 of them in an earlier run)',
    ]);
  });

  it('leaves relations that failed transiently unsettled (exit 1); the next run sends only them', async () => {
    const lines = friendsOf('alice', 300).map((friend) => ({ From_Account: 'alice', To_Account: friend }));
    const imports: EmulatorRequestEntry[] = [];
    emu = await startEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, seed: 3, faults: { itemError: 0.3 }, onRequest: (entry) => entry.path === 'v4/sns/friend_import' && imports.push(entry) });
    for (const account of accountsOf(lines)) emu.store.addAccount(account);
    const env = { TIM_SDKAPPID: String(testApp.sdkAppId), TIM_SECRET_KEY: testApp.secretKey, TIM_BASE_URL: emu.url };
    const dir = directory();
    const file = relationsFile(lines, dir);
    const args = ['friend-import', '--from', file, '--checkpoint', join(dir, 'import.checkpoint'), '--retries', '0', '--json'];
    let imported = 0;
    for (let run = 1; ; run++) {
      const before = imports.length;
      const result = await timfetch(args, env);
      expect(result.stdout.trim().split('\n')).toHaveLength(1); // the summary alone: open relations are counted, not listed
      const summary = summaryOf(result.stdout) as { imported: number; unsettled: number; unsettledByCode: Record<string, number> };
      // This run sent exactly what the last one left open, and said how many it leaves.
      expect(imports.slice(before).flatMap((entry) => entry.accounts)).toHaveLength(lines.length - imported);
      expect(summary).toMatchObject({ alreadyDone: imported, failed: 0, imported: imports.slice(before).flatMap((entry) => entry.applied).length });
      expect(Object.keys(summary.unsettledByCode).every((code) => code === '30006' || code === '30007')).toBe(true);
      imported += summary.imported;
      expect(summary.unsettled).toBe(lines.length - imported);
      expect(result.code).toBe(summary.unsettled === 0 ? 0 : 1);
      if (summary.unsettled === 0) break;
      expect(run).toBeLessThan(20);
    }
    expect(storedPairs(emu, ['alice'])).toEqual(pairsOf(lines));
  });

  it('stops on Ctrl-C with the summary so far (exit 130); the same command then finishes, counting what was done', async () => {
    const lines = Array.from({ length: 12 }, (_, owner) => friendsOf(`o${owner}`, 100).map((friend) => ({ From_Account: `o${owner}`, To_Account: friend }))).flat();
    const imports: EmulatorRequestEntry[] = [];
    let interrupt = () => {};
    emu = await startEmulator({
      sdkAppId: testApp.sdkAppId,
      secretKey: testApp.secretKey,
      faults: { latency: [200, 200] }, // requests still in flight when the third one arrives
      onRequest: (entry) => entry.path === 'v4/sns/friend_import' && imports.push(entry) === 3 && interrupt(),
    });
    for (const account of accountsOf(lines)) emu.store.addAccount(account);
    const env = { TIM_SDKAPPID: String(testApp.sdkAppId), TIM_SECRET_KEY: testApp.secretKey, TIM_BASE_URL: emu.url };
    const dir = directory();
    const args = ['friend-import', '--from', relationsFile(lines, dir), '--checkpoint', join(dir, 'import.checkpoint'), '--json'];
    const started = startTimfetch(args, env);
    interrupt = () => started.child.kill('SIGINT');
    const stopped = await started.done;
    expect(stopped.code).toBe(130);
    const [summary, error] = stopped.stdout.trim().split('\n').map((text) => JSON.parse(text) as Record<string, Record<string, unknown>>);
    expect(error).toEqual({ error: { class: 'Interrupted', code: null, message: 'interrupted (SIGINT)' } });
    const cut = summary?.summary as { imported: number; unsettled: number; notSent: number; unsettledByCode: Record<string, number> };
    expect(cut.unsettled).toBeGreaterThan(0); // cut in flight: open, and maybe applied
    expect(Object.keys(cut.unsettledByCode)).toEqual(['-6']);
    expect(cut.imported + cut.unsettled + cut.notSent).toBe(1200);
    const resumed = await timfetch(args, env);
    expect(resumed.code).toBe(0);
    const done = summaryOf(resumed.stdout);
    expect(done).toMatchObject({ alreadyDone: (done.foundDone as number) + cut.imported, resent: cut.unsettled, failed: 0 });
    expect((done.imported as number) + (done.alreadyDone as number)).toBe(1200);
    expect(storedPairs(emu, accountsOf(lines))).toEqual(pairsOf(lines));
  });

  it('shows the progress line (relations as accounts) on stderr, cleared at the end', async () => {
    const { env } = await emulator(accountsOf(richLines));
    const run = await timfetch(['friend-import', '--from', relationsFile(richLines)], { ...env, TIMFETCH_PROGRESS: '1' });
    expect(run.code).toBe(0);
    const frames = run.stderr.split('\r').filter((frame) => frame.trim() !== '');
    expect(frames[0]?.trimEnd()).toMatch(/^timfetch: 0\/1,203 accounts · 0 requests · 0 retries · 0 req\/s$/);
    for (const frame of frames) expect(frame.trimEnd()).toMatch(/^timfetch: [\d,]+\/1,203 accounts · \d+ requests? · \d+ retr(y|ies) · \d+ req\/s$/);
    expect(frames.at(-1)?.trimEnd()).toMatch(/^timfetch: 1,203\/1,203 accounts · 4 requests · 0 retries · \d req\/s$/);
    expect(run.stderr).toMatch(/\r +\r$/);
  });
});

describe('timfetch friend-import against a scripted server', () => {
  const setup = useTestServer();
  const written = (accounts: string[]) => ({
    body: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '', ResultItem: accounts.map((account) => ({ To_Account: account, ResultCode: 0, ResultInfo: '' })) },
  });

  it('leaves open (not failed) a relation whose resend after reconciling was refused as a whole (HTTP 503); the next run imports it', async () => {
    const lines = [
      { From_Account: 'alice', To_Account: 'bob' },
      { From_Account: 'alice', To_Account: 'carol' },
    ];
    const dir = directory();
    const args = ['friend-import', '--from', relationsFile(lines, dir), '--checkpoint', join(dir, 'import.checkpoint'), '--retries', '0', '--json'];
    // The import's answer is lost (502: it may have been applied); friend_check shows bob in the
    // list, carol not; carol's resend is refused (503: nothing applied), and a second read shows
    // her still not in the list.
    let imports = 0;
    setup.server.respond((request) => {
      const body = request.body as { To_Account?: string[]; AddFriendItem?: { To_Account: string }[] };
      if (request.path === '/v4/sns/friend_check') {
        const InfoItem = (body.To_Account ?? []).map((account) => ({ To_Account: account, Relation: account === 'bob' ? 'CheckResult_Type_AWithB' : 'CheckResult_Type_NoRelation', ResultCode: 0, ResultInfo: '' }));
        return { body: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '', InfoItem } };
      }
      return ++imports === 1 ? { status: 502, body: 'Bad Gateway' } : { status: 503, body: 'Service Unavailable' };
    });
    const first = await timfetch(args, setup.env);
    expect(setup.sent().map((request) => request.path)).toEqual(['/v4/sns/friend_import', '/v4/sns/friend_check', '/v4/sns/friend_import', '/v4/sns/friend_check']);
    expect(summaryOf(first.stdout)).toMatchObject({ imported: 1, failed: 0, unsettled: 1, unsettledByCode: { 503: 1 }, notSent: 0 });
    expect(first.code).toBe(1);

    setup.server.respond((request) => written(((request.body as { AddFriendItem: { To_Account: string }[] }).AddFriendItem).map((entry) => entry.To_Account)));
    const before = setup.sent().length;
    const second = await timfetch(args, setup.env);
    expect(setup.sent().slice(before).map((request) => (request.body as { AddFriendItem: { To_Account: string }[] }).AddFriendItem.map((entry) => entry.To_Account))).toEqual([['carol']]);
    expect(summaryOf(second.stdout)).toMatchObject({ imported: 1, alreadyDone: 1, failed: 0, unsettled: 0, notSent: 0 });
    expect(second.code).toBe(0);
  });
});
