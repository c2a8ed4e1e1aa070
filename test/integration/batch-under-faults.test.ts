// The heart of the SDK, proven end to end: thousands of accounts through the default client and
// the emulator, with request-level, item-level, HTTP, timeout and truncation faults at high rates.
import { describe, expect, it } from 'vitest';
import { createEmulator, startEmulator, type EmulatorRequestEntry, type FaultOptions } from '../../src/emulator/index.js';
import { createClient, type BatchItem, type ClientOptions } from '../../src/index.js';
import { testApp } from '../support/test-app.js';

const app = { sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey };
// The budget is shared by repeats and item follow-ups: at a 1/3 request failure rate a chunk
// needs about 5 good answers (each follow-up asks for the ~10 % of items that failed), so it
// gets room for many more than that; the log audit still proves the bound holds.
const retries = 20;
const clientOptions = { timeout: 250, retry: { retries, minDelay: 1, maxDelay: 4 }, chunking: { concurrency: 4 } } satisfies Partial<ClientOptions>;
const heavyFaults: FaultOptions = { requestError: 0.15, itemError: 0.1, httpError: 0.1, malformed: 0.05, stall: 0.03, stallMs: 5_000 };

/** Checks the request log: limits respected, nothing re-sent after success, retries bounded. */
function auditLog(log: readonly EmulatorRequestEntry[], max: number): void {
  const succeeded = new Set<string>();
  const sends = new Map<string, number>();
  for (const entry of log) {
    expect(entry.accounts.length).toBeLessThanOrEqual(max);
    const failed = new Set(entry.failed);
    for (const account of entry.accounts) {
      expect(succeeded.has(account), `${account} sent again after it succeeded`).toBe(false);
      sends.set(account, (sends.get(account) ?? 0) + 1);
      if (!failed.has(account)) succeeded.add(account);
    }
  }
  // One sub-call per account (each is in one chunk): at most 1 + retries requests carry it.
  expect(Math.max(...sends.values())).toBeLessThanOrEqual(retries + 1);
}

function expectEachOnceInOrder(items: readonly BatchItem[], accounts: readonly string[]): void {
  expect(items.map((item) => item.To_Account)).toEqual(accounts);
}

