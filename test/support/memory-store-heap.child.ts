// The memory store test's child (bundled with esbuild; run with node --expose-gc --no-opt
// --single-threaded-gc): one store shared by 20,000 apps, each taking 20 slots, as a service that
// makes a client per app would. Prints one JSON line: the heap it holds a window after the last
// slot, and while all the keys were active, above what it held before.
import { memoryStore } from '../../src/rate-limit/memory-store.js';
import { heapAfterGc } from './heap.js';

let time = 0;
const store = memoryStore({ now: () => time });
const request = (app: number) => ({ key: `${1_400_000_000 + app}:v4/sns/friend_check`, limit: 200, window: 1050, margin: 50 });

const before = await heapAfterGc();
for (let app = 0; app < 20_000; app++) {
  for (let call = 0; call < 20; call++) (await store.acquire(request(app))).finished?.();
  time += 0.01;
}
const active = (await heapAfterGc()) - before;
time += 2000; // every key a window old: nothing of them counts any more
await store.acquire(request(-1)); // another app's call
const idle = (await heapAfterGc()) - before;
process.stdout.write(`${JSON.stringify({ active, idle })}\n`);
