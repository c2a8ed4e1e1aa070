// Row 6's child (bundled with esbuild, run with node --expose-gc): the peak heap of one
// 100,000-account friend_check against the heap its finished result holds. Prints one JSON line.
// With --live every sample first runs a full GC, so the peak is of live objects, not garbage.
import { createClient, type FriendCheckRequest } from '../../src/index.js';
import { testApp } from '../../test/support/test-app.js';
import { accounts, chunkAnswers, chunkFetch } from './friend-check-fixture.js';

const collect = globalThis.gc ?? ((): never => {
  throw new Error('run with node --expose-gc');
})();
const live = process.argv.includes('--live');
const count = 100_000;
const heapUsed = () => process.memoryUsage().heapUsed;
// Full GCs with turns of the event loop between them, so finalizers and timers let go too.
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let peak = 0;
const sample = () => {
  if (live) collect();
  peak = Math.max(peak, heapUsed());
};
// Sampled as each request leaves (the fetch stub), as each chunk finishes (onProgress) and on a timer.
const tim = createClient({ ...testApp, fetch: chunkFetch(chunkAnswers(count / 1000), sample), rateLimit: false });
const body: FriendCheckRequest = { From_Account: 'owner', To_Account: accounts(count), CheckType: 'CheckResult_Type_Both' };

// A first call compiles the path, so code and type feedback are part of the baseline. It runs in
// a function of its own: an unused await result at top level can stay alive in the module's
// frame and would be counted in the baseline.
async function warmUp(): Promise<void> {
  await tim.friendCheck(body);
}
await warmUp();
await settle();
const baseline = heapUsed();
peak = baseline;
const timer = setInterval(sample, 1);
const result = await tim.friendCheck(body, { onProgress: sample });
clearInterval(timer);
sample();
await settle();
const retained = heapUsed() - baseline;
if (result.InfoItem.length !== count) throw new Error('lost accounts');
process.stdout.write(`${JSON.stringify({ baseline, peak, retained })}\n`);
