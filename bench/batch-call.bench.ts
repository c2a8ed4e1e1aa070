// Issue 11 row 5: the client's CPU per 1,000-account request must not grow with the size of the
// call. A 1-chunk call (1,000 accounts) is the reference for a 100-chunk call (100,000) and a
// 1,000-chunk call (1,000,000), each pair interleaved; all through the default client (validation,
// chunking, retry, signing from cache, nonce, ky, decode, alignment, merge) against a fetch that
// answers at once from prepared bodies. The fake fetch reads each request body (as a real one
// would to send it), which is counted on both sides alike. Each sample starts from a collected
// heap (settle), so a big call's result is not collected in the next 1-chunk sample. The 1-chunk
// side makes 200 calls per sample: its own young-generation collections are counted, and the
// few slower calls just after a full collection weigh little.
import { describe } from 'vitest';
import type { FriendCheckRequest } from '../src/index.js';
import { timfetch } from './support/built.js';
import { testApp } from '../test/support/test-app.js';
import { accounts, chunkAnswers, chunkFetch } from './support/friend-check-fixture.js';
import { interleaved, type Side } from './support/interleaved.js';

const { createClient } = timfetch;

const all = accounts(1_000_000);
const answers = chunkAnswers(1000);
// No limiter: at 200 requests/s it would make the client wait (bench/rate-limit.bench.ts measures it).
const tim = createClient({ ...testApp, fetch: chunkFetch(answers), rateLimit: false });

function call(chunks: number, calls = 1): Side {
  const body: FriendCheckRequest = { From_Account: 'owner', To_Account: all.slice(0, chunks * 1000), CheckType: 'CheckResult_Type_Both' };
  return {
    label: `${chunks}-chunk call`,
    run: async () => {
      const answer = await tim.friendCheck(body);
      if (answer.InfoItem.length !== body.To_Account.length) throw new Error('lost accounts');
    },
    calls,
    units: chunks,
  };
}

describe('5. client CPU per 1,000-account request, by size of the call', () => {
  interleaved({
    row: '5a CPU per request, 100 chunks / 1 chunk',
    ours: call(100),
    theirs: call(1, 200),
    measure: 'cpu',
    settle: true,
    unit: 'ms CPU per request',
    target: 1.1,
    options: { time: 10_000, warmupTime: 1000 },
  });
  interleaved({
    row: '5b CPU per request, 1,000 chunks / 1 chunk',
    ours: call(1000),
    theirs: call(1, 200),
    measure: 'cpu',
    settle: true,
    unit: 'ms CPU per request',
    target: 1.1,
    // A 1,000,000-account call takes seconds: a few iterations only.
    options: { time: 0, iterations: 4, warmupTime: 0, warmupIterations: 1 },
  });
});

// The floor under row 5, not a timfetch figure: JSON.parse alone, keeping what it parses (as any
// client returning a 1,000,000-account result must) against discarding it. Objects that survive
// are copied by the young-generation collector and then marked by full collections while the
// heap grows: that cost comes with the result's size, whoever parses it.
describe('5 (reference). JSON.parse per 1,000-item answer, keeping 1,000 answers / keeping none', () => {
  const parseAll = (keep: boolean): Side => ({
    label: keep ? 'JSON.parse of 1,000 answers, all kept' : 'JSON.parse of 1 answer, discarded',
    run: () => {
      const kept: unknown[] = [];
      for (let i = 0; i < (keep ? answers.length : 1); i++) {
        const answer: unknown = JSON.parse(answers[i] as string);
        if (keep) kept.push(answer);
      }
      return kept.length;
    },
    calls: keep ? 1 : 200,
    units: keep ? answers.length : 1,
  });
  interleaved({
    row: '5 reference: JSON.parse keeping 1,000 answers / 1',
    ours: parseAll(true),
    theirs: parseAll(false),
    measure: 'cpu',
    settle: true,
    unit: 'ms CPU per answer',
    target: 1.1,
    options: { time: 0, iterations: 4, warmupTime: 0, warmupIterations: 1 },
  });
});
