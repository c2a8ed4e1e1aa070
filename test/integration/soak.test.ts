// The fault soak, short and seeded (`npm run soak` runs the long one): the script runs as a child
// process against the built package and must exit by itself, with every audit passed.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/index.js';

const script = fileURLToPath(new URL('../soak/soak.mjs', import.meta.url));

interface SoakReport {
  calls: number;
  answered: number;
  byEndpoint: Record<string, number>;
  rejected: Record<string, number>;
  auditFailures: string[];
  unhandled: number;
  emulator: { requests: number; faults: Record<string, number>; rateLimitedByTheLimit: number; repeatedRandom: number };
}

function soak(env: Record<string, string>): Promise<{ code: number; report: SoakReport }> {
  return new Promise((resolve, reject) => {
    // The time limit proves the process ends by itself: nothing keeps it alive.
    execFile(process.execPath, [script], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout) => {
      if (error !== null && error.killed) reject(new Error('the soak did not exit by itself'));
      else resolve({ code: error === null ? 0 : Number(error.code), report: JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as SoakReport });
    });
  });
}

describe('fault soak (short)', () => {
  it('answers or reports every account of 120 calls of every endpoint under every fault kind, applies no write twice, with no 60007 of its own', async () => {
    const { code, report } = await soak({ SOAK_CALLS: '120', SOAK_MAX_ACCOUNTS: '600', SOAK_SEED: '7', SOAK_CLIENTS: '3', SOAK_FAULT_SCALE: '4' });
    expect(report.auditFailures).toEqual([]);
    expect(code).toBe(0);
    expect(report.answered + Object.values(report.rejected).reduce((a, b) => a + b, 0)).toBe(120);
    expect(Object.keys(report.byEndpoint).sort()).toEqual(Object.keys(catalogue).sort());
    expect(report.unhandled).toBe(0);
    expect(report.emulator.rateLimitedByTheLimit).toBe(0);
    expect(report.emulator.repeatedRandom).toBe(0);
    for (const kind of ['requestError', 'itemError', 'httpError', 'drop', 'stall', 'malformed', 'throttle']) expect(report.emulator.faults[kind], kind).toBeGreaterThan(0);
  }, 70_000);
});
