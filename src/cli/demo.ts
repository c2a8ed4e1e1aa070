import { parseFlags } from './parse-flags.js';
import { memoryStore } from '../../plugins/rate-limit.js';
import type { BatchItem } from '../endpoints/batch.js';
import { createClient } from '../client/create-client.js';
import { startEmulator } from '../emulator/start-emulator.js';
import type { Plugin } from '../pipeline/plugin.js';
import { emulatorApp } from './emulator-app.js';
import { emulatorCounts } from './emulator-counts.js';
import { wholeNumber } from './whole-number.js';
import type { Command } from './command.js';
import type { CommandIo } from './command-io.js';
import { relationshipDemo } from './demo-relationships.js';
import { demoHelp, demoUsage } from './help.js';

const flags = { users: { type: 'string' }, seed: { type: 'string' } } as const;

/** Light, realistic faults: the demo shows the retries absorbing them. */
const lightFaults = { requestError: 0.03, itemError: 0.01, httpError: 0.02, malformed: 0.01, latency: [2, 20] as const };

/** Counts what passes a phase: a custom plugin, placed by phase like any other. */
function counter(name: string, phase: Plugin['phase'], before?: string): Plugin & { count: number } {
  const plugin = {
    name,
    phase,
    before,
    count: 0,
    run: (ctx: Parameters<Plugin['run']>[0], next: Parameters<Plugin['run']>[1]) => {
      plugin.count++;
      return next(ctx);
    },
  };
  return plugin;
}

const number = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function tally(items: readonly BatchItem[], label: (item: BatchItem) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(label(item), (counts.get(label(item)) ?? 0) + 1);
  return [...counts].map(([name, count]) => `${name} ${number(count)}`).join(' · ');
}

/**
 * `timfetch demo`: starts the emulator with a seeded graph and light faults, runs friend_check
 * and friend_get_list through the default client on large lists, then the relationship chain
 * (an import, a check, paged exports, a block, a friend group), checks every answer against the
 * emulator's store, and prints what happened. Exit code 1 if any answer is wrong.
 */
export const demoCommand: Command = {
  flags,
  usage: demoUsage,
  summary: 'Runs the relationship chain on large lists (check, profiles, import, export, block, groups) through an emulator with light faults, checking every answer',
  help: demoHelp,
  run: demo,
};

