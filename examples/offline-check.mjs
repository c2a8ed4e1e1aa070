// The README's offline example, runnable: `npm run build && node examples/offline-check.mjs`.
// A client wired to the embedded emulator checks who is whose friend, with no network at all.
import { createClient } from 'timfetch';
import { createEmulator } from 'timfetch/emulator';

const app = { sdkAppId: 1400000000, secretKey: 'local-key' };
const emu = createEmulator({ ...app, faults: { itemError: 0.05 }, seed: 1 });
emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'bobby' });
emu.store.addFriend('bob', 'alice');
emu.store.addFriend('alice', 'carol');
emu.store.addAccount('dave');

const tim = createClient({ ...app, identifier: 'administrator', fetch: emu.fetch });
const { InfoItem } = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob', 'carol', 'dave'], CheckType: 'CheckResult_Type_Both' });
for (const item of InfoItem) console.log(`${item.To_Account}: ${item.ResultCode === 0 ? item.Relation : `failed ${item.ResultCode}`}`);
