import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createClient,
  describeErrorCode,
  TimApiError,
  TimBatchError,
  TimError,
  TimNetworkError,
  TimTimeoutError,
} from '../../src/index.js';
import { redactSecrets } from '../../src/util/redact.js';
import { fakeFetch } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const body = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' } as const;

describe('error code table', () => {
  it.each([
    [30006, 'transient'],
    [30007, 'transient'],
    [60008, 'transient'],
    [70169, 'transient'],
    [70500, 'transient'],
    [90992, 'transient'],
    [91000, 'transient'],
    [60007, 'throttled'],
    [60011, 'throttled'],
    [60018, 'throttled'],
    [70001, 'renew-signature'],
    [70052, 'renew-signature'],
    [30001, 'never'],
    [30003, 'never'],
    [60010, 'never'],
    [70009, 'never'],
    [12345, 'never'],
  ])('classifies %i as %s', (code, retry) => {
    expect(describeErrorCode(code).retry).toBe(retry);
  });

  it('makes TimApiError retryable for transient and throttled codes only', () => {
    expect(new TimApiError({ ErrorCode: 30007 }).retryable).toBe(true);
    expect(new TimApiError({ ErrorCode: 60007 }).retryable).toBe(true);
    expect(new TimApiError({ ErrorCode: 70001 }).retryable).toBe(false);
    expect(new TimApiError({ ErrorCode: 30001 }).retryable).toBe(false);
    expect(new TimApiError({ ErrorCode: 30001, ErrorInfo: 'bad To_Account' }).message).toBe('IM error 30001 (invalid parameter): bad To_Account');
  });
});

describe('TimBatchError', () => {
  it('carries the partial result and the cause of the failed chunk', () => {
    const cause = new TimTimeoutError(5000, { endpoint: 'friendCheck' });
    const partial = { ErrorCode: 0, InfoItem: [], Fail_Account: ['bob'] };
    const error = new TimBatchError(cause, partial);
    expect(error).toBeInstanceOf(TimError);
    expect(error).toMatchObject({ code: -2, retryable: true, endpoint: 'friendCheck', result: partial, cause });
    expect(error.message).toBe('Batch stopped after a chunk failed: No answer within 5000 ms');
  });
});

describe('secrets', () => {
  it('redacts a usersig query value wherever it appears', () => {
    expect(redactSecrets('POST https://h/v4/sns/friend_check?sdkappid=1&identifier=a&usersig=eJw1*a_b-c&random=5 failed')).toBe(
      'POST https://h/v4/sns/friend_check?sdkappid=1&identifier=a&usersig=[redacted]&random=5 failed',
    );
    expect(redactSecrets('at ?UserSig=abc')).toBe('at ?UserSig=[redacted]');
  });

  it('keeps a UserSig quoted by a failing fetch out of the error', async () => {
    let userSig = '';
    const leaky = fakeFetch((call) => {
      userSig = call.url.searchParams.get('usersig') ?? '';
      throw new TypeError(`could not reach ${call.url.href}`);
    });
    const tim = createClient({ ...testApp, fetch: leaky.fetch });
    const error = await tim.friendCheck(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimNetworkError);
    expect(userSig.length).toBeGreaterThan(20);
    for (const text of [String(error), inspect(error, { depth: 5 }), JSON.stringify(error), (error as Error).stack ?? '']) {
      expect(text).not.toContain(userSig);
      expect(text).not.toContain(testApp.secretKey);
    }
    expect((error as Error).message).toContain('usersig=[redacted]');
  });
});
