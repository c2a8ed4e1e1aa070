import { describe, expect, it } from 'vitest';
import { createClient, type ClientOptions } from '../../src/index.js';
import { asValidationError, thrown } from '../support/caught.js';
import { fakeFetch } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const creationError = (options: unknown) => asValidationError(thrown(() => createClient(options as ClientOptions)));

const body = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' } as const;

describe('createClient options', () => {
  it.each([
    [{ ...testApp, sdkAppId: '1400000000' }, 'sdkAppId', 'must be a positive integer'],
    [{ ...testApp, sdkAppId: -1 }, 'sdkAppId', 'must be a positive integer'],
    [{ ...testApp, sdkAppId: 1.5 }, 'sdkAppId', 'must be a positive integer'],
    [{ ...testApp, identifier: '' }, 'identifier', 'must not be empty'],
    [{ ...testApp, identifier: 'x'.repeat(33) }, 'identifier', 'must be at most 32 bytes in UTF-8'],
    [{ sdkAppId: 1, secretKey: 'k' }, 'identifier', 'is required'],
    [{ ...testApp, secretKey: '' }, 'secretKey', 'must not be empty'],
    [{ sdkAppId: 1, identifier: 'a' }, '', 'give exactly one of secretKey, userSig or getUserSig'],
    [{ ...testApp, getUserSig: () => 'x' }, '', 'give exactly one of secretKey, userSig or getUserSig'],
    [{ sdkAppId: 1, identifier: 'a', userSig: 'has space' }, 'userSig', 'must be a UserSig (only A-Z a-z 0-9 * _ -)'],
    [{ sdkAppId: 1, identifier: 'a', getUserSig: 'sig' }, 'getUserSig', 'must be a function'],
    [{ ...testApp, region: 'mars' }, 'region', expect.stringContaining('must be one of china, singapore')],
    [{ ...testApp, baseUrl: 'not a url' }, 'baseUrl', 'must be an absolute URL'],
    [{ ...testApp, baseUrl: 'http://proxy.internal/tim' }, 'baseUrl', 'must use https (plain http is allowed only for loopback hosts)'],
    [{ ...testApp, baseUrl: 'ftp://127.0.0.1' }, 'baseUrl', 'must be an http(s) URL'],
    [{ ...testApp, baseUrl: 'https://proxy.internal/tim?x=1' }, 'baseUrl', 'must not have a query or a fragment'],
    [{ ...testApp, baseUrl: 'https://proxy.internal/tim?' }, 'baseUrl', 'must not have a query or a fragment'],
    [{ ...testApp, baseUrl: 'https://proxy.internal/tim#' }, 'baseUrl', 'must not have a query or a fragment'],
    [{ ...testApp, baseUrl: 'https://ops:hunter2@proxy.internal/tim' }, 'baseUrl', 'must not contain credentials (user:password@)'],
    [{ ...testApp, baseUrl: 'http://ops@127.0.0.1:8080' }, 'baseUrl', 'must not contain credentials (user:password@)'],
    [{ ...testApp, region: 'tokyo', baseUrl: 'https://proxy.internal' }, '', 'give region or baseUrl, not both'],
    [{ ...testApp, timeout: 0 }, 'timeout', 'must be at least 1 ms'],
    [{ ...testApp, timeout: 2 ** 31 }, 'timeout', 'must be at most 2147483647 ms'],
    [{ ...testApp, fetch: 'fetch' }, 'fetch', 'must be a fetch function'],
    [{ ...testApp, plugins: 'all' }, 'plugins', 'must be a list of plugins or a function of the default plugins'],
    [{ ...testApp, name: '' }, 'name', 'must not be empty'],
    [{ ...testApp, name: 7 }, 'name', 'must be a string'],
    [{ ...testApp, name: 'x'.repeat(65) }, 'name', 'must be at most 64 characters'],
    [{ ...testApp, name: 'orders\nFAKE log line' }, 'name', 'must not hold control characters'],
    [{ ...testApp, sdkAppID: 1 }, 'sdkAppID', 'is not a client option'],
    [{ ...testApp, constructor: 1 }, 'constructor', 'is not a client option'],
    [Object.assign([], testApp), '', 'must be a plain object'],
    [null, '', 'must be an object'],
  ])('names the bad option %#', (options, path, reason) => {
    const error = creationError(options);
    expect(error.path).toBe(path);
    expect(error.reason).toEqual(reason);
    expect(error.message).toContain('Invalid client options');
  });

  describe('a malformed plugin is named by its place in the list the caller wrote', () => {
    const pass = (ctx: never, next: (ctx: never) => never) => next(ctx);
    const nameless = { name: '', phase: 'call', run: pass };
    const good = { name: 'good', phase: 'call', run: pass };
    it.each([
      ['the only plugin passed', { plugins: [nameless] }, 'plugins[0].name', 'must be a non-empty string'],
      ['the second plugin passed', { plugins: [good, null] }, 'plugins[1]', 'must be a plugin object { name, phase, run }'],
      // A logger adds the logging plugins before the defaults: still the caller's own count.
      ['the only plugin, with a logger', { plugins: [nameless], logger: { debug() {}, info() {}, warn() {}, error() {} } }, 'plugins[0].name', 'must be a non-empty string'],
      ['the only plugin a function returns', { plugins: () => [nameless] }, 'plugins[0].name', 'must be a non-empty string'],
      ['the third plugin a function returns', { plugins: (defaults: readonly unknown[]) => [...defaults.slice(0, 2), nameless, ...defaults.slice(2)] }, 'plugins[2].name', 'must be a non-empty string'],
    ])('%s', (_label, options, path, reason) => {
      const error = creationError({ ...testApp, ...options });
      expect(error.path).toBe(path);
      expect(error.reason).toBe(reason);
      expect(error.message).toBe(`Invalid plugins: ${path}: ${reason}`);
    });
  });

  it('never quotes the secret key, even when it is the bad value', () => {
    const error = creationError({ ...testApp, secretKey: 12345678901234 });
    expect(error.path).toBe('secretKey');
    expect(JSON.stringify(error) + error.message + String(error.stack)).not.toContain('12345678901234');
  });

  it.each(['http://127.0.0.1:8080', 'http://127.8.9.10', 'http://localhost:1234/x', 'http://[::1]:80', 'https://proxy.internal/tim/'])(
    'accepts the base URL %s',
    (baseUrl) => {
      expect(() => createClient({ ...testApp, baseUrl })).not.toThrow();
    },
  );

  it.each([
    ['china', 'console.tim.qq.com'],
    ['singapore', 'adminapisgp.im.qcloud.com'],
    ['seoul', 'adminapikr.im.qcloud.com'],
    ['tokyo', 'adminapijpn.im.qcloud.com'],
    ['frankfurt', 'adminapiger.im.qcloud.com'],
    ['mumbai', 'adminapiind.im.qcloud.com'],
    ['silicon-valley', 'adminapiusa.im.qcloud.com'],
    ['jakarta', 'adminapiidn.im.qcloud.com'],
  ] as const)('sends %s requests to https://%s', async (region, host) => {
    const fake = fakeFetch();
    await createClient({ ...testApp, region, fetch: fake.fetch }).friendCheck({ ...body, To_Account: ['bob'] });
    expect(fake.calls[0]?.url.origin).toBe(`https://${host}`);
    expect(fake.calls[0]?.url.pathname).toBe('/v4/sns/friend_check');
  });

  it('defaults to the China domain', async () => {
    const fake = fakeFetch();
    await createClient({ ...testApp, fetch: fake.fetch }).friendCheck({ ...body, To_Account: ['bob'] });
    expect(fake.calls[0]?.url.host).toBe('console.tim.qq.com');
  });
});
