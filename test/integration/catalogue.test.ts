// The contract every endpoint of the catalogue keeps, checked endpoint by endpoint through the
// emulator with faults on: its declaration agrees with its schemas; a batch loses no account; a
// walk yields every item once; a write is never applied twice, its reported results agree with
// the store (per account, or for a single write as a whole), and two writes for one From_Account
// never overlap. A new endpoint is checked by its catalogue line and a sample body here (the map
// below does not compile without one).
import { describe, expect, it } from 'vitest';
import { createClient, catalogue, isOk, type AnyEndpoint, type ApiResponse, type BatchItem, type Plugin } from '../../src/index.js';
import { checkDeclaration } from '../../src/endpoints/define-endpoint.js';
import { answerItems, batchShape } from '../../src/plugin-kit.js';
import { createEmulator, type EmulatorRequestEntry, type EmulatorStore } from '../../src/emulator/index.js';
import { quickCheckCases } from '../support/quick-check-cases.js';
import { testApp } from '../support/test-app.js';

type Name = keyof typeof catalogue;
const owner = 'owner';
const accounts = Array.from({ length: 230 }, (_, i) => `u${String(i).padStart(3, '0')}`);

/** How to call an endpoint of the catalogue in these tests, and what its success means in the store. */
interface Sample {
  /** Prepares the store for a call about `accounts` of `owner`. */
  readonly prepare: (store: EmulatorStore) => void;
  /** A batch endpoint's body for `accounts`; a paged one's body (without its cursor); a single one's body. */
  readonly body: (accounts: readonly string[]) => Record<string, unknown>;
  /** For a write: whether the store shows the write applied for one account (of `accounts`). */
  readonly applied?: (store: EmulatorStore, account: string) => boolean;
  /** For a paged endpoint: the accounts a walk must yield, in order. */
  readonly walked?: (store: EmulatorStore) => readonly string[];
}

const existing = (store: EmulatorStore) => {
  store.addAccount(owner);
  for (const account of accounts) store.addAccount(account);
};
const friends = (store: EmulatorStore) => {
  existing(store);
  for (const account of accounts) {
    store.addFriend(owner, account, { Tag_SNS_IM_Remark: `remark of ${account}`, Tag_SNS_IM_Group: ['G', 'H'] });
    store.addFriend(account, owner);
  }
};
const blocked = (store: EmulatorStore) => {
  friends(store);
  for (const account of accounts) store.block(owner, account);
};
const groupsOf = (store: EmulatorStore, account: string) => store.friendTags(owner, account)?.Tag_SNS_IM_Group;

// A test only for the endpoints it concerns: the others do not list it (rather than report it skipped).
const itWhen = (concerned: boolean): typeof it => (concerned ? it : ((() => undefined) as unknown as typeof it));

