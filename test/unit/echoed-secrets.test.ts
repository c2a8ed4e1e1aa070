// A server or proxy that echoes the request URL or the UserSig back — in ErrorInfo, ResultInfo,
// the status text or a fetch error, as it is or %-encoded — never gets it into an error or a result.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createClient, type FriendCheckRequest } from '../../src/index.js';
import { secretRedactor } from '../../src/plugin-kit.js';
import { rejection } from '../support/caught.js';
import { fakeFetch, json, type FakeAnswer, type FakeCall } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const check: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };
const userSigOf = (call: FakeCall) => call.url.searchParams.get('usersig') ?? '';
const percentEveryByte = (text: string) => Array.from(new TextEncoder().encode(text), (b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const echoes: [string, (sig: string, call: FakeCall) => string][] = [
  ['bare', (sig) => sig],
  ['encodeURIComponent', (sig) => encodeURIComponent(sig)],
  ['every byte %-encoded', (sig) => percentEveryByte(sig)],
  ['the whole URL', (_sig, call) => call.url.toString()],
  ['the secret key', () => testApp.secretKey],
];

/** Everything a caller can see of an outcome, as text. */
const visible = (outcome: unknown) => (outcome instanceof Error ? [String(outcome), JSON.stringify(outcome), inspect(outcome, { depth: 5 }), outcome.stack ?? ''].join('\n') : JSON.stringify(outcome));

async function outcomeOf(answer: FakeAnswer): Promise<{ text: string; secrets: string[] }> {
  const fake = fakeFetch(answer);
  const tim = createClient({ ...testApp, fetch: fake.fetch, retry: false });
  const outcome = await tim.friendCheck(check).catch((error: unknown) => error);
  return { text: visible(outcome), secrets: [testApp.secretKey, ...fake.calls.map(userSigOf)] };
}

describe('echoed secrets', () => {
  it.each(echoes)('are redacted from ErrorInfo (%s)', async (_how, echo) => {
    const { text, secrets } = await outcomeOf((call) => json({ ActionStatus: 'FAIL', ErrorCode: 70005, ErrorInfo: `bad usersig ${echo(userSigOf(call), call)}` }));
    expect(text).toContain('[redacted]');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it.each(echoes)('are redacted from item ResultInfo (%s)', async (_how, echo) => {
    const { text, secrets } = await outcomeOf((call) =>
      json({ ErrorCode: 0, InfoItem: [{ To_Account: 'bob', ResultCode: 30006, ResultInfo: `retry ${echo(userSigOf(call), call)}`, Relation: 'CheckResult_Type_NoRelation' }] }),
    );
    expect(text).toContain('[redacted]');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it.each(echoes)('are redacted from the HTTP status text (%s)', async (_how, echo) => {
    const { text, secrets } = await outcomeOf((call) => new Response('bad gateway', { status: 502, statusText: `Bad ${echo(userSigOf(call), call)}` }));
    expect(text).toContain('HTTP 502');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it.each(echoes)('are redacted from a fetch error (%s)', async (_how, echo) => {
    const { text, secrets } = await outcomeOf((call) => Promise.reject(new TypeError(`connect failed for ${echo(userSigOf(call), call)}`)));
    expect(text).toContain('Network error');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

describe('secretRedactor', () => {
  it('replaces every form and leaves other text alone', () => {
    const redact = secretRedactor(['s3cr3t/"key"', '', 'k']);
    expect(redact('a s3cr3t/"key" b')).toBe('a [redacted] b');
    expect(redact(`a ${encodeURIComponent('s3cr3t/"key"')} b`)).toBe('a [redacted] b');
    expect(redact(`a ${JSON.stringify('s3cr3t/"key"').slice(1, -1)} b`)).toBe('a [redacted] b');
    expect(redact(`a ${percentEveryByte('s3cr3t/"key"').toUpperCase()} b`)).toBe('a [redacted] b');
    expect(redact('nothing to see, 100% sure, k')).toBe('nothing to see, 100% sure, k');
  });
});