describe('large batches through faults', () => {
  it('friend_check: 12,345 accounts answered once each, in order, with the right relations', async () => {
    const log: EmulatorRequestEntry[] = [];
    const emu = createEmulator({ ...app, seed: 11, faults: heavyFaults, onRequest: (entry) => log.push(entry) });
    const users = emu.store.generate({ users: 12_400, seed: 3 });
    const [from = '', ...others] = users;
    const accounts = others.slice(0, 12_345);
    // Make every relation kind common, not just the generator's few friends.
    accounts.forEach((account, i) => {
      if (i % 3 === 0) emu.store.addFriend(from, account);
      if (i % 5 === 0) emu.store.addFriend(account, from);
    });
    const tim = createClient({ ...testApp, fetch: emu.fetch, ...clientOptions });

    const answer = await tim.friendCheck({ From_Account: from, To_Account: [...accounts, accounts[7] ?? ''], CheckType: 'CheckResult_Type_Both' });

    expectEachOnceInOrder(answer.InfoItem, accounts);
    for (const item of answer.InfoItem) {
      expect(item.ResultCode).toBe(0);
      expect(item.Relation).toBe(emu.store.relation(from, item.To_Account, 'CheckResult_Type_Both'));
    }
    expect(answer.Fail_Account).toBeUndefined();
    expect(new Set(answer.InfoItem.map((i) => i.Relation))).toEqual(
      new Set(['CheckResult_Type_BothWay', 'CheckResult_Type_AWithB', 'CheckResult_Type_BWithA', 'CheckResult_Type_NoRelation']),
    );
    auditLog(log, 1000);
    // The faults really happened, and every attempt carried a fresh random.
    expect(emu.stats.faults.requestError + emu.stats.faults.httpError + emu.stats.faults.malformed + emu.stats.faults.stall).toBeGreaterThan(3);
    expect(emu.stats.faults.itemError).toBeGreaterThan(500);
    expect(emu.stats.repeatedRandom).toBe(0);
  }, 60_000);

  it('friend_get_list: 2,345 accounts with their profiles; non-friends failed, not lost', async () => {
    const log: EmulatorRequestEntry[] = [];
    const emu = createEmulator({ ...app, seed: 5, faults: heavyFaults, onRequest: (entry) => log.push(entry) });
    const accounts = Array.from({ length: 2345 }, (_, i) => `member_${i}`);
    const from = 'owner';
    emu.store.addAccount(from);
    accounts.forEach((account, i) => {
      emu.store.addAccount(account, { Tag_Profile_IM_Nick: `Nick ${i}`, Tag_Profile_IM_Level: i });
      // Every 7th account is not a friend of the owner.
      if (i % 7 !== 0) emu.store.addFriend(from, account, { Tag_SNS_IM_Remark: `remark ${i}`, Tag_SNS_IM_Group: i % 2 === 0 ? ['even'] : ['odd', 'all'] });
    });
    const tim = createClient({ ...testApp, fetch: emu.fetch, ...clientOptions });
    const tags = ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Level', 'Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group'];

    const answer = await tim.friendGetList({ From_Account: from, To_Account: accounts, TagList: tags });

    expectEachOnceInOrder(answer.InfoItem, accounts);
    const notFriends = accounts.filter((_, i) => i % 7 === 0);
    expect(answer.Fail_Account).toEqual(notFriends);
    answer.InfoItem.forEach((item, i) => {
      if (i % 7 === 0) {
        expect(item).toMatchObject({ ResultCode: 30001, ResultInfo: 'Err_SNS_FriendGetList_Friend_Not_Exist' });
        return;
      }
      expect(item.ResultCode).toBe(0);
      expect(item.SnsProfileItem).toEqual([
        { Tag: 'Tag_Profile_IM_Nick', Value: `Nick ${i}` },
        { Tag: 'Tag_Profile_IM_Level', Value: i },
        { Tag: 'Tag_SNS_IM_Remark', Value: `remark ${i}` },
        { Tag: 'Tag_SNS_IM_Group', Value: i % 2 === 0 ? ['even'] : ['odd', 'all'] },
      ]);
    });
    auditLog(log, 100);
  }, 60_000);

  it('over HTTP, with dropped connections and stalls, nothing is lost either', async () => {
    const log: EmulatorRequestEntry[] = [];
    const emu = await startEmulator({ ...app, seed: 9, faults: { drop: 0.15, stall: 0.1, stallMs: 5_000, itemError: 0.05 }, onRequest: (entry) => log.push(entry) });
    try {
      const accounts = Array.from({ length: 3000 }, (_, i) => `peer_${i}`);
      const tim = createClient({ ...testApp, baseUrl: emu.url, ...clientOptions });
      emu.store.addAccount('hub');
      const answer = await tim.friendCheck({ From_Account: 'hub', To_Account: accounts, CheckType: 'CheckResult_Type_Single' });
      expectEachOnceInOrder(answer.InfoItem, accounts);
      expect(answer.InfoItem.every((i) => i.ResultCode === 0 && i.Relation === 'CheckResult_Type_NoRelation')).toBe(true);
      expect(emu.stats.faults.drop + emu.stats.faults.stall).toBeGreaterThan(0);
      auditLog(log, 1000);
    } finally {
      await emu.close();
    }
  }, 60_000);

  it('gives the accounts of a chunk that keeps failing its final error, and keeps the rest', async () => {
    const log: EmulatorRequestEntry[] = [];
    const emu = createEmulator({ ...app, onRequest: (entry) => log.push(entry) });
    emu.store.addAccount('solo');
    // A gateway that keeps failing the second chunk only.
    const flakyGateway: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const body = (await request.clone().json()) as { To_Account: string[] };
      if (body.To_Account[0] === 'x1000') return new Response('<html>503</html>', { status: 503, statusText: 'Service Unavailable' });
      return emu.fetch(request);
    };
    const tim = createClient({ ...testApp, fetch: flakyGateway, retry: { retries: 2, minDelay: 1, maxDelay: 2 } });
    const accounts = Array.from({ length: 2500 }, (_, i) => `x${i}`);

    const answer = await tim.friendCheck({ From_Account: 'solo', To_Account: accounts, CheckType: 'CheckResult_Type_Both' });

    expectEachOnceInOrder(answer.InfoItem, accounts);
    const failed = accounts.slice(1000, 2000);
    expect(answer.Fail_Account).toEqual(failed);
    for (const item of answer.InfoItem.slice(1000, 2000)) {
      expect(item).toMatchObject({ ResultCode: 503, ResultInfo: expect.stringMatching(/^HTTP 503 Service Unavailable \(after \d+ attempts over \d+\.\d s\)$/) });
    }
    expect(answer.InfoItem.filter((item) => item.ResultCode === 0)).toHaveLength(1500);
    expect(log).toHaveLength(2); // the failing chunk never reached the emulator
  });
});
