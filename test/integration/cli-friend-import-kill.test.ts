// The checkpoint of `timfetch friend-import` under SIGKILL. For each seeded kill point the built
// command (a child process) imports 2,000 relations of 40 owners from an emulator that injects
// faults (lost answers, stalls past the timeout, 5xx, item errors: unknown outcomes the SDK
// reconciles) and is killed mid-run; then it is started again with the same arguments until it
// settles every relation. The emulator lives in this process, so its state outlives the kills.
// Proven for every kill point: the store holds exactly the file's relations (fields kept), none
// was applied twice, the restart sent again only what the checkpoint shows in flight (at most
// --concurrency batches) or left open, and it said how many were done before.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { startEmulator, type EmulatorRequestEntry } from '../../src/emulator/index.js';
import { mulberry32, randomInt } from '../../src/emulator/mulberry32.js';
import { startTimfetch } from '../support/cli-process.js';
import { testApp } from '../support/test-app.js';

interface Line {
  readonly From_Account: string;
  readonly To_Account: string;
  readonly Remark?: string;
}

const owners = 40;
const perOwner = 50;
const concurrency = 4;

// Owners two at a time, their lines interleaved: each owner is still one batch (the command
// mixes up to 16), so a batch's entry i is its owner's i-th line.
const lines: Line[] = Array.from({ length: owners / 2 }, (_, pair) => [2 * pair, 2 * pair + 1]).flatMap((pair) =>
  Array.from({ length: perOwner }, (_, i) =>
    pair.map((owner) => ({ From_Account: `o${owner}`, To_Account: `u${(owner * 7 + i * 13) % 300}`, ...(i % 3 === 0 ? { Remark: `r${owner}.${i}` } : {}) })),
  ).flat(),
);
const key = (from: string, to: string) => `${from}>${to}`;
const byOwner = new Map<string, Line[]>();
for (const line of lines) byOwner.set(line.From_Account, [...(byOwner.get(line.From_Account) ?? []), line]);

/** Kill points: when the n-th friend_import request reaches the emulator, or (a few) after a delay from a run's start. */
type KillPoint = { readonly seed: number; readonly afterRequests: number } | { readonly seed: number; readonly afterMs: number };
const points: KillPoint[] = Array.from({ length: 24 }, (_, i) => {
  const random = mulberry32(1000 + i);
  // 40 batches make at least 40 requests over the runs before the kill: the point is always reached.
  return i % 6 === 5 ? { seed: 1000 + i, afterMs: randomInt(random, 100, 700) } : { seed: 1000 + i, afterRequests: randomInt(random, 1, 38) };
});

/** What a checkpoint shows, read independently of the command's code (the format in friend-import-checkpoint.ts). */
function readCheckpoint(text: string) {
  interface State {
    from: string;
    failed: [number, number][];
    open: [number, number, 1?][] | undefined;
    inFlight: boolean;
  }
  const batches = new Map<number, State>();
  const whole = text.slice(0, text.lastIndexOf('\n') + 1); // a torn last line was never acted on
  for (const line of whole.split('\n').slice(1, -1)) {
    const record = JSON.parse(line) as { sent?: number; from?: string; done?: number; failed?: [number, number][]; open?: [number, number, 1?][] };
    if (record.sent !== undefined) batches.set(record.sent, { ...(batches.get(record.sent) ?? { from: record.from ?? '', failed: [], open: undefined }), inFlight: true });
    else Object.assign(batches.get(record.done ?? -1) ?? {}, { failed: record.failed ?? [], open: record.open ?? [], inFlight: false });
  }
  const maybeApplied = new Set<string>(); // in flight at the kill, or an unknown outcome
  const transient = new Set<string>(); // open, surely not applied
  let settledOk = 0;
  let inFlightBatches = 0;
  for (const state of batches.values()) {
    const own = byOwner.get(state.from) ?? [];
    const at = (index: number) => key(state.from, own[index]?.To_Account ?? '');
    if (state.inFlight) inFlightBatches++;
    const pending: [number, boolean][] = state.open === undefined ? own.map((_, index) => [index, true]) : state.open.map(([index, , maybe]) => [index, state.inFlight || maybe === 1]);
    for (const [index, maybe] of pending) (maybe ? maybeApplied : transient).add(at(index));
    settledOk += own.length - state.failed.length - pending.length;
  }
  return { maybeApplied, transient, settledOk, inFlightBatches };
}

