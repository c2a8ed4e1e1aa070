// The SDK's own CPU cost of one 50,000-account friend_check: validation, 50 chunks through the
// whole pipeline (signing from cache, nonce, ky), decoding 50 answers of 1,000 items, merging.
// The fetch answers at once from prepared bodies, so only the client's work is measured.
import { bench, describe } from 'vitest';
import { createClient } from '../src/index.js';
import { testApp } from '../test/support/test-app.js';

const accounts = Array.from({ length: 50_000 }, (_, i) => `user_${String(i).padStart(6, '0')}`);
const bodies = new Map<string, string>();
for (let start = 0; start < accounts.length; start += 1000) {
  const chunk = accounts.slice(start, start + 1000);
  const InfoItem = chunk.map((To_Account, i) => ({ To_Account, Relation: i % 3 === 0 ? 'CheckResult_Type_BothWay' : 'CheckResult_Type_NoRelation', ResultCode: 0, ResultInfo: '' }));
  bodies.set(chunk[0] ?? '', JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '', InfoItem }));
}

const instantFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const { To_Account } = (await request.json()) as { To_Account: string[] };
  return new Response(bodies.get(To_Account[0] ?? ''), { headers: { 'content-type': 'application/json' } });
};

// No limiter: this measures the client's own work, not waits for the service's 200 requests/s.
const tim = createClient({ ...testApp, fetch: instantFetch, rateLimit: false });
const body = { From_Account: 'owner', To_Account: accounts, CheckType: 'CheckResult_Type_Both' } as const;

describe('one chunked call', () => {
  bench('friend_check, 50,000 accounts (50 chunks), end to end without network', async () => {
    const answer = await tim.friendCheck(body);
    if (answer.InfoItem.length !== accounts.length) throw new Error('lost accounts');
  });
});
