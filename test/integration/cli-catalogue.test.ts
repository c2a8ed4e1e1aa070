// Commands made from the catalogue: every endpoint has a subcommand and a help entry, its flags
// derived from its request schema (JSON text for objects and lists of objects); friend-add,
// friend-update, friend-delete and friend-get seen from a scripted server. The built bin
// (dist/cli.js) in a child process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { endpointCommand } from '../../src/cli/endpoint-command.js';
import { catalogue } from '../../src/endpoints/catalogue.js';
import { defineEndpoint } from '../../src/endpoints/define-endpoint.js';
import { arrayItem, objectEntries } from '../../src/endpoints/schema-shape.js';
import { startTimfetch, timfetch, useTestServer } from '../support/cli-process.js';
import type { Handler, RecordedRequest } from '../support/im-test-server.js';

const setup = useTestServer();
const sent = setup.sent;
const bodies = () => sent().map((request) => request.body as Record<string, unknown>);

const ok = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

/** Answers a write with one ResultItem per account, `codes` choosing failures by account. */
const answerWrites =
  (codes: Record<string, [number, string]> = {}): Handler =>
  (request) => {
    const body = request.body as { To_Account?: string[]; AddFriendItem?: { To_Account: string }[]; UpdateItem?: { To_Account: string }[] };
    const accounts = body.To_Account ?? (body.AddFriendItem ?? body.UpdateItem ?? []).map((entry) => entry.To_Account);
    const ResultItem = accounts.map((account) => {
      const [code, info] = codes[account] ?? [0, ''];
      return { To_Account: account, ResultCode: code, ResultInfo: info };
    });
    const failed = ResultItem.filter((item) => item.ResultCode !== 0).map((item) => item.To_Account);
    return { body: { ...ok, ResultItem, ...(failed.length > 0 ? { Fail_Account: failed } : {}) } };
  };

/** The independent spelling of a command's name: `friendGetList` → `friend-get-list`. */
const commandOf = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Table lines without the header and its rule: each row's cells (split on two spaces or more). */
const rows = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .slice(2, -1)
    .map((line) => line.split(/\s{2,}/));

describe('timfetch commands from the catalogue', () => {
  // friend-import is the migration command of its own (cli-friend-import.test.ts), not made from the declaration.
  const endpoints = Object.values(catalogue).filter((endpoint) => endpoint.name !== 'friendImport');

  it('gives every catalogue endpoint a summary for its help line', () => {
    for (const endpoint of endpoints) expect(endpoint.summary, endpoint.name).toMatch(/^[^\n]+$/);
  });

  it('lists every catalogue endpoint in timfetch --help, with its usage line, summary and path', async () => {
    const run = await timfetch(['--help']);
    expect(run.code).toBe(0);
    for (const endpoint of endpoints) {
      expect(run.stdout).toContain(`  timfetch ${commandOf(endpoint.name)} `);
      expect(run.stdout).toContain(`      ${endpoint.summary} (${endpoint.path})\n`);
    }
  });

  it.each(endpoints.map((endpoint) => [commandOf(endpoint.name), endpoint] as const))('%s --help names every request field, but those the walk owns', async (command, endpoint) => {
    const run = await timfetch([command, '--help']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.startsWith(`Usage: timfetch ${command} `)).toBe(true);
    expect(run.stdout).toContain(`\n${endpoint.summary} (${endpoint.path}).\n`);
    const request = objectEntries(endpoint.request) ?? {};
    const owned = endpoint.paged === undefined ? [] : [endpoint.paged.cursor, ...Object.keys(endpoint.paged.set ?? {})];
    const fields = Object.keys(request).filter((field) => !owned.includes(field));
    const entries = endpoint.batch?.account === undefined ? [] : Object.keys(objectEntries(arrayItem(request[endpoint.batch.list])) ?? {}).filter((field) => field !== endpoint.batch?.account);
    const flagLines = run.stdout.split('\n\n')[1] ?? '';
    // Every field has a flag: objects and lists of objects take JSON text.
    for (const field of [...fields, ...entries]) expect(flagLines, field).toMatch(new RegExp(`^ {2}--\\S+ \\S+ +\\S*\\b${field}\\b`, 'm'));
    expect(run.stdout).not.toContain('No flag can give');
    for (const field of owned) expect(run.stdout).not.toContain(field);
    expect(run.stdout.includes('--to B,C,@ids.txt')).toBe(endpoint.batch !== undefined);
  });
});

