// The soak's writes: every relationship-chain endpoint, called by owners that write only to
// passive accounts (never a From_Account), each owner used by one call at a time. So the relation
// between an owner and an account changes only through that owner's calls, and each call can be
// audited exactly against the emulator's store: a success shows applied, a failure leaves the
// account as it was, a -6 says nothing, and no account is applied twice by one call (the request
// log's `applied`, by the requests that arrived for the owner while its call ran).

const owners = Array.from({ length: 40 }, (_, i) => `w_owner_${i}`);
const passive = Array.from({ length: 600 }, (_, i) => `w_target_${i}`);

/** What an account looks like from an owner: everything a write may change. */
const view = (store, owner, account) =>
  JSON.stringify([store.relation(owner, account, 'CheckResult_Type_Both'), store.friendTags(owner, account) ?? null, store.blockRelation(owner, account, 'BlackCheckResult_Type_Both')]);

const groupsOf = (store, owner, account) => store.friendTags(owner, account)?.Tag_SNS_IM_Group ?? [];
const inList = (relation) => relation === 'CheckResult_Type_AWithB' || relation === 'CheckResult_Type_BothWay';
const blocks = (relation) => relation === 'BlackCheckResult_Type_AWithB' || relation === 'BlackCheckResult_Type_BothWay';

/**
 * The writes: a body for an owner and some accounts, and what a success means in the store.
 * Adds are forced (ForceAddFlags 1): a pending request is not a relation friend_check can read
 * back, so its reconciliation would send it again.
 */
