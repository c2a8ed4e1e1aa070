// The emulator server in a process of its own (as the real service is), for tests and
// benchmarks that measure timing at the server: prints its URL, and its stats as JSON when its
// standard input closes. Options come as JSON in EMULATOR_OPTIONS.
import { startEmulator } from 'timfetch/emulator';

const emu = await startEmulator(JSON.parse(process.env.EMULATOR_OPTIONS ?? '{}'));
for (const account of JSON.parse(process.env.EMULATOR_ACCOUNTS ?? '[]')) emu.store.addAccount(account);
console.log(emu.url);
process.stdin.resume();
process.stdin.on('end', async () => {
  console.log(JSON.stringify(emu.stats));
  await emu.close();
});