const samples: { readonly [N in Name]: Sample } = {
  blackListAdd: {
    prepare: friends,
    body: (list) => ({ From_Account: owner, To_Account: list }),
    applied: (store, account) => store.blockRelation(owner, account, 'BlackCheckResult_Type_Single') === 'BlackCheckResult_Type_AWithB',
  },
  blackListCheck: { prepare: blocked, body: (list) => ({ From_Account: owner, To_Account: list, CheckType: 'BlackCheckResult_Type_Both' }) },
  blackListDelete: {
    prepare: blocked,
    body: (list) => ({ From_Account: owner, To_Account: list }),
    applied: (store, account) => store.blockRelation(owner, account, 'BlackCheckResult_Type_Single') === 'BlackCheckResult_Type_NO',
  },
  blackListGet: { prepare: blocked, body: () => ({ From_Account: owner, MaxLimited: 100 }), walked: (store) => store.blockList(owner) },
  friendAdd: {
    prepare: existing,
    body: (list) => ({ From_Account: owner, AddFriendItem: list.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Test', Remark: `r${To_Account}` })), ForceAddFlags: 1 }),
    applied: (store, account) => store.relation(owner, account, 'CheckResult_Type_Both') === 'CheckResult_Type_BothWay',
  },
  friendCheck: { prepare: friends, body: (list) => ({ From_Account: owner, To_Account: list, CheckType: 'CheckResult_Type_Both' }) },
  friendDelete: {
    prepare: friends,
    body: (list) => ({ From_Account: owner, To_Account: list, DeleteType: 'Delete_Type_Both' }),
    applied: (store, account) => store.relation(owner, account, 'CheckResult_Type_Both') === 'CheckResult_Type_NoRelation',
  },
  friendDeleteAll: {
    prepare: friends,
    body: () => ({ From_Account: owner, DeleteType: 'Delete_Type_Both' }),
    applied: (store, account) => store.relation(owner, account, 'CheckResult_Type_Both') === 'CheckResult_Type_NoRelation',
  },
  friendGet: { prepare: friends, body: () => ({ From_Account: owner }), walked: (store) => store.friends(owner) },
  friendGetList: { prepare: friends, body: (list) => ({ From_Account: owner, To_Account: list, TagList: ['Tag_SNS_IM_Remark'] }) },
  friendImport: {
    prepare: existing,
    body: (list) => ({
      From_Account: owner,
      AddFriendItem: list.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Import', Remark: `r${To_Account}`, GroupName: ['imported'], AddTime: 1_600_000_000 })),
    }),
    applied: (store, account) => store.relation(owner, account, 'CheckResult_Type_Single') === 'CheckResult_Type_AWithB',
  },
  friendUpdate: {
    prepare: friends,
    body: (list) => ({ From_Account: owner, UpdateItem: list.map((To_Account) => ({ To_Account, SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: `new ${To_Account}` }] })) }),
    applied: (store, account) => store.friendTags(owner, account)?.Tag_SNS_IM_Remark === `new ${account}`,
  },
  // group_add is not idempotent and cannot be reconciled: -6 after an unknown outcome. The group
  // is named after the list's first account, so that two calls name different groups. The
  // chunkSize of 40 here splits one call: later chunks find the group made and are refused
  // (30001), which the store agrees with.
  groupAdd: {
    prepare: (store) => {
      existing(store);
      for (const account of accounts) store.addFriend(owner, account);
    },
    body: (list) => ({ From_Account: owner, GroupName: [`G ${list[0] ?? ''}`], To_Account: list }),
    applied: (store, account) => groupsOf(store, account) !== undefined,
  },
  groupDelete: {
    prepare: friends,
    body: () => ({ From_Account: owner, GroupName: ['G'] }),
    applied: (store, account) => store.hasFriend(owner, account) && groupsOf(store, account)?.join() === 'H',
  },
  groupGet: { prepare: friends, body: () => ({ From_Account: owner, NeedFriend: 'Need_Friend_Type_Yes' }) },
};

// Every fault kind that fails a request or loses its answer, on often: retries and
// reconciliation have work to do in every call.
const faults = { requestError: 0.08, itemError: 0.03, httpError: 0.06, drop: 0.05, malformed: 0.05, latency: [0, 4] as const };

function setUp(name: Name, seed: number, plugins?: (defaults: readonly Plugin[]) => readonly Plugin[]) {
  const log: EmulatorRequestEntry[] = [];
  const emu = createEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, seed, faults, onRequest: (entry) => log.push(entry) });
  samples[name].prepare(emu.store);
  const tim = createClient({
    ...testApp,
    fetch: emu.fetch,
    timeout: 2000,
    retry: { retries: 12, minDelay: 1, maxDelay: 5 },
    chunking: { chunkSize: 40, concurrency: 4 },
    rateLimit: false,
    ...(plugins === undefined ? {} : { plugins }),
  });
  return { emu, tim, log };
}

const entries = Object.entries(catalogue) as [Name, AnyEndpoint][];

