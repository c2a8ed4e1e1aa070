import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createClient,
  TimApiError,
  TimError,
  TimHttpError,
  TimNetworkError,
  TimResponseError,
  TimTimeoutError,
  TimValidationError,
  type FriendCheckRequest,
} from '../../src/index.js';
import { rejection } from '../support/caught.js';
import { answerAllAccounts, startTestServer, type TestServer } from '../support/im-test-server.js';
import { testApp } from '../support/test-app.js';

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob', 'carol'], CheckType: 'CheckResult_Type_Both' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(testApp);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.respond(answerAllAccounts);
});

// The transport alone: one request per call, no chunking or retry around it.
const client = (extra: { timeout?: number; baseUrl?: string } = {}) =>
  createClient({ ...testApp, baseUrl: server.url, chunking: false, retry: false, ...extra });


/** Asserts that neither the key nor the UserSig of the last request leaks through an error. */
function expectNoSecrets(error: unknown): void {
  const userSig = server.requests.at(-1)?.query.usersig ?? 'no-request';
  for (const text of [String(error), inspect(error, { depth: 5 }), JSON.stringify(error), (error as Error).stack ?? '']) {
    expect(text).not.toContain(testApp.secretKey);
    expect(text).not.toContain(userSig);
  }
}

describe('transport', () => {
  it('POSTs JSON to {baseUrl}/v4/sns/{command} with the documented query, in order', async () => {
    await client().friendCheck(body);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v4/sns/friend_check');
    expect(request?.queryOrder).toEqual(['sdkappid', 'identifier', 'usersig', 'random', 'contenttype']);
    expect(request?.query).toMatchObject({ sdkappid: '1400000000', identifier: 'administrator', contenttype: 'json' });
    expect(request?.query.random).toMatch(/^\d+$/);
    expect(Number(request?.query.random)).toBeLessThanOrEqual(0xffff_ffff);
    expect(request?.userSigValid).toBe(true);
    expect(request?.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(request?.body).toEqual(body);
  });

  it('keeps a base URL path prefix (proxies)', async () => {
    await client({ baseUrl: `${server.url}/proxy/tim/` }).friendGetList({ From_Account: 'a', To_Account: ['b'], TagList: ['Tag_Profile_IM_Nick'] });
    expect(server.requests[0]?.path).toBe('/proxy/tim/v4/sns/friend_get_list');
  });

  it('resolves to the validated answer, keeping unknown fields and a missing ActionStatus', async () => {
    server.respond(() => ({
      body: { ErrorCode: 0, NewField: 1, InfoItem: [{ To_Account: 'bob', Relation: 'CheckResult_Type_BothWay', ResultCode: 0, Extra: 'x' }] },
    }));
    const answer = await client().friendCheck({ ...body, To_Account: ['bob'] });
    expect(answer).toEqual({ ErrorCode: 0, NewField: 1, InfoItem: [{ To_Account: 'bob', Relation: 'CheckResult_Type_BothWay', ResultCode: 0, Extra: 'x' }] });
  });

  it('holds the nothing-lost rules without chunking too: request order, no stranger, none missing, Fail_Account exact', async () => {
    server.respond(() => ({
      body: {
        ErrorCode: 0,
        Fail_Account: ['zed'],
        InfoItem: [
          { To_Account: 'zed', Relation: 'CheckResult_Type_NoRelation', ResultCode: 30006 },
          { To_Account: 'carol', Relation: 'CheckResult_Type_AWithB', ResultCode: 0 },
          { To_Account: 'carol', Relation: 'CheckResult_Type_BothWay', ResultCode: 0 },
        ],
      },
    }));
    const answer = await client().friendCheck({ ...body, To_Account: ['bob', 'carol', 'bob'] });
    expect(answer.InfoItem).toEqual([
      { To_Account: 'bob', ResultCode: -3, ResultInfo: 'the answer had no result for this account' },
      { To_Account: 'carol', Relation: 'CheckResult_Type_AWithB', ResultCode: 0 },
    ]);
    expect(answer.Fail_Account).toEqual(['bob']);
  });

  it('turns a non-zero ErrorCode into TimApiError with the code table meaning', async () => {
    server.respond(() => ({ body: { ActionStatus: 'FAIL', ErrorCode: 30003, ErrorInfo: 'account not found', ErrorDisplay: 'd', RequestId: 'r-1' } }));
    const error = await rejection(client().friendCheck(body));
    expect(error).toBeInstanceOf(TimApiError);
    expect(error).toMatchObject({
      code: 30003,
      errorInfo: 'account not found',
      errorDisplay: 'd',
      requestId: 'r-1',
      meaning: 'account does not exist',
      retryClass: 'never',
      retryable: false,
      endpoint: 'friendCheck',
    });
    expectNoSecrets(error);
  });

  it('decides on ErrorCode even when ActionStatus says OK', async () => {
    server.respond(() => ({ body: { ActionStatus: 'OK', ErrorCode: 30006, ErrorInfo: 'busy' } }));
    const error = await rejection(client().friendCheck(body));
    expect(error).toMatchObject({ code: 30006, retryable: true, retryClass: 'transient' });
  });

  it.each([
    [502, true],
    [503, true],
    [429, true],
    [408, true],
    [404, false],
    [400, false],
  ])('turns HTTP %i into TimHttpError (retryable: %s)', async (status, retryable) => {
    server.respond(() => ({ status, body: 'gateway says no' }));
    const error = await rejection(client().friendCheck(body));
    expect(error).toBeInstanceOf(TimHttpError);
    expect(error).toMatchObject({ status, code: status, retryable });
    expectNoSecrets(error);
  });

  it('reads Retry-After into milliseconds', async () => {
    server.respond(() => ({ status: 429, headers: { 'retry-after': '3' } }));
    expect(await rejection(client().friendCheck(body))).toMatchObject({ retryAfter: 3000 });
  });

  it('turns a dropped connection into TimNetworkError', async () => {
    server.respond(() => ({ destroy: true }));
    const error = await rejection(client().friendCheck(body));
    expect(error).toBeInstanceOf(TimNetworkError);
    expect(error).toMatchObject({ code: -1, retryable: true });
    expectNoSecrets(error);
  });

  it('turns a refused connection into TimNetworkError', async () => {
    const closed = await startTestServer(testApp);
    await closed.close();
    const error = await rejection(client({ baseUrl: closed.url }).friendCheck(body));
    expect(error).toBeInstanceOf(TimNetworkError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('times out a slow answer with TimTimeoutError', async () => {
    server.respond(() => ({ delayMs: 2000 }));
    const started = Date.now();
    const error = await rejection(client({ timeout: 100 }).friendCheck(body));
    expect(error).toBeInstanceOf(TimTimeoutError);
    expect(error).toMatchObject({ code: -2, timeout: 100, retryable: true });
    expect(Date.now() - started).toBeLessThan(1500);
    expectNoSecrets(error);
  });

  it('times out a body that stalls after the headers', async () => {
    server.respond(() => ({ stallBody: true }));
    const error = await rejection(client({ timeout: 150 }).friendCheck(body));
    expect(error).toBeInstanceOf(TimTimeoutError);
  });

  it('takes a per-call timeout over the client one', async () => {
    server.respond(() => ({ delayMs: 2000 }));
    const error = await rejection(client({ timeout: 60_000 }).friendCheck(body, { timeout: 100 }));
    expect(error).toMatchObject({ timeout: 100 });
  });

  it('rejects with the signal reason when the caller aborts mid-request', async () => {
    server.respond(() => ({ delayMs: 2000 }));
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 50);
    const started = Date.now();
    expect(await rejection(client().friendCheck(body, { signal: controller.signal }))).toBe(reason);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const error = await rejection(client().friendCheck(body, { signal: AbortSignal.abort() }));
    expect((error as Error).name).toBe('AbortError');
    expect(server.requests).toHaveLength(0);
  });

  it('treats a body that is not JSON as a retryable TimResponseError', async () => {
    server.respond(() => ({ body: '{"ErrorCode":0,"InfoItem":[{"To_Acc' }));
    const error = await rejection(client().friendCheck(body));
    expect(error).toBeInstanceOf(TimResponseError);
    expect(error).toMatchObject({ code: -3, retryable: true, path: '' });
  });

  it.each([
    [[1, 2], '', 'must be an object'],
    [{ ActionStatus: 'OK' }, 'ErrorCode', 'is required'],
    [{ ErrorCode: '0' }, 'ErrorCode', 'must be a number'],
    [{ ErrorCode: 0 }, 'InfoItem', 'is required'],
    [{ ErrorCode: 0, InfoItem: {} }, 'InfoItem', 'must be an array'],
    [{ ErrorCode: 0, InfoItem: [{ To_Account: 'bob' }] }, 'InfoItem[0].ResultCode', 'is required'],
    [{ ErrorCode: 0, InfoItem: [{ To_Account: 'bob', ResultCode: 0.5 }] }, 'InfoItem[0].ResultCode', 'must be an integer'],
    [{ ErrorCode: 0, InfoItem: [], Fail_Account: 'bob' }, 'Fail_Account', 'must be an array'],
    [{ ErrorCode: 0, InfoItem: [{ To_Account: 'bob', ResultCode: 0 }] }, 'InfoItem[0]', 'a successful item must have a Relation'],
  ])('rejects a well-formed answer of the wrong shape %#', async (answer, path, reason) => {
    server.respond(() => ({ body: answer }));
    const error = await rejection(client().friendCheck(body));
    expect(error).toBeInstanceOf(TimResponseError);
    expect(error).toMatchObject({ path, reason, retryable: false, endpoint: 'friendCheck' });
  });

  it('validates friend_get_list profile values', async () => {
    server.respond(() => ({
      body: {
        ErrorCode: 0,
        InfoItem: [
          {
            To_Account: 'b',
            ResultCode: 0,
            SnsProfileItem: [
              { Tag: 'Tag_SNS_IM_Group', Value: ['g1'] },
              { Tag: 'Tag_SNS_IM_AddTime', Value: 1700000000 },
              { Tag: 'Tag_Profile_IM_Nick', Value: { nested: true } },
            ],
          },
        ],
      },
    }));
    const error = await rejection(client().friendGetList({ From_Account: 'a', To_Account: ['b'], TagList: ['Tag_SNS_IM_Group'] }));
    expect(error).toMatchObject({ path: 'InfoItem[0].SnsProfileItem[2].Value', reason: 'must be a string, an integer or a list of strings' });
  });

  it('keeps uint64 profile values beyond 2^53 exact, as strings', async () => {
    server.respond(() => ({
      body: '{"ErrorCode":0,"InfoItem":[{"To_Account":"b","ResultCode":0,"SnsProfileItem":[{"Tag":"Tag_Profile_Custom_Big","Value":18446744073709551615},{"Tag":"Tag_SNS_IM_AddTime","Value":1700000000}]}]}',
    }));
    const answer = await client().friendGetList({ From_Account: 'a', To_Account: ['b'], TagList: ['Tag_Profile_Custom_Big', 'Tag_SNS_IM_AddTime'] });
    expect(answer.InfoItem[0]?.SnsProfileItem).toEqual([
      { Tag: 'Tag_Profile_Custom_Big', Value: '18446744073709551615' },
      { Tag: 'Tag_SNS_IM_AddTime', Value: 1700000000 },
    ]);
  });

  it('refuses a request over the endpoint maximum before sending it', async () => {
    const To_Account = Array.from({ length: 101 }, (_, i) => `u${i}`);
    const error = await rejection(client().friendGetList({ From_Account: 'a', To_Account, TagList: ['Tag_Profile_IM_Nick'] }));
    expect(error).toBeInstanceOf(TimValidationError);
    expect(error).toMatchObject({ path: 'To_Account' });
    expect((error as Error).message).toContain('at most 100 accounts');
    expect(server.requests).toHaveLength(0);
  });

  it('gives every error class the TimError base', async () => {
    server.respond(() => ({ status: 500 }));
    expect(await rejection(client().friendCheck(body))).toBeInstanceOf(TimError);
  });
});