const writes = {
  friendAdd: {
    body: (owner, accounts, random) => ({ From_Account: owner, AddFriendItem: accounts.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Soak' })), AddType: random() < 0.5 ? 'Add_Type_Both' : 'Add_Type_Single', ForceAddFlags: 1 }),
    applied: (store, owner, account, body) => {
      const relation = store.relation(owner, account, 'CheckResult_Type_Both');
      return body.AddType === 'Add_Type_Both' ? relation === 'CheckResult_Type_BothWay' : inList(relation);
    },
  },
  friendImport: {
    body: (owner, accounts) => ({ From_Account: owner, AddFriendItem: accounts.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Soak', Remark: `imported ${To_Account}`, AddTime: 1_700_000_000 })) }),
    // In the list: what friend_check reads back after a lost answer (the entry may be an older one).
    applied: (store, owner, account) => inList(store.relation(owner, account, 'CheckResult_Type_Both')),
  },
  friendUpdate: {
    body: (owner, accounts, random) => {
      const remark = `r${Math.floor(random() * 1000)}`;
      return { From_Account: owner, UpdateItem: accounts.map((To_Account) => ({ To_Account, SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: remark }] })) };
    },
    applied: (store, owner, account, body) => store.friendTags(owner, account)?.Tag_SNS_IM_Remark === body.UpdateItem[0].SnsItem[0].Value,
  },
  friendDelete: {
    body: (owner, accounts, random) => ({ From_Account: owner, To_Account: accounts, DeleteType: random() < 0.5 ? 'Delete_Type_Both' : 'Delete_Type_Single' }),
    applied: (store, owner, account, body) => {
      const relation = store.relation(owner, account, 'CheckResult_Type_Both');
      return body.DeleteType === 'Delete_Type_Both' ? relation === 'CheckResult_Type_NoRelation' : !inList(relation);
    },
  },
  blackListAdd: {
    body: (owner, accounts) => ({ From_Account: owner, To_Account: accounts }),
    applied: (store, owner, account) => blocks(store.blockRelation(owner, account, 'BlackCheckResult_Type_Both')) && !store.hasFriend(owner, account) && !store.hasFriend(account, owner),
  },
  blackListDelete: {
    body: (owner, accounts) => ({ From_Account: owner, To_Account: accounts }),
    applied: (store, owner, account) => !blocks(store.blockRelation(owner, account, 'BlackCheckResult_Type_Both')),
  },
  groupAdd: {
    body: (owner, accounts, random) => ({ From_Account: owner, GroupName: [`g${Math.floor(random() * 1e9)}`], To_Account: accounts }),
    applied: (store, owner, account, body) => groupsOf(store, owner, account).includes(body.GroupName[0]),
  },
};

/** The single writes: no per-account results, so the whole call is audited. */
const singleWrites = {
  friendDeleteAll: {
    body: (owner, _groups, random) => ({ From_Account: owner, DeleteType: random() < 0.5 ? 'Delete_Type_Both' : 'Delete_Type_Single' }),
    applied: (store, owner) => store.friends(owner).length === 0,
  },
  groupDelete: {
    // An owner without groups deletes one it never had: nothing to change, still a success.
    body: (owner, groups) => ({ From_Account: owner, GroupName: groups.length === 0 ? ['never made'] : groups.slice(0, 3) }),
    applied: (store, owner, body) => body.GroupName.every((name) => !store.groupNames(owner).includes(name)),
  },
};

/** The reads of an owner, each checked against the store (the owner is ours while the call runs). */
let reads = 0;
async function read(tim, store, owner, accounts, random, fail) {
  const choice = reads++ % 6;
  if (choice === 0) {
    const answer = await tim.friendCheck({ From_Account: owner, To_Account: accounts, CheckType: 'CheckResult_Type_Both' });
    for (const item of answer.InfoItem) if (item.ResultCode === 0 && item.Relation !== store.relation(owner, item.To_Account, 'CheckResult_Type_Both')) fail('friendCheck: wrong relation');
    return 'friendCheck';
  }
  if (choice === 1) {
    const answer = await tim.blackListCheck({ From_Account: owner, To_Account: accounts, CheckType: 'BlackCheckResult_Type_Both' });
    for (const item of answer.BlackListCheckItem) if (item.ResultCode === 0 && item.Relation !== store.blockRelation(owner, item.To_Account, 'BlackCheckResult_Type_Both')) fail('blackListCheck: wrong relation');
    return 'blackListCheck';
  }
  if (choice === 2) {
    const seen = [];
    for await (const page of tim.paginate(friendGetEndpoint, { From_Account: owner })) seen.push(...page.UserDataItem.map((item) => item.To_Account));
    if (JSON.stringify(seen.toSorted()) !== JSON.stringify(store.friends(owner).toSorted())) fail('friendGet walk: not the owner\'s friends, each once');
    return 'friendGet';
  }
  if (choice === 3) {
    const seen = [];
    for await (const page of tim.paginate(blackListGetEndpoint, { From_Account: owner, MaxLimited: 1 + Math.floor(random() * 50) })) seen.push(...page.BlackListItem.map((item) => item.To_Account));
    if (JSON.stringify(seen.toSorted()) !== JSON.stringify(store.blockList(owner).toSorted())) fail('blackListGet walk: not the owner\'s block list, each once');
    return 'blackListGet';
  }
  if (choice === 4) {
    const answer = await tim.groupGet({ From_Account: owner });
    if (JSON.stringify(answer.ResultItem.map((group) => group.GroupName).toSorted()) !== JSON.stringify(store.groupNames(owner).toSorted())) fail('groupGet: not the owner\'s groups');
    return 'groupGet';
  }
  const answer = await tim.friendGetList({ From_Account: owner, To_Account: accounts.slice(0, 150), TagList: ['Tag_SNS_IM_Remark'] });
  for (const item of answer.InfoItem) if (item.ResultCode === 0 && !store.hasFriend(owner, item.To_Account)) fail('friendGetList: fields of an account that is no friend');
  return 'friendGetList';
}

let friendGetEndpoint;
let blackListGetEndpoint;

/**
 * The write world of a soak: `setUp(store)` creates its accounts; `oneCall(tim, random)` runs
 * one call (a write, or a read of an owner) and audits it; `fail` collects audit failures.
 */
export function writeWorld({ store, log, fail, count, endpoints }) {
  ({ friendGet: friendGetEndpoint, blackListGet: blackListGetEndpoint } = endpoints);
  for (const account of [...owners, ...passive]) store.addAccount(account);
  const busy = new Set();
  const operations = [...Object.keys(writes), ...Object.keys(singleWrites), 'read', 'read', 'read'];
  let turn = 0;

  async function oneCall(tim, random) {
    let owner;
    do owner = owners[Math.floor(random() * owners.length)];
    while (busy.has(owner));
    busy.add(owner);
    const size = 1 + Math.floor(Math.exp(random() * Math.log(1500)));
    const start = Math.floor(random() * (passive.length - Math.min(size, passive.length)));
    const accounts = passive.slice(start, start + size);
    // In turn, so that a short soak calls every one: the writes, the single writes, then reads.
    const name = operations[turn++ % operations.length];
    const started = Date.now();
    try {
      if (name === 'read') {
        count(await read(tim, store, owner, accounts, random, fail));
        return;
      }
      const single = singleWrites[name];
      const write = writes[name] ?? single;
      const body = single === undefined ? write.body(owner, name === 'groupAdd' ? accounts.slice(0, 1000) : accounts, random) : single.body(owner, store.groupNames(owner), random);
      const listed = name === 'groupAdd' ? body.To_Account : accounts;
      const before = new Map(listed.map((account) => [account, view(store, owner, account)]));
      let answer;
      try {
        answer = await tim[name](body);
      } catch (error) {
        if (error?.code !== -6 && single === undefined) {
          for (const account of listed) if (view(store, owner, account) !== before.get(account)) fail(`${name}: a rejected call (${error?.code}) changed ${account}`);
        }
        throw error;
      }
      count(name);
      if (single !== undefined) {
        if (answer.ErrorCode === 0 && !single.applied(store, owner, body)) fail(`${name}: a success the store does not show`);
      } else {
        for (const item of answer.ResultItem ?? []) {
          if (item.ResultCode === 0 && !write.applied(store, owner, item.To_Account, body)) fail(`${name}: ${item.To_Account} reported done, the store disagrees`);
          if (item.ResultCode !== 0 && item.ResultCode !== -6 && view(store, owner, item.To_Account) !== before.get(item.To_Account)) fail(`${name}: ${item.To_Account} reported ${item.ResultCode}, yet changed`);
        }
      }
    } finally {
      const ended = Date.now();
      const applied = log.filter((entry) => entry.from === owner && entry.at >= started && entry.at <= ended).flatMap((entry) => entry.applied);
      if (new Set(applied).size !== applied.length) fail(`${name}: an account applied twice in one call`);
      busy.delete(owner);
    }
  }

  return { oneCall };
}
