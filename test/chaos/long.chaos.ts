// `npm run chaos`: the long chaos run (see chaos.ts), a vitest project of its own that `npm test`
// leaves out. Settings from the environment: CHAOS_SECONDS (60), CHAOS_SEED (1), CHAOS_PROCESSES
// (4). Prints the report; fails where a promise broke.
import { expect, it } from 'vitest';
import { runChaos } from './chaos.js';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const seconds = setting('CHAOS_SECONDS', 60);

it(`keeps every promise for ${seconds} s of chaos`, async () => {
  const report = await runChaos({ seconds, seed: setting('CHAOS_SEED', 1), processes: setting('CHAOS_PROCESSES', 4) });
  console.log(JSON.stringify({ ...report, workers: report.workers.map(({ calls, accounts, failedAccounts }) => ({ calls, accounts, failedAccounts })) }));
  expect(report.auditFailures).toEqual([]);
  expect(report.settled).toBe(report.calls);
  expect(report.rateLimited).toBe(0);
  expect(report.busiestInterval).toBeLessThanOrEqual(200);
}, (seconds + 120) * 1000);
