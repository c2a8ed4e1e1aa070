// Issue 11 row 4: one whole tim.friendCheck of 1,000 accounts (validation, pipeline, ky, decode,
// alignment) against a fetch that answers at once, next to the least a caller could do with the
// same answer: read it and JSON.parse it. Both sides make a new Response from the same string.
import { describe } from 'vitest';
import type { FriendCheckRequest } from '../src/index.js';
import { timfetch } from './support/built.js';
import { testApp } from '../test/support/test-app.js';
import { accounts, answerBody } from './support/friend-check-fixture.js';
import { interleaved } from './support/interleaved.js';

const { createClient } = timfetch;

const preparedBody = answerBody(1000);
const body: FriendCheckRequest = { From_Account: 'owner', To_Account: accounts(1000), CheckType: 'CheckResult_Type_Both' };
const answerAtOnce: typeof fetch = async () => new Response(preparedBody, { headers: { 'content-type': 'application/json' } });
// No limiter: at 200 calls/s it would make the client wait (bench/rate-limit.bench.ts measures it).
const tim = createClient({ ...testApp, fetch: answerAtOnce, rateLimit: false });

describe('4. full friendCheck of 1,000 accounts, fetch answering at once', () => {
  interleaved({
    row: '4 full call, 1,000 accounts',
    ours: {
      label: 'tim.friendCheck',
      run: async () => {
        const answer = await tim.friendCheck(body);
        if (answer.InfoItem.length !== 1000) throw new Error('lost accounts');
      },
    },
    theirs: { label: 'new Response(body).text() + JSON.parse', run: async () => JSON.parse(await new Response(preparedBody).text()) as unknown },
    measure: 'wall',
    target: 1.8,
    options: { time: 4000, warmupTime: 500 },
  });
});
