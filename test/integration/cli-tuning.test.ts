// The flags that tune a call (--retries, --concurrency, --rate), seen from the server's side.
import { describe, expect, it } from 'vitest';
import { timfetch, useTestServer } from '../support/cli-process.js';
import { answerAllAccounts, type Handler } from '../support/im-test-server.js';

const setup = useTestServer();
const sent = () => setup.sent().length;

/** More ids than fit in `chunks - 1` friend_check requests of 1,000. */
const ids = (chunks: number) => Array.from({ length: (chunks - 1) * 1000 + 1 }, (_, i) => `u${i}`).join(',');
const check = (to: string, ...flags: string[]) => timfetch(['friend-check', '--from', 'alice', '--to', to, '--json', ...flags], setup.env);
const busy = { body: { ActionStatus: 'FAIL', ErrorCode: 30006, ErrorInfo: 'busy, try again' } };

describe('timfetch --retries', () => {
  it('--retries 0 gives up after the first attempt', async () => {
    setup.server.respond(() => busy);
    const run = await check('bob', '--retries', '0');
    expect(run.code).toBe(1);
    expect(sent()).toBe(1);
  });

  it('--retries 1 repeats a failed request once', async () => {
    setup.server.respond((request, index) => (index === setup.first ? busy : answerAllAccounts(request, index)));
    const run = await check('bob', '--retries', '1');
    expect(run.code).toBe(0);
    expect(sent()).toBe(2);
  });
});

describe('timfetch --concurrency', () => {
  // Holds each request a little and notes the most that were in flight together.
  const counting = (peak: { inFlight: number; max: number }): Handler => async (request, index) => {
    peak.max = Math.max(peak.max, ++peak.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 80));
    peak.inFlight--;
    return answerAllAccounts(request, index);
  };

  it.each([1, 2])('--concurrency %i keeps at most that many chunks in flight', async (concurrency) => {
    const peak = { inFlight: 0, max: 0 };
    setup.server.respond(counting(peak));
    const run = await check(ids(4), '--concurrency', String(concurrency));
    expect(run.code).toBe(0);
    expect(sent()).toBe(4);
    expect(peak.max).toBe(concurrency);
  });
});

describe('timfetch --rate', () => {
  it('--rate 1 starts at most one request a second', async () => {
    const arrivals: number[] = [];
    setup.server.respond((request, index) => (arrivals.push(performance.now()), answerAllAccounts(request, index)));
    const run = await check(ids(2), '--rate', '1');
    expect(run.code).toBe(0);
    expect(arrivals).toHaveLength(2);
    expect((arrivals[1] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThan(700); // 1,050 ms apart when they leave; ~0 without --rate
  });
});

describe('timfetch tuning flags, bad values', () => {
  it.each([
    [['--retries', 'x'], '--retries must be a whole number'],
    // A negative value given apart: parseArgs alone reads `-1` as a flag and answers in its own words.
    [['--retries', '-1'], '--retries must be a whole number'],
    [['--concurrency', '-2', '--rate', '5'], '--concurrency must be a whole number'],
    [['--retries', '101'], 'retries: must be at most 100'],
    [['--concurrency', '0'], 'concurrency: must be at least 1'],
    [['--rate=-5'], '--rate must be a whole number'],
    [['--rate', '0'], 'limit: must be at least 1'],
  ])('exit 2 for %j', async (flags, message) => {
    const run = await check('bob', ...flags);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(message);
    expect(sent()).toBe(0);
  });
});