/** One line of a `--json` run's output. */
interface Document {
  readonly summary?: Summary;
  readonly failed?: { From_Account: string; To_Account: string };
  readonly error?: { class: string };
}

interface Summary {
  relations: number;
  imported: number;
  alreadyDone: number;
  resent: number;
  foundDone: number;
  failed: number;
  failedByCode: Record<string, number>;
  unsettled: number;
  notSent: number;
}

describe('timfetch friend-import killed at seeded points (SIGKILL), then resumed', () => {
  it.concurrent.for(points)('kill point %o: resumed to exactly the file, nothing applied twice, resending only what was in flight', { timeout: 30_000 }, async (point, { expect }) => {
    const random = mulberry32(point.seed);
    const dir = mkdtempSync(join(tmpdir(), 'timfetch-kill-'));
    const file = join(dir, 'relations.ndjson');
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    const checkpoint = join(dir, 'import.checkpoint');

    // Every child is killed at the end, should the test fail or time out: none may outlive it.
    const children: ChildProcess[] = [];
    const start = (args: string[], env: Record<string, string>) => {
      const started = startTimfetch(args, env);
      children.push(started.child);
      return started;
    };
    let run = 0;
    let imports = 0;
    let onImport = (count: number): void => void count;
    const log: { run: number; entry: EmulatorRequestEntry }[] = [];
    const emu = await startEmulator({
      sdkAppId: testApp.sdkAppId,
      secretKey: testApp.secretKey,
      seed: point.seed,
      faults: { drop: 0.03, malformed: 0.02, httpError: 0.04, stall: 0.02, stallMs: 600, requestError: 0.02, itemError: 0.01, latency: [0, 8] },
      onRequest: (entry) => {
        if (entry.path !== 'v4/sns/friend_import') return;
        log.push({ run, entry });
        onImport(++imports);
      },
    });
    try {
      for (let user = 0; user < 300; user++) emu.store.addAccount(`u${user}`);
      for (let owner = 0; owner < owners; owner++) emu.store.addAccount(`o${owner}`);
      // A few relations there before the migration: their 30001 is a genuine failure.
      const before = new Set(Array.from({ length: 6 }, () => lines[randomInt(random, 0, lines.length - 1)] as Line).map((line) => key(line.From_Account, line.To_Account)));
      for (const pair of before) emu.store.addFriend(...(pair.split('>') as [string, string]));
      const env = { TIM_SDKAPPID: String(testApp.sdkAppId), TIM_SECRET_KEY: testApp.secretKey, TIM_BASE_URL: emu.url };
      // Half the points without retries: item errors then stay open, a failed request stops the
      // run, and a reconciliation read that fails leaves unknown outcomes: more runs to settle.
      const retries = point.seed % 2 === 0 ? ['--retries', '0'] : [];
      const args = ['friend-import', '--from', file, '--checkpoint', checkpoint, '--json', '--timeout', '300', '--concurrency', String(concurrency), ...retries];

      const failures = new Set<string>();
      /** A run's output: the complete lines of its stdout (a killed run's last one may be cut), its failures noted. */
      const documentsOf = (stdout: string) => {
        const documents = stdout.split('\n').slice(0, -1).map((text) => JSON.parse(text) as Document);
        for (const { failed } of documents) if (failed !== undefined) failures.add(key(failed.From_Account, failed.To_Account));
        return { summary: documents.find((document) => document.summary !== undefined)?.summary, stoppedBy: documents.find((document) => document.error !== undefined)?.error };
      };
      let last = {} as Summary;
      /** Checks a run that ended by itself; true when it settled every relation. */
      const settles = (code: number | null, stdout: string, stderr: string) => {
        // Without retries a request that fails as a whole stops the run: its error follows the summary.
        const { summary, stoppedBy } = documentsOf(stdout);
        expect(summary, stderr).toBeDefined();
        last = summary as Summary;
        const { failed, unsettled, notSent } = last;
        expect(code).toBe(failed + unsettled + notSent > 0 || stoppedBy !== undefined ? 1 : 0);
        if (stoppedBy !== undefined) expect(stoppedBy.class).toMatch(/^Tim(Api|Http)Error$/);
        return unsettled + notSent === 0 && stoppedBy === undefined;
      };

      // Runs until one is killed at the point: a run without retries may stop by itself first (it
      // is simply started again, as a person would); a kill after a delay may come too late.
      let killed: number | undefined;
      let finished = false;
      while (killed === undefined && !finished) {
        run++;
        expect(run, 'a run to kill').toBeLessThan(10);
        const started = start(args, env);
        if ('afterRequests' in point) onImport = (count) => void (count === point.afterRequests && started.child.kill('SIGKILL'));
        const timer = 'afterMs' in point ? setTimeout(() => started.child.kill('SIGKILL'), point.afterMs) : undefined;
        const { code, stdout, stderr } = await started.done;
        clearTimeout(timer);
        onImport = () => {};
        if (code === null) {
          killed = run;
          documentsOf(stdout);
        } else finished = settles(code, stdout, stderr);
      }
      if ('afterRequests' in point) expect(finished, 'killed mid-run').toBe(false);
      // Killed before the checkpoint was made: nothing was in flight.
      const shown = readCheckpoint(killed !== undefined && existsSync(checkpoint) ? readFileSync(checkpoint, 'utf8') : '');
      expect(shown.inFlightBatches).toBeLessThanOrEqual(concurrency);

      // Resumed until every relation is settled.
      const summaries: Summary[] = [];
      while (!finished) {
        run++;
        expect(run, 'settles within a few runs').toBeLessThan(25);
        const { code, stdout, stderr } = await start(args, env).done;
        finished = settles(code, stdout, stderr);
        summaries.push(last);
      }

      if (killed !== undefined) {
        // The restart sent again only what the checkpoint showed in flight (or left open), and said so.
        const pairsOf = (sent: number) => new Set(log.filter((item) => item.run === sent).flatMap(({ entry }) => entry.accounts.map((to) => key(entry.from ?? '', to))));
        const sentByKilled = pairsOf(killed);
        const resent = [...pairsOf(killed + 1)].filter((pair) => sentByKilled.has(pair));
        for (const pair of resent) expect(shown.maybeApplied.has(pair) || shown.transient.has(pair), `${pair} was resent but not in flight`).toBe(true);
        const [first] = summaries as [Summary];
        expect(first.alreadyDone).toBe(shown.settledOk + first.foundDone);
        expect(first.foundDone).toBeLessThanOrEqual(first.resent);
        // All of what was in flight is resent, unless the restart stopped before it got there.
        if (first.notSent === 0) expect(first.resent).toBe(shown.maybeApplied.size);
        else expect(first.resent).toBeLessThanOrEqual(shown.maybeApplied.size);
      }

      // The end state: exactly the file's relations, fields kept, none applied twice, every relation accounted for.
      const stored = [...byOwner.keys()].flatMap((owner) => emu.store.friends(owner).map((friend) => key(owner, friend))).sort();
      expect(stored).toEqual(lines.map((line) => key(line.From_Account, line.To_Account)).sort());
      for (const line of lines) {
        if (line.Remark !== undefined && !before.has(key(line.From_Account, line.To_Account))) expect(emu.store.friendTags(line.From_Account, line.To_Account)?.Tag_SNS_IM_Remark).toBe(line.Remark);
      }
      const applied = log.flatMap(({ entry }) => entry.applied.map((to) => key(entry.from ?? '', to)));
      expect(applied.length - new Set(applied).size, 'relations applied twice').toBe(0);
      expect(last).toMatchObject({ relations: lines.length, unsettled: 0, notSent: 0 });
      expect(last.imported + last.alreadyDone + last.failed).toBe(lines.length);
      expect(Object.keys(last.failedByCode).every((code) => code === '30001')).toBe(true);
      for (const pair of failures) expect(before.has(pair), `${pair} failed but was not there before`).toBe(true);
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await emu.close();
    }
  });
});
