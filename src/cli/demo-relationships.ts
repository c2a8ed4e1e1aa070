// The relationship-chain part of `timfetch demo`: an import with progress, a check, paged
// exports, a block and a friend group, every answer checked against the emulator's store.
import type { TimClient } from '../client/create-client.js';
import type { EmulatorStore } from '../emulator/store.js';
import type { BatchItem } from '../endpoints/batch.js';
import { isOk } from '../endpoints/result-helpers.js';
import { blackListGet } from '../endpoints/sns/black-list-get.js';
import { friendGet } from '../endpoints/sns/friend-get.js';
import { unknownOutcomeCode } from '../errors/error-codes.js';

/** What the relationship part needs from the demo. */
export interface RelationshipDemo {
  readonly tim: TimClient;
  readonly store: EmulatorStore;
  readonly print: (line: string) => void;
  /** Runs a call and describes it: chunks, HTTP attempts, retries, time. */
  readonly measure: <T>(run: () => Promise<T>) => Promise<{ result: T; line: string }>;
  /** Generated accounts to relate (the hub excluded). */
  readonly accounts: readonly string[];
  /** A generated account with many friends. */
  readonly hub: string;
  /** Accounts reported done by reconciling after a lost answer, so far. */
  readonly reconciled: () => number;
}

const number = (n: number) => n.toLocaleString('en-US');

/** `AWithB 1,500 · NoRelation 3`: the items' relations without their prefix, failed ones as `failed`. */
function relations(items: readonly (BatchItem & { Relation?: unknown })[]): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const label = isOk(item) ? String(item.Relation).replace(/^(Black)?CheckResult_Type_/, '') : 'failed';
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, count]) => `${label} ${number(count)}`).join(' · ');
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => b[i] === id);

/** How a printed answer compares with the store. */
const verdict = (mismatches: number) => (mismatches === 0 ? 'as in the store' : `${number(mismatches)} NOT as in the store`);

