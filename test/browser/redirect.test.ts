// A redirect in real Chromium: with `redirect: 'manual'` the browser gives the page an
// `opaqueredirect` (status 0, no Location), never the target's answer. The client refuses it with
// a TimHttpError that says the browser hides the target. Imports the sources (no build needed).
import { expect, inject, it } from 'vitest';
import { createClient, isTimHttpError } from '../../src/index.js';
import { testApp } from '../support/test-app.js';

it('refuses an opaque redirect with TimHttpError 300, not retried', async () => {
  const tim = createClient({ ...testApp, baseUrl: inject('redirectingUrl') });
  const error: unknown = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' }).catch((e: unknown) => e);
  expect(isTimHttpError(error)).toBe(true);
  expect(error).toMatchObject({
    status: 300,
    code: 300,
    retryable: false,
    message: 'HTTP 300: redirect refused (the IM service does not redirect); the browser hides its status and target',
  });
  expect((error as { attempts?: number }).attempts).toBeUndefined();
});