describe('timfetch friend-add', () => {
  it('sends one AddFriendItem entry per account of --to, with the entry flags and AddType', async () => {
    setup.server.respond(answerWrites({ carol: [30539, 'Err_SNS_FriendAdd_Friend_Need_Confirm'] }));
    const run = await timfetch(['friend-add', '--from', 'alice', '--to', 'bob,carol', '--add-source', 'AddSource_Type_Admin', '--add-type', 'single'], setup.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(sent().map((request) => request.path)).toEqual(['/v4/sns/friend_add']);
    expect(bodies()).toEqual([
      {
        From_Account: 'alice',
        AddFriendItem: [
          { To_Account: 'bob', AddSource: 'AddSource_Type_Admin' },
          { To_Account: 'carol', AddSource: 'AddSource_Type_Admin' },
        ],
        AddType: 'Add_Type_Single',
      },
    ]);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^To_Account\s+Result$/);
    expect(rows(run.stdout)).toEqual([['bob', 'ok'], ['carol', '30539 Err_SNS_FriendAdd_Friend_Need_Confirm']]);
    expect(lines.at(-1)).toBe('2 accounts, 1 failed');
  });

  it('gives every entry the optional entry fields, and ForceAddFlags as a number; ids from an @file', async () => {
    setup.server.respond(answerWrites());
    const file = join(mkdtempSync(join(tmpdir(), 'timfetch-')), 'ids.txt');
    writeFileSync(file, '# new team\ndave\nerin\n');
    const flags = ['--add-source', 'AddSource_Type_Team', '--remark', 'new', '--group-name', 'Work', '--add-wording', 'hi there', '--force-add-flags', '1', '--json'];
    const run = await timfetch(['friend-add', '--from', 'alice', '--to', `bob,@${file}`, ...flags], setup.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const entry = { AddSource: 'AddSource_Type_Team', Remark: 'new', GroupName: 'Work', AddWording: 'hi there' };
    expect(bodies()).toEqual([
      { From_Account: 'alice', AddFriendItem: ['bob', 'dave', 'erin'].map((account) => ({ To_Account: account, ...entry })), ForceAddFlags: 1 },
    ]);
    expect((JSON.parse(run.stdout) as { ResultItem: { To_Account: string }[] }).ResultItem.map((item) => item.To_Account)).toEqual(['bob', 'dave', 'erin']);
  });

  it('refuses a missing --add-source (required in each entry) as bad usage, sending nothing', async () => {
    const run = await timfetch(['friend-add', '--from', 'alice', '--to', 'bob'], setup.env);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'timfetch: missing --add-source (see timfetch friend-add --help)\n' });
    expect(sent()).toEqual([]);
  });

  it('shows --verbose events of friendAdd', async () => {
    setup.server.respond(answerWrites());
    const run = await timfetch(['friend-add', '--from', 'alice', '--to', 'bob', '--add-source', 'AddSource_Type_Admin', '--verbose'], setup.env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^timfetch call\.start callId=c1 endpoint=friendAdd /);
    expect(run.stderr).toContain('timfetch attempt.end callId=c1 endpoint=friendAdd');
  });
});

