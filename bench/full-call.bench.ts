// Issue 11 row 4 and issue 20's CPU row: one whole tim.friendCheck of 1,000 accounts (validation,
// pipeline, ky, decode, alignment) against a fetch that answers at once, next to the least a
// caller could do with the same answer: read it and JSON.parse it. Both sides make a new Response
// from the same prepared answer.
import ky from 'ky';
import { describe } from 'vitest';
import type { FriendCheckRequest } from '../src/index.js';
import { timfetch } from './support/built.js';
import { testApp } from '../test/support/test-app.js';
import { accounts, answerBody } from './support/friend-check-fixture.js';
import { interleaved } from './support/interleaved.js';

const { createClient } = timfetch;

const preparedBody = answerBody(1000);
const preparedBytes = new TextEncoder().encode(preparedBody);
const body: FriendCheckRequest = { From_Account: 'owner', To_Account: accounts(1000), CheckType: 'CheckResult_Type_Both' };
const answerAtOnce: typeof fetch = async () => new Response(preparedBody, { headers: { 'content-type': 'application/json' } });
// No limiter: at 200 calls/s it would make the client wait (bench/rate-limit.bench.ts measures it).
const tim = createClient({ ...testApp, fetch: answerAtOnce, rateLimit: false });
// Issue 20: the answer made from prepared bytes (no string encoding on either side), the limiter on
// (its limit out of reach), CPU per request.
const bytesAtOnce: typeof fetch = async () => new Response(preparedBytes, { headers: { 'content-type': 'application/json' } });
const limited = createClient({ ...testApp, fetch: bytesAtOnce, rateLimit: { limit: 1_000_000 } });
// The least a caller could do with the same answer, the other side of both issue 20 rows.
const readAndParse = async () => JSON.parse(await new Response(preparedBytes).text()) as unknown;

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

describe('20.4 client CPU per 1,000-account request, answered from prepared bytes', () => {
  interleaved({
    row: '20.4 CPU per 1,000-account request vs Response.text() + JSON.parse',
    ours: {
      label: 'tim.friendCheck (limiter on)',
      run: async () => {
        const answer = await limited.friendCheck(body);
        if (answer.InfoItem.length !== 1000) throw new Error('lost accounts');
      },
      calls: 20,
    },
    theirs: { label: 'new Response(bytes).text() + JSON.parse', run: readAndParse, calls: 20 },
    measure: 'cpu',
    target: 1.5,
    options: { time: 6000, warmupTime: 1000 },
  });
});

// What the transport alone costs on the same request: ky posting the same body and reading the
// same answer with its json(). ky stays the transport (a product choice), so this is the floor
// under the row above.
const kyAlone = async () => {
  const answer = await ky.post('https://console.tim.qq.com/v4/sns/friend_check', { json: body, fetch: bytesAtOnce, retry: 0 }).json<{ InfoItem: unknown[] }>();
  if (answer.InfoItem.length !== 1000) throw new Error('lost accounts');
};

describe('20.4 ky alone, CPU per 1,000-account request, answered from prepared bytes', () => {
  interleaved({
    row: '20.4 CPU per 1,000-account request: ky alone vs Response.text() + JSON.parse',
    ours: { label: 'ky.post(url, { json, fetch }).json()', run: kyAlone, calls: 20 },
    theirs: { label: 'new Response(bytes).text() + JSON.parse', run: readAndParse, calls: 20 },
    measure: 'cpu',
    target: 1.5,
    options: { time: 6000, warmupTime: 1000 },
  });
});
