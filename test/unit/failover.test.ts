// Backup domains: a network-level failure on a region's main domain moves requests to its backup
// for a while, then the main domain is probed again; a custom base URL is never rewritten.
import { describe, expect, it } from 'vitest';
import { createClient, type FriendCheckRequest, type Plugin } from '../../src/index.js';
import { failoverBaseUrls } from '../../src/client/failover.js';
import { fakeFetch, okForEachAccount, type FakeAnswer } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const check: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };
const fast = { minDelay: 1, maxDelay: 2 };
const mainDown: FakeAnswer = (call, index) => (call.url.hostname === 'adminapisgp.im.qcloud.com' ? Promise.reject(new TypeError('fetch failed')) : okForEachAccount(call, index));

describe('backup domains', () => {
  it('fail over to the region backup after a network failure, and stay there', async () => {
    const fake = fakeFetch(mainDown);
    const tim = createClient({ ...testApp, region: 'singapore', fetch: fake.fetch, retry: fast });
    await tim.friendCheck(check);
    await tim.friendCheck(check);
    expect(fake.calls.map((call) => call.url.hostname)).toEqual(['adminapisgp.im.qcloud.com', 'adminapisgp.my-imcloud.com', 'adminapisgp.my-imcloud.com']);
  });

  it('show plugins and logs where each attempt went: the backup domain once failed over', async () => {
    const fake = fakeFetch(mainDown);
    const seen: string[] = [];
    const records: Record<string, unknown>[] = [];
    const keep = (record: Record<string, unknown>) => void records.push(record);
    const logger = { debug: keep, info: keep, warn: keep, error: keep, child: () => undefined };
    const where: Plugin = { name: 'where', phase: 'transport', run: (ctx, next) => (seen.push(ctx.client.baseUrl), next(ctx)) };
    const tim = createClient({ ...testApp, region: 'singapore', fetch: fake.fetch, retry: fast, plugins: [where], logger, logLevel: 'debug' });
    await tim.friendCheck(check);
    expect(seen).toEqual(['https://adminapisgp.im.qcloud.com', 'https://adminapisgp.my-imcloud.com']);
    const urls = records.filter((record) => record.event === 'attempt.start').map((record) => new URL(record.url as string).host);
    expect(urls).toEqual(['adminapisgp.im.qcloud.com', 'adminapisgp.my-imcloud.com']);
  });

  it('do not fail over on an HTTP error: the server answered', async () => {
    const fake = fakeFetch((call, index) => (index === 0 ? new Response('', { status: 502 }) : okForEachAccount(call, index)));
    await createClient({ ...testApp, region: 'singapore', fetch: fake.fetch, retry: fast }).friendCheck(check);
    expect(fake.calls.map((call) => call.url.hostname)).toEqual(['adminapisgp.im.qcloud.com', 'adminapisgp.im.qcloud.com']);
  });

  it('never rewrite a custom base URL', async () => {
    const fake = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    await createClient({ ...testApp, baseUrl: 'https://proxy.internal/tim', fetch: fake.fetch, retry: fast }).friendCheck(check).catch(() => undefined);
    expect(new Set(fake.calls.map((call) => call.url.host))).toEqual(new Set(['proxy.internal']));
    expect(fake.calls).toHaveLength(4);
  });

  it('probe the main domain again after the hold, and go back to the backup if it still fails', () => {
    let time = 0;
    const urls = failoverBaseUrls('https://main', 'https://backup', { holdMs: 1000, now: () => time });
    expect(urls.current()).toBe('https://main');
    urls.unreachable('https://main');
    expect(urls.current()).toBe('https://backup');
    urls.unreachable('https://backup'); // the backup failing does not extend the hold
    time = 999;
    expect(urls.current()).toBe('https://backup');
    time = 1000;
    expect(urls.current()).toBe('https://main');
    urls.unreachable('https://main');
    expect(urls.current()).toBe('https://backup');
    time = 2000;
    expect(urls.current()).toBe('https://main');
  });
});