async function demo(args: readonly string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags(args, flags);
  const users = wholeNumber(values.users, '--users', 5000);
  const seed = wholeNumber(values.seed, '--seed', 7);
  const app = await emulatorApp({}, {});
  const emu = await startEmulator({ sdkAppId: app.sdkAppId, secretKey: app.secretKey, seed, faults: lightFaults });
  const started = performance.now();
  try {
    const ids = emu.store.generate({ users, seed });
    // Outside the retry plugin, so it sees each chunk once however often it is retried.
    const chunks = counter('demo-chunk-counter', 'sub-call', 'retry');
    const attempts = counter('demo-attempt-counter', 'attempt');
    // Hears the limiter's waits and the reconciliations: events of inner plugins pass through a call plugin's emit.
    const waits: number[] = [];
    let reconciled = 0;
    const waitListener: Plugin = {
      name: 'demo-wait-listener',
      phase: 'call',
      run: (ctx, next) =>
        next({
          ...ctx,
          emit: (event) => {
            if (event.type === 'rate-limit-wait') waits.push(event.wait);
            if (event.type === 'reconcile') reconciled += event.applied;
            ctx.emit(event);
          },
        }),
    };
    const options = {
      sdkAppId: app.sdkAppId,
      identifier: 'administrator',
      secretKey: app.secretKey,
      baseUrl: emu.url,
      retry: { minDelay: 20, maxDelay: 500 },
      rateLimit: { store: memoryStore() }, // one budget for both clients
    };
    const tim = createClient({ ...options, plugins: [chunks, attempts, waitListener] });
    io.print(`timfetch demo: emulator at ${emu.url} (seed ${seed}, ${number(users)} users, light faults)`);
    io.print(`pipeline: ${tim.describePipeline().map(({ phase, name }) => `${phase}:${name}`).join(' → ')} → transport\n`);
    let wrong = 0;

    const measure = async <T>(run: () => Promise<T>) => {
      const [chunksBefore, attemptsBefore, t0] = [chunks.count, attempts.count, performance.now()];
      const result = await run();
      const sent = attempts.count - attemptsBefore;
      const made = chunks.count - chunksBefore;
      return { result, line: `${made} chunks, ${sent} HTTP attempts (${sent - made} retries), ${seconds(performance.now() - t0)}` };
    };

    // friend_check: the most connected user against everybody.
    const from = ids.reduce((best, id) => (emu.store.friends(id).length > emu.store.friends(best).length ? id : best), ids[0] ?? '');
    const others = ids.filter((id) => id !== from);
    const check = await measure(() => tim.friendCheck({ From_Account: from, To_Account: others, CheckType: 'CheckResult_Type_Both' }));
    const relationOk = check.result.InfoItem.filter(
      (item) => item.ResultCode === 0 && item.Relation === emu.store.relation(from, item.To_Account, 'CheckResult_Type_Both'),
    ).length;
    wrong += others.length - relationOk - (check.result.Fail_Account?.length ?? 0);
    io.print(`friend_check ${from} vs ${number(others.length)} accounts: ${check.line}`);
    io.print(`  ${tally(check.result.InfoItem, (i) => (i.ResultCode === 0 ? String(i.Relation).replace('CheckResult_Type_', '') : 'failed'))}`);
    io.print(`  verified against the emulator's store: ${number(relationOk)} of ${number(others.length)} relations match`);

    // friend_get_list: a hub with many friends, plus accounts that are not its friends.
    const hub = 'demo_hub';
    const friends = others.slice(0, Math.max(0, Math.min(1500, others.length - 50)));
    friends.forEach((id, i) => emu.store.addFriend(hub, id, { Tag_SNS_IM_Remark: `friend #${i + 1}`, Tag_SNS_IM_Group: [i % 2 === 0 ? 'even' : 'odd'] }));
    const strangers = others.slice(friends.length, friends.length + 50);
    const tags = ['Tag_Profile_IM_Nick', 'Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group'];
    const list = await measure(() => tim.friendGetList({ From_Account: hub, To_Account: [...friends, ...strangers], TagList: tags }));
    const profileOk = list.result.InfoItem.filter((item) => {
      if (item.ResultCode !== 0) return false;
      const fields = new Map((item.SnsProfileItem ?? []).map(({ Tag, Value }) => [Tag, Value]));
      return (
        fields.get('Tag_SNS_IM_Remark') === emu.store.friendTags(hub, item.To_Account)?.Tag_SNS_IM_Remark &&
        fields.get('Tag_Profile_IM_Nick') === emu.store.profile(item.To_Account)?.Tag_Profile_IM_Nick
      );
    }).length;
    const notFriends = list.result.InfoItem.filter((item) => item.ResultCode === 30001).length;
    wrong += friends.length - profileOk + (strangers.length - notFriends);
    io.print(`friend_get_list ${hub} vs ${number(friends.length + strangers.length)} accounts: ${list.line}`);
    io.print(`  ${number(profileOk)} friends with matching nick and remark · ${notFriends} not friends (30001, as expected)`);

    // The relationship chain: import, check, paged exports, a block, a friend group.
    wrong += await relationshipDemo({ tim, store: emu.store, print: (line) => io.print(line), measure, accounts: others, hub: from, reconciled: () => reconciled });

    // Rate limit: small chunks ask for far more than 200 requests a second.
    const burst = createClient({ ...options, chunking: { chunkSize: 10 }, plugins: [chunks, attempts, waitListener] });
    const burstIds = others.slice(0, 5000);
    const [waitsBefore, limited] = [waits.length, await measure(() => burst.friendCheck({ From_Account: from, To_Account: burstIds, CheckType: 'CheckResult_Type_Both' }))];
    const burstWaits = waits.slice(waitsBefore);
    const burstOk = limited.result.InfoItem.filter((item) => item.ResultCode === 0 && item.Relation === emu.store.relation(from, item.To_Account, 'CheckResult_Type_Both')).length;
    wrong += burstIds.length - burstOk - (limited.result.Fail_Account?.length ?? 0);
    io.print(`\nrate limit: friend_check of ${number(burstIds.length)} accounts in chunks of 10: ${limited.line}`);
    io.print(`  ${number(burstWaits.length)} attempts waited for a slot (longest ${Math.round(burstWaits.reduce((longest, wait) => Math.max(longest, wait), 0))} ms); busiest second at the emulator: ${emu.stats.endpoints['v4/sns/friend_check'].peakPerInterval} requests (limit 200)`);

    io.print(`\n${emulatorCounts(emu.stats).join('\n')}`);
    io.print(`done in ${seconds(performance.now() - started)}: ${wrong === 0 ? 'every answer checked and correct' : `${wrong} wrong answers`}`);
    return wrong === 0 ? 0 : 1;
  } finally {
    await emu.close();
  }
}
