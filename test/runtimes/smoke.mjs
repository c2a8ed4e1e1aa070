// Runs in Node, Bun and Deno alike (plain ESM, platform APIs only): the built package end to end
// with the embedded emulator, printing one JSON line of facts for the test to check.
import { createClient, genUserSig, verifyUserSig } from '../../dist/index.js';
import { createEmulator } from '../../dist/emulator.js';

const app = { sdkAppId: 1400000000, secretKey: 'runtime-smoke-key' };
const emu = createEmulator({ ...app, seed: 3, faults: { requestError: 0.1, itemError: 0.05 } });
const accounts = Array.from({ length: 2500 }, (_, i) => `peer_${i}`);
for (const account of accounts.slice(0, 500)) emu.store.addFriend('hub', account);
const tim = createClient({ ...app, identifier: 'administrator', fetch: emu.fetch, retry: { retries: 10, minDelay: 1, maxDelay: 5 } });
const answer = await tim.friendCheck({ From_Account: 'hub', To_Account: accounts, CheckType: 'CheckResult_Type_Single' });
const userSig = await genUserSig({ ...app, identifier: 'administrator', expire: 60 });
console.log(
  JSON.stringify({
    inOrder: answer.InfoItem.every((item, i) => item.To_Account === accounts[i]) && answer.InfoItem.length === accounts.length,
    friends: answer.InfoItem.filter((item) => item.Relation === 'CheckResult_Type_AWithB').length,
    failed: answer.Fail_Account?.length ?? 0,
    requests: emu.stats.requests,
    verified: (await verifyUserSig({ ...app, identifier: 'administrator', userSig })).valid,
  }),
);