describe.each(entries)('catalogue: %s', (name, endpoint) => {
  const sample = samples[name];

  it('is a well-formed declaration the client calls by its name', () => {
    expect(() => checkDeclaration(endpoint)).not.toThrow();
    expect(endpoint.name).toBe(name);
    expect(typeof createClient(testApp)[name]).toBe('function');
  });

  it('has its quick check proved against its schemas (test/unit/quick-check.test.ts), if it has one', () => {
    expect(endpoint.quickCheck === undefined || name in quickCheckCases).toBe(true);
  });

  itWhen(endpoint.batch !== undefined)('loses no account under faults: each distinct one once, in order, Fail_Account exact', async () => {
    const shape = batchShape(endpoint);
    if (shape === undefined) throw new Error('a batch endpoint');
    const { tim, log } = setUp(name, 11);
    const asked = [...accounts, accounts[3] as string, accounts[100] as string];
    const answer = (await tim.request(endpoint, sample.body(asked) as never)) as ApiResponse;
    const items = answerItems(answer, shape);
    expect(items.map((item) => String(item[shape.key]))).toEqual(accounts);
    const failed = items.filter((item) => !isOk(item)).map((item) => String(item[shape.key]));
    expect((answer as { Fail_Account?: string[] }).Fail_Account ?? []).toEqual(failed);
    expect(items.some((item) => item.ResultCode === -3)).toBe(false); // no account missing from an answer
    expect(log.some((entry) => entry.outcome !== 'ok')).toBe(true); // faults did strike
  });

  itWhen(endpoint.paged !== undefined)('walks every item once, in the service’s order, under faults, and asks nothing after the last page', async () => {
    const { tim, emu, log } = setUp(name, 12);
    const { paged } = endpoint;
    const { walked } = sample;
    if (paged === undefined || walked === undefined) throw new Error('a paged endpoint with a sample of what a walk yields');
    const seen: unknown[] = [];
    for await (const page of tim.paginate(endpoint, sample.body([]) as never)) seen.push(...((page as Record<string, unknown>)[paged.items] as { To_Account: string }[]).map((item) => item.To_Account));
    expect(seen).toEqual(walked(emu.store));
    expect(seen).toHaveLength(accounts.length);
    const answered = log.filter((entry) => entry.outcome === 'ok');
    expect(answered).toHaveLength(Math.ceil(accounts.length / 100)); // one answered request per page
  });

  // A batch write is one call per seed; a single write (one request, no per-account results) or
  // a list sent whole is called under more seeds, so that enough of them lose its answer. Either way at least three
  // calls must meet a lost answer: the reconciliation (or the idempotent resend) must have been needed.
  itWhen(endpoint.effect === 'write')('applies no write twice, and reports what the store shows', async () => {
    const applied = sample.applied;
    if (applied === undefined) throw new Error('a write with a sample of what applied means');
    const body = sample.body(accounts);
    const shape = batchShape(endpoint, body);
    // One request per call (a single write, or a list sent whole): more seeds.
    const seeds = shape === undefined || shape.whole ? Array.from({ length: 16 }, (_, i) => 21 + i) : [21, 22, 23];
    let lost = 0;
    for (const seed of seeds) {
      const { tim, emu, log } = setUp(name, seed);
      const answer = (await tim.request(endpoint, body as never)) as ApiResponse;
      const times = new Map<string, number>();
      for (const entry of log) for (const account of entry.applied) times.set(account, (times.get(account) ?? 0) + 1);
      expect([...times].filter(([, count]) => count > 1), `seed ${seed}: accounts applied twice`).toEqual([]);
      if (log.some((entry) => entry.outcome === 'drop' || entry.outcome === 'malformed' || entry.outcome === 'httpError')) lost++;
      if (shape === undefined) {
        // One request: its success is the whole write's, for every account.
        expect(answer.ErrorCode, `seed ${seed}`).toBe(0);
        for (const account of accounts) expect(applied(emu.store, account), `seed ${seed}: ${account} after a success`).toBe(true);
        continue;
      }
      for (const item of answerItems(answer, shape) as readonly BatchItem[]) {
        const account = String(item[shape.key]);
        if (item.ResultCode === 0) expect(applied(emu.store, account), `${account} reported done`).toBe(true);
        else if (item.ResultCode !== -6) expect(applied(emu.store, account), `${account} reported ${item.ResultCode}`).toBe(false);
      }
    }
    expect(lost, 'calls that met a lost answer').toBeGreaterThanOrEqual(3);
  });

  itWhen(endpoint.effect === 'write')('never runs two writes for one From_Account at once', async () => {
    const { tim, emu } = setUp(name, 31);
    const halves = [accounts.slice(0, 115), accounts.slice(115)];
    await Promise.all(halves.map((half) => tim.request(endpoint, sample.body(half) as never)));
    expect(emu.stats.errors[30008]).toBeUndefined();
  });
});

describe('catalogue: the write-conflict check itself', () => {
  it('sees overlapping writes for one From_Account when the write lock is left out', async () => {
    const { tim, emu } = setUp('friendDelete', 31, (defaults) => defaults.filter((plugin) => plugin.name !== 'write-lock'));
    const halves = [accounts.slice(0, 115), accounts.slice(115)];
    await Promise.all(halves.map((half) => tim.friendDelete({ From_Account: owner, To_Account: half, DeleteType: 'Delete_Type_Both' })));
    expect(emu.stats.errors[30008]).toBeGreaterThan(0);
  });
});

it('samples every endpoint of the catalogue, and nothing else', () => {
  expect(Object.keys(samples).sort()).toEqual(Object.keys(catalogue).sort());
});
