// The built browser bundle in real Chromium against a server that knows nothing of CORS: a request
// the browser blocks is a TimNetworkError whose message says CORS likely refused it and what the
// server must answer, and it is retried like any network failure (the browser reports both the
// same way). Beside it, a plugin's per-attempt header (ctx.headers) gets through a server whose
// preflight answer allows it. Run `rollup -c` first.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { DocumentedCorsCounts, TestServerEcho } from '../support/global-test-server.js';
import { testApp } from '../support/test-app.js';

type Bundle = typeof import('../../src/index.js');
type Plugin = import('../../src/index.js').Plugin;

const { sdkAppId, identifier, secretKey } = testApp;
const body = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Single' } as const;
const quickRetries = { minDelay: 1, maxDelay: 1 };

let bundle: Bundle;

beforeAll(async () => {
  // @ts-expect-error -- the built bundle has no declaration file; it is typed as the source below.
  bundle = (await import('../../dist/timfetch.browser.js')) as Bundle;
});

async function counts(): Promise<DocumentedCorsCounts['noCors']> {
  const response = await fetch(inject('emulatorCountsUrl'));
  return ((await response.json()) as DocumentedCorsCounts).noCors;
}

/** An attempt-phase plugin that gives each attempt its own X-Request-Id. */
const requestIds: Plugin = {
  name: 'request-ids',
  phase: 'attempt',
  run: (ctx, next) => next({ ...ctx, headers: { ...ctx.headers, 'X-Request-Id': `call-1-attempt-${ctx.attempt}` } }),
};

async function failure(call: Promise<unknown>): Promise<InstanceType<Bundle['TimNetworkError']>> {
  const error: unknown = await call.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(bundle.TimNetworkError);
  return error as InstanceType<Bundle['TimNetworkError']>;
}

describe('a request CORS blocks, in Chromium', () => {
  const baseUrl = inject('noCorsUrl');
  const target = new URL(baseUrl).origin;

  it('an answer without Access-Control-Allow-Origin: says CORS likely blocked it, and is retried like a network failure', async () => {
    const before = await counts();
    const tim = bundle.createClient({ sdkAppId, identifier, secretKey, baseUrl, retry: { ...quickRetries, retries: 1 } });
    const error = await failure(tim.friendCheck(body));
    expect(error.message).toContain(`likely blocked by CORS (the browser reports a network failure the same way): the request from ${location.origin} to ${target}`);
    expect(error.message).toContain('Access-Control-Allow-Origin');
    expect(error.message).toContain('Access-Control-Allow-Headers naming Content-Type');
    expect(error.retryable).toBe(true);
    expect(error.notSent).toBe(false); // the POST did reach the server: only its answer was blocked
    const after = await counts();
    // A simple request (no preflight) sent twice: the first attempt and its retry.
    expect(after.requests - before.requests).toBe(2);
    expect(after.preflights - before.preflights).toBe(0);
  });

  it('a preflight refused (a plugin sets a header): the same message, and the POST never sent', async () => {
    const before = await counts();
    const tim = bundle.createClient({ sdkAppId, identifier, secretKey, baseUrl, retry: false, plugins: [requestIds] });
    const error = await failure(tim.friendCheck(body));
    expect(error.message).toContain('likely blocked by CORS');
    expect(error.message).toContain('its preflight (OPTIONS)');
    const after = await counts();
    expect(after.preflights - before.preflights).toBe(1);
    expect(after.requests - before.requests).toBe(0);
  });
});

describe('ctx.headers in Chromium', () => {
  it('sends a per-attempt header through a preflight that allows it', async () => {
    const tim = bundle.createClient({ sdkAppId, identifier, secretKey, baseUrl: inject('imServerUrl'), plugins: [requestIds] });
    const answer = await tim.friendCheck({ ...body, CheckType: 'CheckResult_Type_Both' });
    const echo = (answer as unknown as { TestServerEcho: TestServerEcho }).TestServerEcho;
    expect(echo.headers['x-request-id']).toBe('call-1-attempt-1');
    expect(echo.origin).toBe(location.origin);
  });
});