describe('timfetch friend-delete', () => {
  it('sends To_Account and DeleteType, and prints each ResultItem', async () => {
    setup.server.respond(answerWrites({ carol: [31704, 'Err_SNS_FriendDelete_Not_Friend'] }));
    const run = await timfetch(['friend-delete', '--from', 'alice', '--to', 'bob,carol,bob', '--delete-type', 'both'], setup.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(sent().map((request) => request.path)).toEqual(['/v4/sns/friend_delete']);
    expect(bodies()).toEqual([{ From_Account: 'alice', To_Account: ['bob', 'carol'], DeleteType: 'Delete_Type_Both' }]);
    expect(rows(run.stdout)).toEqual([['bob', 'ok'], ['carol', '31704 Err_SNS_FriendDelete_Not_Friend']]);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2 accounts, 1 failed (3 ids, 1 duplicate)');
  });

  it('leaves DeleteType out when --delete-type is not given (the service deletes one way)', async () => {
    setup.server.respond(answerWrites());
    const run = await timfetch(['friend-delete', '--from', 'alice', '--to', 'bob', '--json'], setup.env);
    expect(run.code).toBe(0);
    expect(bodies()).toEqual([{ From_Account: 'alice', To_Account: ['bob'] }]);
  });
});

describe('timfetch flags that take JSON text', () => {
  const snsItem = [{ Tag: 'Tag_SNS_IM_Remark', Value: 'Bob' }, { Tag: 'Tag_SNS_IM_Group', Value: ['Work'] }];

  it('friend-update --sns-item sends the parsed JSON as every entry\'s SnsItem', async () => {
    setup.server.respond(answerWrites());
    const run = await timfetch(['friend-update', '--from', 'alice', '--to', 'bob,carol', '--sns-item', JSON.stringify(snsItem)], setup.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(bodies()).toEqual([{ From_Account: 'alice', UpdateItem: ['bob', 'carol'].map((account) => ({ To_Account: account, SnsItem: snsItem })) }]);
    expect(rows(run.stdout)).toEqual([['bob', 'ok'], ['carol', 'ok']]);
  });

  it('shows the JSON flag in help, with the fields of its objects', async () => {
    const run = await timfetch(['friend-update', '--help']);
    expect(run.stdout).toContain('timfetch friend-update --from A --to B,C,@ids.txt,@- --sns-item JSON [--json | --ndjson] [--verbose]');
    expect(run.stdout).toMatch(/^ {2}--sns-item JSON +UpdateItem\[\]\.SnsItem, the same for every account: JSON text, a list of \{ Tag, Value \} \(required\)$/m);
  });

  it('refuses text that is not JSON as bad usage naming the flag, sending nothing', async () => {
    const run = await timfetch(['friend-update', '--from', 'alice', '--to', 'bob', '--sns-item', '[{Tag:'], setup.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^timfetch: --sns-item must be JSON text: .+ \(see timfetch friend-update --help\)\n$/);
    expect(sent()).toEqual([]);
  });

  it('refuses JSON of the wrong shape with the SDK\'s validation error, naming the field, sending nothing', async () => {
    const run = await timfetch(['friend-update', '--from', 'alice', '--to', 'bob', '--sns-item', '[{"Tag":"Tag_SNS_IM_Remark"}]', '--json'], setup.env);
    expect(run.code).toBe(2);
    const { error } = JSON.parse(run.stdout) as { error: { class: string; message: string } };
    expect(error.class).toBe('TimValidationError');
    expect(error.message).toContain('UpdateItem[0].SnsItem[0]');
    expect(sent()).toEqual([]);
  });
});

describe('timfetch friend-get', () => {
  // Three pages: StartIndex 0, 2, 4; the last says CompleteFlag 1.
  const friends = [
    { To_Account: 'bob', ValueItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'bobby' }, { Tag: 'Tag_SNS_IM_Group', Value: ['work', 'gym'] }] },
    { To_Account: 'carol', ValueItem: [{ Tag: 'Tag_SNS_IM_AddTime', Value: 1700000000 }] },
    { To_Account: 'dave' },
    { To_Account: 'erin', ValueItem: [] },
    { To_Account: 'frank', ValueItem: [{ Tag: 'Tag_SNS_Custom_Level', Value: '3' }] },
  ];
  const page = (request: RecordedRequest) => {
    const start = (request.body as { StartIndex: number }).StartIndex;
    const last = start + 2 >= friends.length;
    return {
      body: { ...ok, UserDataItem: friends.slice(start, start + 2), FriendNum: friends.length, CompleteFlag: last ? 1 : 0, NextStartIndex: last ? 0 : start + 2, StandardSequence: 7, CustomSequence: 3 },
    };
  };

  it('prints every friend across the pages, in order; sends StartIndex 0, then each NextStartIndex, and nothing after the last page', async () => {
    setup.server.respond(page);
    const run = await timfetch(['friend-get', '--from', 'alice'], setup.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(sent().map((request) => request.path)).toEqual(['/v4/sns/friend_get', '/v4/sns/friend_get', '/v4/sns/friend_get']);
    expect(bodies()).toEqual([0, 2, 4].map((start) => ({ From_Account: 'alice', StartIndex: start, StandardSequence: 0, CustomSequence: 0 })));
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^To_Account\s+ValueItem$/);
    expect(rows(run.stdout)).toEqual([['bob', 'Remark=bobby · Group=work, gym'], ['carol', 'AddTime=1700000000'], ['dave'], ['erin'], ['frank', 'Custom_Level=3']]);
    expect(lines.at(-1)).toBe('5 accounts');
  });

  it('prints the first page before it asks for the last', async () => {
    let release!: (why: string) => void;
    const released = new Promise<string>((resolve) => (release = resolve));
    setup.server.respond(async (request, index) => {
      // The last page waits until the first rows are out (or 10 s, which fails the test).
      if (index === setup.first + 2) await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      return page(request);
    });
    const { child, done } = startTimfetch(['friend-get', '--from', 'alice'], setup.env);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('carol')) release('the first page was printed');
    });
    expect(await Promise.race([released, done.then(() => 'the command ended first')])).toBe('the first page was printed');
    expect(stdout).not.toContain('frank');
    const run = await done;
    expect(run.code).toBe(0);
    expect(rows(run.stdout).map((row) => row[0])).toEqual(['bob', 'carol', 'dave', 'erin', 'frank']);
  });

  it('with --json, prints each page as the API answered it, one JSON document per page', async () => {
    setup.server.respond(page);
    const run = await timfetch(['friend-get', '--from', 'alice', '--json'], setup.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    // Each document starts with `{` at the start of a line; their inner lines are indented.
    const documents = run.stdout.split(/\n(?=\{)/).map((text) => JSON.parse(text) as { UserDataItem: { To_Account: string }[]; CompleteFlag: number });
    expect(documents.map((document) => document.UserDataItem.map((friend) => friend.To_Account))).toEqual([['bob', 'carol'], ['dave', 'erin'], ['frank']]);
    expect(documents.map((document) => document.CompleteFlag)).toEqual([0, 0, 1]);
  });

  it('shows the progress line of a walk: accounts so far, requests, retries', async () => {
    setup.server.respond(page);
    const run = await timfetch(['friend-get', '--from', 'alice'], { ...setup.env, TIMFETCH_PROGRESS: '1' });
    expect(run.code).toBe(0);
    const frames = run.stderr.split('\r').filter((frame) => frame.trim() !== '');
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame.trimEnd()).toMatch(/^timfetch: \d+ accounts · \d+ requests? · 0 retries · \d+ req\/s$/);
    expect(frames.at(-1)?.trimEnd()).toMatch(/^timfetch: 5 accounts · 3 requests · 0 retries · \d req\/s$/);
    expect(run.stderr).toMatch(/\r +\r$/);
  });

  it('tells a failed page as a --json error, and --retries 0 sends it once', async () => {
    setup.server.respond(() => ({ body: { ActionStatus: 'FAIL', ErrorCode: 30006, ErrorInfo: 'busy' } }));
    const run = await timfetch(['friend-get', '--from', 'alice', '--json', '--retries', '0'], setup.env);
    expect(run).toMatchObject({ code: 1, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { class: 'TimApiError', code: 30006 } });
    expect(sent()).toHaveLength(1);
  });

  it.each([['--start-index', '3'], ['--standard-sequence', '1'], ['--custom-sequence', '1'], ['--to', 'bob']])('refuses %s: the walk owns it, or it has no list', async (flag, value) => {
    const run = await timfetch(['friend-get', '--from', 'alice', flag, value], setup.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Unknown option '${flag}'`);
    expect(sent()).toEqual([]);
  });
});

describe('timfetch picklist flags', () => {
  it.each([
    [['friend-add', '--add-source', 'AddSource_Type_Admin', '--add-type', 'sideways'], '--add-type must be single or both'],
    [['friend-add', '--add-source', 'AddSource_Type_Admin', '--force-add-flags', 'yes'], '--force-add-flags must be 0 or 1'],
    [['friend-delete', '--delete-type', 'Delete_Type_Both'], '--delete-type must be single or both'],
    [['friend-check', '--type', 'BOTH'], '--type must be both or single'],
  ])('refuses a value that is not a short form: %j', async ([command = '', ...flags], message) => {
    const run = await timfetch([command, '--from', 'alice', '--to', 'bob', ...flags], setup.env);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `timfetch: ${message} (see timfetch ${command} --help)\n` });
    const json = await timfetch([command, '--from', 'alice', '--to', 'bob', ...flags, '--json'], setup.env);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { class: 'UsageError', code: null, message } });
    expect(sent()).toEqual([]);
  });

  it.each([
    ['single', 'Add_Type_Single'],
    ['both', 'Add_Type_Both'],
  ])('friend-add --add-type %s sends %s', async (form, value) => {
    setup.server.respond(answerWrites());
    const run = await timfetch(['friend-add', '--from', 'alice', '--to', 'bob', '--add-source', 'AddSource_Type_Admin', '--add-type', form, '--json'], setup.env);
    expect(run.code).toBe(0);
    expect(bodies()[0]?.AddType).toBe(value);
  });
});

describe('timfetch flags kept from before commands were derived', () => {
  it('friend-check --type single|both sends CheckType, CheckResult_Type_Both when not given', async () => {
    for (const [flags, checkType] of [[['--type', 'single'], 'CheckResult_Type_Single'], [['--type', 'both'], 'CheckResult_Type_Both'], [[], 'CheckResult_Type_Both']] as const) {
      const before = setup.server.requests.length;
      const run = await timfetch(['friend-check', '--from', 'alice', '--to', 'bob', ...flags, '--json'], setup.env);
      expect(run.code).toBe(0);
      expect((setup.server.requests[before]?.body as { CheckType: string }).CheckType).toBe(checkType);
    }
  });

  it('friend-check shows Relation without its prefix, and - for a failed account even when it carries one', async () => {
    setup.server.respond(() => ({
      body: {
        ...ok,
        InfoItem: [
          { To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_BothWay' },
          { To_Account: 'carol', ResultCode: 30001, ResultInfo: 'Err_SNS_FriendCheck_Bad', Relation: 'CheckResult_Type_NoRelation' },
        ],
      },
    }));
    const run = await timfetch(['friend-check', '--from', 'alice', '--to', 'bob,carol'], setup.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(rows(run.stdout)).toEqual([['bob', 'BothWay', 'ok'], ['carol', '-', '30001 Err_SNS_FriendCheck_Bad']]);
  });

  it('friend-get-list --tags T1,T2 sends TagList and prints a column per tag', async () => {
    setup.server.respond((request) => {
      const body = request.body as { To_Account: string[] };
      const InfoItem = body.To_Account.map((account) => ({ To_Account: account, ResultCode: 0, ResultInfo: '', SnsProfileItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: `${account}!` }] }));
      return { body: { ...ok, InfoItem } };
    });
    const run = await timfetch(['friend-get-list', '--from', 'alice', '--to', 'bob', '--tags', 'Tag_Profile_IM_Nick,Tag_SNS_IM_Remark'], setup.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(bodies()).toEqual([{ From_Account: 'alice', To_Account: ['bob'], TagList: ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark'] }]);
    expect(run.stdout.split('\n')[0]?.split(/\s{2,}/)).toEqual(['To_Account', 'Nick', 'Remark', 'Result']);
  });

  it.each([
    ['friend-check', '--check-type', 'both'],
    ['friend-get-list', '--tag-list', 'Tag_Profile_IM_Nick'],
  ])('%s does not take the derived name %s', async (command, flag, value) => {
    const run = await timfetch([command, '--from', 'alice', '--to', 'bob', flag, value], setup.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Unknown option '${flag}'`);
  });

  it('friend-get-list still says when --tags is missing', async () => {
    const run = await timfetch(['friend-get-list', '--from', 'alice', '--to', 'bob'], setup.env);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'timfetch: missing --tags (see timfetch friend-get-list --help)\n' });
  });
});

