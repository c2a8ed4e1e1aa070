// store.generate(): a seeded, realistic graph: size, shape, speed and reproducibility, and that
// the endpoints answer from it exactly as the read helpers say.
import { describe, expect, it } from 'vitest';
import { TimValidationError } from '../../src/index.js';
import { createEmulator, type EmulatorStore } from '../../src/emulator/index.js';
import { app, setup } from './helpers.js';

function fresh(seed?: number): EmulatorStore {
  return createEmulator({ ...app, ...(seed === undefined ? {} : { seed }) }).store;
}

/** Everything the store knows about `ids`, as one comparable value. */
function snapshot(store: EmulatorStore, ids: readonly string[]): unknown[] {
  return ids.map((id) => [id, store.profile(id), store.friends(id).map((friend) => [friend, store.friendTags(id, friend)])]);
}

describe('generate', () => {
  it('creates the asked number of accounts with padded, prefixed ids', () => {
    const store = fresh();
    const ids = store.generate({ users: 1200, prefix: 'load_' });
    expect(ids).toHaveLength(1200);
    expect(ids[0]).toBe('load_0001');
    expect(ids[1199]).toBe('load_1200');
    expect(new Set(ids).size).toBe(1200);
    expect(ids.every((id) => store.hasAccount(id))).toBe(true);
  });

  it('gives realistic profiles and friend entries', () => {
    const store = fresh();
    const ids = store.generate({ users: 2000, seed: 7 });
    const profiles = ids.map((id) => store.profile(id) ?? {});
    expect(profiles.every((p) => typeof p.Tag_Profile_IM_Nick === 'string' && p.Tag_Profile_IM_Nick !== '')).toBe(true);
    expect(new Set(profiles.map((p) => p.Tag_Profile_IM_Gender))).toEqual(new Set(['Gender_Type_Female', 'Gender_Type_Male', 'Gender_Type_Unknown']));
    const levels = profiles.map((p) => p.Tag_Profile_IM_Level ?? 0);
    expect(Math.min(...levels)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...levels)).toBeLessThanOrEqual(100);
    expect(profiles.some((p) => p.Tag_Profile_Custom_Tier !== undefined)).toBe(true);
    expect(profiles.some((p) => /[^\x00-\x7f]/.test(p.Tag_Profile_IM_Nick ?? ''))).toBe(true); // multi-byte nicks

    const entries = ids.flatMap((id) => store.friends(id).map((friend) => store.friendTags(id, friend) ?? {}));
    expect(entries.every((e) => /^AddSource_Type_[A-Za-z]+$/.test(e.Tag_SNS_IM_AddSource ?? ''))).toBe(true);
    expect(entries.every((e) => (e.Tag_SNS_IM_AddTime ?? 0) >= 1_451_606_400 && (e.Tag_SNS_IM_AddTime ?? 0) <= 1_735_689_600)).toBe(true);
    const share = (test: (e: (typeof entries)[number]) => boolean) => entries.filter(test).length / entries.length;
    expect(share((e) => e.Tag_SNS_IM_Remark !== undefined)).toBeCloseTo(0.4, 1);
    expect(share((e) => e.Tag_SNS_IM_Group !== undefined)).toBeCloseTo(0.5, 1);
  });

  it('shapes the graph: mean list length, mutual share, long tail, no self-friendship', () => {
    const store = fresh();
    const ids = store.generate({ users: 5000, friendsPerUser: 30, mutualShare: 0.5, seed: 2 });
    const lengths = ids.map((id) => store.friends(id).length);
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(mean).toBeGreaterThan(25);
    expect(mean).toBeLessThan(33);
    expect(Math.max(...lengths)).toBeGreaterThan(3 * mean);
    let pairs = 0;
    let mutual = 0;
    let self = 0;
    for (const id of ids) {
      for (const friend of store.friends(id)) {
        if (friend === id) self++;
        if (store.hasFriend(friend, id)) mutual++;
        else pairs++;
      }
    }
    expect(self).toBe(0);
    // mutual counts each two-way pair twice.
    const mutualPairs = mutual / 2;
    expect(mutualPairs / (mutualPairs + pairs)).toBeGreaterThan(0.4);
    expect(mutualPairs / (mutualPairs + pairs)).toBeLessThan(0.6);
  });

  it('is reproducible: the same seed gives the same graph, another seed another', () => {
    const a = fresh();
    const b = fresh();
    const ids = a.generate({ users: 800, seed: 99 });
    expect(b.generate({ users: 800, seed: 99 })).toEqual(ids);
    expect(snapshot(b, ids)).toEqual(snapshot(a, ids));
    const c = fresh();
    c.generate({ users: 800, seed: 100 });
    expect(snapshot(c, ids)).not.toEqual(snapshot(a, ids));
  });

  it("uses the emulator's seed by default", () => {
    const a = fresh(4);
    const ids = a.generate({ users: 300 });
    const b = fresh(5);
    b.generate({ users: 300 });
    const explicit = fresh(1);
    explicit.generate({ users: 300, seed: 4 });
    expect(snapshot(a, ids)).toEqual(snapshot(explicit, ids));
    expect(snapshot(b, ids)).not.toEqual(snapshot(a, ids));
  });

  it('builds 50,000 users (its speed is measured in bench/generate.bench.ts)', () => {
    const store = fresh();
    const ids = store.generate({ users: 50_000 });
    expect(ids).toHaveLength(50_000);
    expect(new Set(ids).size).toBe(50_000);
    expect(ids.every((id) => store.hasAccount(id))).toBe(true);
  });

  it('is answered by the endpoints exactly as the read helpers say', async () => {
    const { emu, tim } = setup();
    const ids = emu.store.generate({ users: 3000, seed: 8 });
    const from = ids.reduce((a, b) => (emu.store.friends(b).length > emu.store.friends(a).length ? b : a));
    const friends = emu.store.friends(from).slice(0, 100);
    const list = await tim.friendGetList({ From_Account: from, To_Account: friends, TagList: ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_Profile_IM_Nick', 'Tag_SNS_IM_AddTime'] });
    expect(list.Fail_Account).toBeUndefined();
    for (const item of list.InfoItem) {
      const tags = Object.fromEntries((item.SnsProfileItem ?? []).map(({ Tag, Value }) => [Tag, Value]));
      const entry = emu.store.friendTags(from, item.To_Account);
      expect(tags.Tag_SNS_IM_Remark).toBe(entry?.Tag_SNS_IM_Remark);
      expect(tags.Tag_SNS_IM_Group).toEqual(entry?.Tag_SNS_IM_Group);
      expect(tags.Tag_SNS_IM_AddTime).toBe(entry?.Tag_SNS_IM_AddTime);
      expect(tags.Tag_Profile_IM_Nick).toBe(emu.store.profile(item.To_Account)?.Tag_Profile_IM_Nick);
    }
    const others = ids.slice(0, 1000);
    const check = await tim.friendCheck({ From_Account: from, To_Account: others, CheckType: 'CheckResult_Type_Both' });
    const relations = check.InfoItem.map((item) => item.Relation);
    expect(relations).toEqual(others.map((id) => emu.store.relation(from, id, 'CheckResult_Type_Both')));
    expect(new Set(relations).size).toBeGreaterThanOrEqual(3);
  });

  it.each([
    [{ users: 0 }, 'users', 'must be an integer from 1 to 1000000'],
    [{ users: 1.5 }, 'users', 'must be an integer from 1 to 1000000'],
    [{ users: 10, friendsPerUser: -1 }, 'friendsPerUser', 'must be a number >= 0'],
    [{ users: 10, mutualShare: 1.5 }, 'mutualShare', 'must be a number from 0 to 1'],
    [{ users: 10, prefix: 'p'.repeat(31) }, 'prefix', 'leaves no room for 2 digits in a 32-byte UserID'],
    [{ users: 10, extra: true }, 'extra', 'is not a generate option'],
  ])('rejects %j', (options, path, reason) => {
    expect(() => fresh().generate(options as { users: number })).toThrow(TimValidationError);
    expect(() => fresh().generate(options as { users: number })).toThrow(`${path}: ${reason}`);
  });

  it('refuses to overwrite existing accounts', () => {
    const store = fresh();
    store.generate({ users: 10 });
    expect(() => store.generate({ users: 20 })).toThrow('prefix: makes ids that already exist (user_01); choose another prefix');
    expect(store.generate({ users: 10, prefix: 'more_' })).toHaveLength(10);
  });
});
