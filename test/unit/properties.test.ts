// Property tests (fast-check, seeded): whatever a caller passes, bad input is a TimValidationError
// before any request; whatever a server answers, the result is a typed error or an answer that
// passes the nothing-lost audit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClient, isTimError, isTimValidationError, type FriendCheckResponse } from '../../src/index.js';
import { fakeFetch, okForEachAccount } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const runs = { seed: 20261124, numRuns: 150 };

/** Values a hostile or careless caller may pass anywhere. */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 2 ** 53, 10n, Symbol('s'), () => 1, new Date(0), [], {}),
  fc.string({ maxLength: 40 }),
  fc.constant('x'.repeat(100_000)),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
  fc.constant((() => { const cycle: Record<string, unknown> = {}; cycle.self = cycle; return cycle; })()),
  fc.constant(new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } })),
);

const userId = fc.oneof(fc.stringMatching(/^[a-z0-9_]{1,32}$/), fc.string({ maxLength: 40 }), fc.constant('é'.repeat(17)), fc.constant(''));
const body = fc.record(
  {
    From_Account: fc.oneof(userId, hostile),
    To_Account: fc.oneof(fc.array(userId, { maxLength: 30 }), fc.array(hostile, { maxLength: 3 }), hostile, fc.constant(Array.from({ length: 1001 }, (_, i) => `u${i}`))),
    CheckType: fc.oneof(fc.constantFrom('CheckResult_Type_Both', 'CheckResult_Type_Single', 'CheckResult_Type_Other'), hostile),
    Extra: hostile,
  },
  { requiredKeys: [] },
);

/** Runs `action`; the outcome must be success, or a TimValidationError with no request sent. */
async function expectCleanOutcome(action: (fetchImpl: typeof fetch) => Promise<unknown>): Promise<void> {
  const fake = fakeFetch();
  try {
    await action(fake.fetch);
  } catch (error) {
    if (!isTimValidationError(error)) throw error;
    expect(fake.calls).toHaveLength(0);
  }
}

describe('properties: input', () => {
  it('a request body is sent as valid or refused with TimValidationError before any request', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        // Without chunking, a list over the endpoint's 1,000 is bad input too.
        await expectCleanOutcome((fetchImpl) => createClient({ ...testApp, fetch: fetchImpl, retry: false, chunking: false }).friendCheck(value as never));
      }),
      runs,
    );
  });

  it('call options are accepted or refused with TimValidationError before any request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostile, fc.dictionary(fc.constantFrom('signal', 'timeout', 'context', 'onProgress', 'constructor', 'retries'), hostile)), async (options) => {
        await expectCleanOutcome((fetchImpl) =>
          createClient({ ...testApp, fetch: fetchImpl }).friendCheck({ From_Account: 'a', To_Account: ['b'], CheckType: 'CheckResult_Type_Both' }, options as never),
        );
      }),
      runs,
    );
  });

  it('client options are accepted or refused with TimValidationError', () => {
    const keys = ['sdkAppId', 'identifier', 'secretKey', 'userSig', 'region', 'baseUrl', 'timeout', 'retry', 'chunking', 'rateLimit', 'plugins', 'logger', 'logLevel', 'maxResponseBytes', '__proto__'] as const;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), hostile), (changes) => {
        try {
          createClient({ ...testApp, ...changes } as never);
        } catch (error) {
          if (!isTimValidationError(error)) throw error;
        }
      }),
      runs,
    );
  });
});

/** Answers a hostile server may give to a request for `asked`. */
function answerFor(asked: string[]) {
  const wrong = fc.jsonValue({ maxDepth: 1 });
  const item = (account: string) =>
    fc.record({
      To_Account: fc.oneof(fc.constant(account), fc.constantFrom(...asked), fc.constant('stranger'), wrong),
      ResultCode: fc.oneof(fc.constantFrom(0, 0, 0, 30001, 30006, 30007), fc.integer(), wrong),
      Relation: fc.oneof(fc.constantFrom('CheckResult_Type_BothWay', 'CheckResult_Type_NoRelation'), wrong),
      ResultInfo: fc.oneof(fc.constant(''), fc.string({ maxLength: 10 })),
    }, { requiredKeys: ['To_Account', 'ResultCode'] });
  const good = fc.record({ ErrorCode: fc.constant(0), InfoItem: fc.array(fc.oneof(...asked.map(item)), { maxLength: asked.length + 3 }) });
  return fc.oneof(
    good.map((answer) => JSON.stringify(answer)),
    good.map((answer) => JSON.stringify(answer).slice(0, Math.floor(JSON.stringify(answer).length / 2))), // truncated
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.constant('{"ErrorCode":0,"InfoItem":[{"To_Account":"b","ResultCode":12345678901234567890}]}'), // huge number
    fc.constant('<html>502 Bad Gateway</html>'),
    fc.record({ ErrorCode: fc.integer({ min: 1, max: 99999 }), ErrorInfo: fc.string() }).map((answer) => JSON.stringify(answer)),
  );
}

/** The nothing-lost audit: every distinct requested account once, in order; Fail_Account exact. */
function audit(answer: FriendCheckResponse, asked: string[]): void {
  const distinct = [...new Set(asked)];
  expect(answer.InfoItem.map((item) => item.To_Account)).toEqual(distinct);
  const failed = answer.InfoItem.filter((item) => item.ResultCode !== 0).map((item) => item.To_Account);
  expect(answer.Fail_Account ?? []).toEqual(failed);
  for (const item of answer.InfoItem) if (item.ResultCode === 0) expect(typeof item.Relation).toBe('string');
}

describe('properties: answers', () => {
  it.each([
    ['without chunking', { chunking: false as const }],
    ['in chunks of 3', { chunking: { chunkSize: 3 } }],
  ])('any answer gives a typed error or an answer that passes the audit (%s)', async (_case, options) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.stringMatching(/^[a-z]{1,3}$/), { minLength: 1, maxLength: 8 }).chain((asked) => fc.tuple(fc.constant(asked), fc.array(answerFor(asked), { minLength: 1, maxLength: 6 }))),
        async ([asked, answers]) => {
          const fake = fakeFetch((call, index) => (index < answers.length ? new Response(answers[index]) : okForEachAccount(call, index)));
          const tim = createClient({ ...testApp, fetch: fake.fetch, retry: { retries: 2, minDelay: 0, maxDelay: 0 }, ...options });
          try {
            audit(await tim.friendCheck({ From_Account: 'me', To_Account: asked, CheckType: 'CheckResult_Type_Both' }), asked);
          } catch (error) {
            if (!isTimError(error)) throw error;
          }
        },
      ),
      runs,
    );
  });

  it('the audit catches a lost account (the property can fail)', () => {
    const lost = { ErrorCode: 0, InfoItem: [{ To_Account: 'a', ResultCode: 0, Relation: 'CheckResult_Type_BothWay' }] } as FriendCheckResponse;
    expect(() => audit(lost, ['a', 'b'])).toThrow();
  });
});