describe('timfetch commands of endpoints not in the catalogue yet', () => {
  const answer = v.looseObject({ ErrorCode: v.number(), ResultItem: v.array(v.looseObject({ To_Account: v.string(), ResultCode: v.number() })) });
  const declare = (request: v.ObjectEntries) =>
    defineEndpoint({ name: 'blackListCheck', path: 'v4/sns/black_list_check', effect: 'read', request: v.object(request), response: answer, batch: { list: 'To_Account', max: 1000, results: 'ResultItem' } });

  it('derives flags from any declaration: picklists by short form, a one-value picklist, lists of strings, numbers, JSON for lists of objects', () => {
    const command = endpointCommand(
      declare({
        From_Account: v.string(),
        To_Account: v.array(v.string()),
        CheckType: v.picklist(['BlackCheckResult_Type_Both', 'BlackCheckResult_Type_Single']),
        NeedFriend: v.optional(v.picklist(['Need_Friend_Type_Yes'])),
        GroupName: v.optional(v.array(v.string())),
        MaxLimited: v.optional(v.number()),
        CustomItem: v.optional(v.array(v.object({ Tag: v.string() }))),
      }),
    );
    expect(command.usage).toBe(
      'timfetch black-list-check --from A --to B,C,@ids.txt,@- --check-type both|single [--need-friend yes] [--group-name G1,G2] [--max-limited N] [--custom-item JSON] [--json | --ndjson] [--verbose]',
    );
    expect(command.help).toContain('  --check-type both|single  CheckType: BlackCheckResult_Type_Both or BlackCheckResult_Type_Single (required)\n');
    expect(command.help).toContain('  --custom-item JSON      CustomItem: JSON text, a list of { Tag }\n');
  });

  it.each([
    [{ From_Account: v.string(), To_Account: v.array(v.string()), Timeout: v.string() }, 'blackListCheck: Timeout and the command both want --timeout; name one with v.metadata({ flag })'],
    [{ From_Account: v.string(), To_Account: v.array(v.string()), Kind: v.string(), Other: v.pipe(v.string(), v.metadata({ flag: 'kind' })) }, 'blackListCheck: Other and Kind both want --kind'],
    [{ From_Account: v.string(), To_Account: v.array(v.string()), Mode: v.picklist(['Mode_A', 'Mode_a']) }, 'Mode: its values Mode_A, Mode_a have no distinct short forms'],
    [{ From_Account: v.string(), To_Account: v.array(v.string()), Mode: v.pipe(v.picklist(['Mode_A', 'Mode_B']), v.metadata({ flagDefault: 'Mode_C' })) }, 'Mode: flagDefault Mode_C is not one of its values'],
  ])('refuses a declaration whose fields cannot be flags side by side: %#', (request, message) => {
    expect(() => endpointCommand(declare(request))).toThrow(message);
  });
});