/** Runs the relationship-chain part and returns how many answers disagreed with the store. */
export async function relationshipDemo({ tim, store, print, measure, accounts, hub, reconciled }: RelationshipDemo): Promise<number> {
  let wrong = 0;
  const size = Math.min(1500, accounts.length);
  if (size === 0) return 0;

  // friend_import: two owners, a migration of a few thousand relations, with progress.
  const owners = ['demo_import_1', 'demo_import_2'] as const;
  for (const owner of owners) store.addAccount(owner);
  const batches = owners.map((owner, o) => ({
    owner,
    entries: (o === 0 ? accounts.slice(0, size) : accounts.slice(-size)).map((To_Account, i) => ({
      To_Account,
      AddSource: 'AddSource_Type_Import',
      Remark: `imported #${i + 1}`,
      GroupName: [i % 3 === 0 ? 'team' : 'contacts'],
      AddTime: 1_700_000_000 + i,
    })),
  }));
  const total = size * owners.length;
  const completed = new Map<string, number>();
  const progress: number[] = [];
  const reconciledBefore = reconciled();
  const imported = await measure(() =>
    Promise.all(
      batches.map(({ owner, entries }) =>
        tim.friendImport(
          { From_Account: owner, AddFriendItem: entries },
          {
            onProgress: ({ completedAccounts }) => {
              completed.set(owner, completedAccounts);
              progress.push([...completed.values()].reduce((sum, n) => sum + n, 0));
            },
          },
        ),
      ),
    ),
  );
  let importOk = 0;
  let importFailed = 0;
  batches.forEach(({ owner, entries }, o) => {
    const answer = imported.result[o];
    if (answer === undefined) return;
    wrong += entries.length - answer.ResultItem.length; // nothing lost
    const sent = new Map(entries.map((entry) => [entry.To_Account, entry]));
    for (const item of answer.ResultItem) {
      const entry = store.friendTags(owner, item.To_Account);
      if (isOk(item)) {
        const ok = entry?.Tag_SNS_IM_Remark === sent.get(item.To_Account)?.Remark && entry?.Tag_SNS_IM_AddTime === sent.get(item.To_Account)?.AddTime;
        if (ok) importOk++;
        else wrong++;
      } else if (item.ResultCode === unknownOutcomeCode || entry === undefined) importFailed++;
      else wrong++; // reported failed, yet imported
    }
  });
  const byReconciling = reconciled() - reconciledBefore;
  print(`\nfriend_import ${number(total)} relations for ${owners.length} owners: ${imported.line}`);
  print(
    `  progress ${progress.map(number).join(' → ')} · ${number(importOk)} imported${importFailed > 0 ? `, ${number(importFailed)} failed` : ''}` +
      `${byReconciling > 0 ? ` (${number(byReconciling)} confirmed by reconciling a lost answer)` : ''}, each entry checked in the store`,
  );

  // friend_check of what was imported, then friend_get walked page by page.
  const [owner, other] = owners;
  const importedIds = batches[0]?.entries.map((entry) => entry.To_Account) ?? [];
  const check = await tim.friendCheck({ From_Account: owner, To_Account: importedIds, CheckType: 'CheckResult_Type_Both' });
  const checkWrong = check.InfoItem.filter((item) => isOk(item) && item.Relation !== store.relation(owner, item.To_Account, 'CheckResult_Type_Both')).length;
  wrong += checkWrong;
  let pages = 0;
  const walked: string[] = [];
  for await (const page of tim.paginate(friendGet, { From_Account: owner })) {
    pages++;
    walked.push(...page.UserDataItem.map((friend) => friend.To_Account));
  }
  const walkOk = sameList(walked, store.friends(owner));
  if (!walkOk) wrong++;
  print(`friend_check ${owner} vs its ${number(importedIds.length)} imports: ${relations(check.InfoItem)}, ${verdict(checkWrong)}`);
  print(`friend_get walk of ${owner}: ${pages} pages, ${number(walked.length)} friends, ${walkOk ? "the store's list in order" : "NOT the store's list"}`);

  // A block ends a friendship both ways; black_list_get walks the block list.
  const mutual = store.friends(hub).filter((id) => store.relation(hub, id, 'CheckResult_Type_Both') === 'CheckResult_Type_BothWay').slice(0, 100);
  if (mutual.length > 0) {
    const blocked = await tim.blackListAdd({ From_Account: hub, To_Account: mutual });
    const blockList = new Set(store.blockList(hub));
    let blockWrong = blocked.ResultItem.filter((item) => isOk(item) !== blockList.has(item.To_Account) && item.ResultCode !== unknownOutcomeCode).length;
    const blockCheck = await tim.blackListCheck({ From_Account: hub, To_Account: mutual, CheckType: 'BlackCheckResult_Type_Both' });
    blockWrong += blockCheck.BlackListCheckItem.filter((item) => isOk(item) && item.Relation !== store.blockRelation(hub, item.To_Account, 'BlackCheckResult_Type_Both')).length;
    const after = await tim.friendCheck({ From_Account: hub, To_Account: mutual, CheckType: 'CheckResult_Type_Both' });
    blockWrong += after.InfoItem.filter((item) => isOk(item) && item.Relation !== store.relation(hub, item.To_Account, 'CheckResult_Type_Both')).length;
    wrong += blockWrong;
    let blockPages = 0;
    const listed: string[] = [];
    for await (const page of tim.paginate(blackListGet, { From_Account: hub, MaxLimited: 25 })) {
      blockPages++;
      listed.push(...page.BlackListItem.map((item) => item.To_Account));
    }
    const listOk = sameList(listed, store.blockList(hub));
    if (!listOk) wrong++;
    print(`black_list_add ${hub} blocks ${mutual.length} mutual friends: black_list_check ${relations(blockCheck.BlackListCheckItem)} · friend_check ${relations(after.InfoItem)}, ${verdict(blockWrong)}`);
    print(`black_list_get walk of ${hub}, 25 per page: ${blockPages} pages, ${number(listed.length)} blocked, ${listOk ? "the store's list in order" : "NOT the store's list"}`);
  }

  // group_add with friends (and two accounts that are not), group_get read back.
  const group = 'on-call';
  const members = [...importedIds.slice(0, 40), other, hub];
  const added = await tim.groupAdd({ From_Account: owner, GroupName: [group], To_Account: members });
  const inGroup = (id: string) => store.friendTags(owner, id)?.Tag_SNS_IM_Group?.includes(group) === true;
  let [joined, notFriends, unknown, groupWrong] = [0, 0, 0, 0];
  const failed: number[] = [];
  for (const item of added.ResultItem ?? []) {
    if (item.ResultCode === unknownOutcomeCode) unknown++;
    else if (isOk(item) && inGroup(item.To_Account)) joined++;
    else if (item.ResultCode === 32216 && !store.hasFriend(owner, item.To_Account)) notFriends++;
    else if (isOk(item) || item.ResultCode === 32216 || inGroup(item.To_Account)) groupWrong++; // the answer and the store disagree
    else failed.push(item.ResultCode);
  }
  wrong += groupWrong;
  const groups = await tim.groupGet({ From_Account: owner, NeedFriend: 'Need_Friend_Type_Yes' });
  const groupsOk =
    sameList(groups.ResultItem.map((g) => g.GroupName), store.groupNames(owner)) &&
    groups.ResultItem.every((g) => {
      const expected = store.friends(owner).filter((id) => store.friendTags(owner, id)?.Tag_SNS_IM_Group?.includes(g.GroupName) === true);
      return g.FriendNumber === expected.length && sameList([...(g.To_Account ?? [])].sort(), expected.sort());
    });
  if (!groupsOk) wrong++;
  print(
    `group_add ${group} for ${owner} with ${members.length} accounts: ${joined} added · ${notFriends} not friends (32216)${failed.length > 0 ? ` · ${failed.length} failed (${[...new Set(failed)].join(', ')})` : ''}` +
      `${unknown > 0 ? ` · ${unknown} outcome unknown (-6), read back with group_get` : ''}, ${verdict(groupWrong)}`,
  );
  print(`  group_get: ${groups.ResultItem.map((g) => `${g.GroupName} ${number(g.FriendNumber)}`).join(' · ')}, ${groupsOk ? 'as in the store' : 'NOT as in the store'}`);
  return wrong;
}
