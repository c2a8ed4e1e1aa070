// The limits of one HTTP attempt: one time limit for connection, headers and body; a cap on the
// answer's size; and signals whose listeners stay bounded however many requests share them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, isTimResponseError, isTimTimeoutError, type FriendCheckRequest } from '../../src/index.js';
import { rejection } from '../support/caught.js';
import { answerAllAccounts, startTestServer, type TestServer } from '../support/im-test-server.js';
import { testApp } from '../support/test-app.js';

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(testApp);
});
afterAll(() => server.close());
beforeEach(() => server.respond(answerAllAccounts));

const client = (extra: Record<string, unknown> = {}) => createClient({ ...testApp, baseUrl: server.url, chunking: false, retry: false, rateLimit: false, ...extra });

describe('one time limit per attempt', () => {
  it('times out headers at 250 ms plus a body 250 ms later under timeout 300', async () => {
    server.respond((request) => ({ ...answerAllAccounts(request, 0), delayMs: 250, bodyDelayMs: 250 }));
    const started = Date.now();
    const error = await rejection(client({ timeout: 300 }).friendCheck(body));
    expect(isTimTimeoutError(error) && error.message).toBe('No answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(480);
  });

  it('still answers when headers and body together fit', async () => {
    server.respond((request) => ({ ...(answerAllAccounts(request, 0) as object), delayMs: 50, bodyDelayMs: 50 }));
    await expect(client({ timeout: 1000 }).friendCheck(body)).resolves.toMatchObject({ ErrorCode: 0 });
  });
});

describe('answer size cap', () => {
  const big = { ErrorCode: 0, InfoItem: [{ To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_NoRelation', ResultInfo: 'x'.repeat(2_000_000) }] };

  it('refuses a body over maxResponseBytes by its Content-Length', async () => {
    server.respond(() => ({ body: big }));
    const error = await rejection(client({ maxResponseBytes: 1_000_000 }).friendCheck(body));
    expect(isTimResponseError(error) && error.message).toBe('Unexpected response: body over the 1000000-byte limit (maxResponseBytes)');
    expect(isTimResponseError(error) && error.retryable).toBe(false);
  });

  it('refuses a chunked body without Content-Length once it passes the cap', async () => {
    server.respond(() => ({ body: big, chunked: true }));
    const error = await rejection(client({ maxResponseBytes: 1_000_000 }).friendCheck(body));
    expect(isTimResponseError(error) && error.reason).toBe('body over the 1000000-byte limit (maxResponseBytes)');
  });

  it('reads a body under the cap, with or without Content-Length', async () => {
    for (const chunked of [false, true]) {
      server.respond(() => ({ body: big, chunked }));
      const answer = await client({ maxResponseBytes: 3_000_000 }).friendCheck(body);
      expect(answer.InfoItem[0]?.ResultInfo).toHaveLength(2_000_000);
    }
  });
});

describe('bounded listeners', () => {
  async function warningsDuring(action: () => Promise<unknown>): Promise<string[]> {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      await action();
      await new Promise((resolve) => setTimeout(resolve, 20)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    return warnings;
  }

  it('adds no MaxListenersExceededWarning with 16 chunks in flight under one signal', async () => {
    server.respond((request) => ({ ...(answerAllAccounts(request, 0) as object), delayMs: 20 }));
    const tim = createClient({ ...testApp, baseUrl: server.url, chunking: { chunkSize: 1, concurrency: 16 } });
    const accounts = Array.from({ length: 48 }, (_, i) => `u${i}`);
    expect(await warningsDuring(() => tim.friendCheck({ ...body, To_Account: accounts }, { signal: new AbortController().signal }))).toEqual([]);
  });

  it('adds none with 11 calls sharing one signal', async () => {
    server.respond((request) => ({ ...(answerAllAccounts(request, 0) as object), delayMs: 20 }));
    const tim = createClient({ ...testApp, baseUrl: server.url });
    const { signal } = new AbortController();
    expect(await warningsDuring(() => Promise.all(Array.from({ length: 11 }, () => tim.friendCheck(body, { signal }))))).toEqual([]);
  });
});
