// The logging plugins: every event with its fields, the level filter, console and pino-style
// loggers, a logger that throws, secrets kept out, and errors that say how often they were tried.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createClient, type ClientOptions, type FriendCheckRequest, type TimError } from '../../src/index.js';
import type { LogLevel, LogRecord } from '../../plugins/logging.js';
import { rejection } from '../support/caught.js';
import { fail, fakeFetch, okForEachAccount, type FakeAnswer } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const check = (accounts: string[]): FriendCheckRequest => ({ From_Account: 'alice', To_Account: accounts, CheckType: 'CheckResult_Type_Both' });
const fast = { minDelay: 1, maxDelay: 2 };

/** A pino-style logger (object first, has child) that keeps what it is given. */
function pinoLike() {
  const lines: { level: string; record: LogRecord; message: string }[] = [];
  const method = (level: string) => (record: LogRecord, message: string) => void lines.push({ level, record, message });
  return { lines, logger: { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error'), child: () => undefined } };
}

function logged(answer: FakeAnswer, options: Partial<ClientOptions> = {}, level: LogLevel = 'debug') {
  const { lines, logger } = pinoLike();
  const fake = fakeFetch(answer);
  const tim = createClient({ ...testApp, fetch: fake.fetch, retry: fast, logger, logLevel: level, ...options } as ClientOptions);
  return { lines, fake, tim, events: () => lines.map((line) => `${line.level} ${line.record.event}`) };
}

describe('logging events', () => {
  it('logs the call, each chunk attempt and each retry, tied together by the call id', async () => {
    const { tim, lines, events } = logged((call, index) => (index === 0 ? fail(30006) : okForEachAccount(call, index)), { chunking: { chunkSize: 2, concurrency: 1 } });
    await tim.friendCheck(check(['b', 'c', 'd']));
    expect(events()).toEqual([
      'debug call.start',
      'debug attempt.start',
      'warn attempt.end',
      'info retry',
      'debug attempt.start',
      'debug attempt.end',
      'debug attempt.start',
      'debug attempt.end',
      'info call.end',
    ]);
    const callId = lines[0]?.record.callId;
    expect(callId).toMatch(/^c\d+$/);
    expect(new Set(lines.map((line) => line.record.callId))).toEqual(new Set([callId]));
    expect(lines[0]?.record).toEqual({ event: 'call.start', callId, endpoint: 'friendCheck', accounts: 3 });
    expect(lines[2]?.record).toMatchObject({ chunk: 1, attempt: 1, status: 200, error: 'TimApiError', errorCode: 30006 });
    expect(lines[3]?.record).toMatchObject({ event: 'retry', retry: 1, reason: 'error', code: 30006, error: 'TimApiError', delay: expect.any(Number) });
    expect(lines[5]?.record).toMatchObject({ event: 'attempt.end', chunk: 1, attempt: 2, status: 200, errorCode: 0, bytes: expect.any(Number), ms: expect.any(Number) });
    expect(lines[6]?.record).toMatchObject({ chunk: 2, attempt: 1 });
    expect(lines.at(-1)?.record).toMatchObject({ event: 'call.end', accounts: 3, chunks: 2, failed: 0, ms: expect.any(Number) });
    expect(lines[0]?.message).toBe('timfetch call.start');
    expect(lines[1]?.record.url).toMatch(/^https:\/\/console\.tim\.qq\.com\/v4\/sns\/friend_check\?sdkappid=1400000000&identifier=administrator&contenttype=json&random=\d+&usersig=\[redacted\]$/);
  });

  it('tells concurrent calls apart', async () => {
    const { tim, lines } = logged(okForEachAccount);
    await Promise.all([tim.friendCheck(check(['b'])), tim.friendCheck(check(['c']))]);
    const callIds = new Set(lines.map((line) => line.record.callId));
    expect(callIds.size).toBe(2);
    for (const callId of callIds) {
      const events = lines.filter((line) => line.record.callId === callId).map((line) => line.record.event);
      expect(events).toEqual(['call.start', 'attempt.start', 'attempt.end', 'call.end']);
    }
    expect(lines).toHaveLength(8);
  });

  it('logs a UserSig renewal, and a rate-limit wait', async () => {
    const store = { name: 'slow', acquire: (() => { let asked = 0; return async () => ({ wait: asked++ === 0 ? 5 : 0 }); })() };
    const { tim, lines } = logged((call, index) => (index === 0 ? fail(70001) : okForEachAccount(call, index)), { rateLimit: { store } });
    await tim.friendCheck(check(['b']));
    expect(lines.find((line) => line.record.event === 'usersig.renewal')).toMatchObject({ level: 'info', record: { code: 70001 } });
    expect(lines.find((line) => line.record.event === 'rate-limit.wait')).toMatchObject({ level: 'debug', record: { wait: expect.any(Number) } });
  });

  it('logs failed calls at error level with the class, code and message: validation and response errors', async () => {
    const { tim, lines } = logged(() => new Response('{"ErrorCode":0,"InfoItem":"x"}'), { retry: false });
    await rejection(tim.friendCheck(check([])));
    await rejection(tim.friendCheck(check(['b'])));
    const errors = lines.filter((line) => line.level === 'error').map((line) => line.record);
    expect(errors).toMatchObject([
      { event: 'call.error', error: 'TimValidationError', errorCode: -4, message: expect.stringContaining('To_Account') },
      { event: 'call.error', error: 'TimResponseError', errorCode: -3 },
    ]);
    expect(errors[0]?.callId).not.toBe(errors[1]?.callId);
  });
});

describe('logging several clients', () => {
  it('tells three clients sharing one logger apart: distinct call ids, and each record names its client', async () => {
    const { lines, logger } = pinoLike();
    const clients = ['orders', 'billing', 'support'].map((name) => createClient({ ...testApp, name, fetch: fakeFetch().fetch, logger, logLevel: 'debug' }));
    await Promise.all(clients.map((tim) => tim.friendCheck(check(['b']))));
    expect(lines).toHaveLength(12);
    const byCall = new Map<string, typeof lines>();
    for (const line of lines) byCall.set(line.record.callId, [...(byCall.get(line.record.callId) ?? []), line]);
    expect(byCall.size).toBe(3);
    expect([...byCall.values()].map((records) => [...new Set(records.map((line) => line.record.client))]).sort()).toEqual([['billing'], ['orders'], ['support']]);
    for (const records of byCall.values()) expect(records.map((line) => line.record.event)).toEqual(['call.start', 'attempt.start', 'attempt.end', 'call.end']);
  });

  it('writes no client field for a client without a name', async () => {
    const { tim, lines } = logged(okForEachAccount);
    await tim.friendCheck(check(['b']));
    expect(lines).toHaveLength(4);
    expect(lines.filter((line) => 'client' in line.record)).toEqual([]);
  });
});

describe('logging: levels and loggers', () => {
  it.each<[LogLevel, string[]]>([
    ['debug', ['call.start', 'attempt.start', 'attempt.end', 'retry', 'attempt.start', 'attempt.end', 'call.end']],
    ['info', ['attempt.end', 'retry', 'call.end']],
    ['warn', ['attempt.end']],
    ['error', []],
    ['silent', []],
  ])('writes only records at or above %s', async (level, expected) => {
    const { tim, lines } = logged((call, index) => (index === 0 ? fail(30007) : okForEachAccount(call, index)), {}, level);
    await tim.friendCheck(check(['b']));
    expect(lines.map((line) => line.record.event)).toEqual(expected);
  });

  it('logs at info by default, and nothing without a logger', async () => {
    const { lines, logger } = pinoLike();
    await createClient({ ...testApp, fetch: fakeFetch().fetch, logger }).friendCheck(check(['b']));
    expect(lines.map((line) => line.record.event)).toEqual(['call.end']);
    expect(createClient({ ...testApp }).describePipeline().map((e) => e.name)).not.toContain('logging');
  });

  it('calls console-style loggers with the message first', async () => {
    const calls: unknown[][] = [];
    const consoleLike = { debug: () => undefined, info: (...args: unknown[]) => void calls.push(args), warn: () => undefined, error: () => undefined };
    await createClient({ ...testApp, fetch: fakeFetch().fetch, logger: consoleLike }).friendCheck(check(['b']));
    expect(calls).toEqual([['timfetch call.end', expect.objectContaining({ event: 'call.end', callId: expect.stringMatching(/^c\d+$/) })]]);
  });

  it('never lets a throwing logger change a result', async () => {
    const throwing = { debug: () => { throw new Error('disk full'); }, info: () => { throw new Error('disk full'); }, warn: () => { throw new Error('x'); }, error: () => { throw new Error('x'); } };
    const answers: FakeAnswer = (call, index) => (index === 0 ? fail(30006) : okForEachAccount(call, index));
    const withLogger = await createClient({ ...testApp, fetch: fakeFetch(answers).fetch, retry: fast, logger: throwing, logLevel: 'debug' }).friendCheck(check(['b', 'c']));
    const without = await createClient({ ...testApp, fetch: fakeFetch(answers).fetch, retry: fast }).friendCheck(check(['b', 'c']));
    expect(withLogger).toEqual(without);
  });

  it('refuses a logger without the level methods', () => {
    expect(() => createClient({ ...testApp, logger: { info: () => undefined } as never })).toThrow(
      'Invalid logging options: logger: must be a logger with debug, info, warn and error methods (console, pino …)',
    );
  });
});

describe('errors after repeats', () => {
  it('say how many attempts were made and over how long', async () => {
    const fake = fakeFetch(() => new Response('', { status: 503 }));
    const error = (await rejection(createClient({ ...testApp, fetch: fake.fetch, retry: { ...fast, retries: 3 } }).friendCheck(check(['b'])))) as TimError;
    expect(fake.calls).toHaveLength(4);
    expect(error.attempts).toBe(4);
    expect(error.message).toMatch(/^HTTP 503 \(after 4 attempts over \d+\.\d s\)$/);
  });

  it('say nothing more when there was a single attempt', async () => {
    const error = (await rejection(createClient({ ...testApp, fetch: fakeFetch(() => fail(30003)).fetch }).friendCheck(check(['b'])))) as TimError;
    expect(error.attempts).toBeUndefined();
    expect(error.message).toBe('IM error 30003 (account does not exist): error');
  });
});

describe('secrets', () => {
  it('never reach a log record or a thrown error during a faulty batch run', async () => {
    const { tim, lines, fake } = logged((call, index) => {
      const faults = [fail(30006), new Response('<html>bad gateway</html>', { status: 502 }), new Response('{"ErrorCode":0,"InfoIt'), fail(70001)];
      return faults[index % 7] ?? okForEachAccount(call, index);
    }, { chunking: { chunkSize: 3 } });
    const outcomes = await Promise.allSettled([tim.friendCheck(check(Array.from({ length: 40 }, (_, i) => `u${i}`))), tim.friendCheck(check([]))]);
    const thrown = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
    expect(thrown.length).toBeGreaterThan(0);
    const userSigs = new Set(fake.calls.map((call) => call.url.searchParams.get('usersig') ?? ''));
    expect(userSigs.size).toBeGreaterThan(0);
    const everything = [
      ...lines.map((line) => `${line.message} ${JSON.stringify(line.record)}`),
      ...thrown.flatMap((error) => [String(error), JSON.stringify(error), inspect(error, { depth: 5 })]),
    ].join('\n');
    expect(everything).toContain('call.end');
    expect(everything).not.toContain(testApp.secretKey);
    for (const userSig of userSigs) expect(everything).not.toContain(userSig);
  });
});
