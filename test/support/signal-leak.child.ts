// The signal-leak test's child (bundled with esbuild; run with node --expose-gc --no-opt
// --single-threaded-gc): 22,000 calls that all get one long-lived AbortSignal, as a server passes
// its shutdown signal to every call. Prints one JSON line: the heap's growth per call over the
// last 20,000 (least-squares slope of a full-GC sample every 2,000 calls) and the samples.
import { createClient, type FriendCheckRequest } from '../../src/index.js';
import { heapAfterGc } from './heap.js';
import { testApp } from './test-app.js';

// A fixed answer from a fake fetch: no socket, nothing kept per call.
const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };
const answer = JSON.stringify({
  ActionStatus: 'OK',
  ErrorCode: 0,
  ErrorInfo: '',
  ErrorDisplay: '',
  InfoItem: [{ To_Account: 'bob', ResultCode: 0, ResultInfo: '', Relation: 'CheckResult_Type_NoRelation' }],
});
const fakeFetch = (): Promise<Response> => Promise.resolve(new Response(answer, { headers: { 'content-type': 'application/json' } }));
// No rate limit: 200 requests a second would make this a two-minute test.
const tim = createClient({ ...testApp, fetch: fakeFetch, rateLimit: false });
const shutdown = new AbortController();

// The full GC after every block also keeps undici's per-Request FinalizationRegistry and WeakMap
// small: grown by a long run without one, their tables add hundreds of kB that are not ours.
// What the calls leave on `shutdown` survives any GC.
async function sampleHeap(blocks: number, block: number): Promise<number[]> {
  const heaps: number[] = [];
  for (let sample = 0; sample < blocks; sample++) {
    for (let i = 0; i < block; i++) await tim.friendCheck(body, { signal: shutdown.signal });
    heaps.push(await heapAfterGc());
  }
  return heaps;
}

/** Least-squares slope of `ys` over 0, 1, 2 …: the growth per step, robust to one odd sample. */
function slope(ys: readonly number[]): number {
  const meanX = (ys.length - 1) / 2;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  ys.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  });
  return covariance / variance;
}

const block = 2000;
// The warm-up block compiles the path and fills the caches (UserSig, ky): its sample is the baseline.
const heaps = await sampleHeap(11, block);
process.stdout.write(`${JSON.stringify({ calls: (heaps.length - 1) * block, bytesPerCall: slope(heaps) / block, heaps })}\n`);
