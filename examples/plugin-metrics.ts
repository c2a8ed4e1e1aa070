// Two plugins written as an outside author would, against `timfetch` and `timfetch/plugin-kit`
// only, run against the emulator over HTTP with faults on:
// - `requestId` gives each call an id that every plugin inside it sees (`ctx.context`);
// - `metrics` records each HTTP attempt: its call's id, attempt number, HTTP status, body size and
//   time (read with `transportInfo`, no second parse), and the error code of a failed one.
// Run it: `npm run build && npm run example:plugins`. The last line printed is a JSON summary.
import { createClient, type Plugin } from 'timfetch';
import { startEmulator } from 'timfetch/emulator';
import { isTimError, transportInfo, type PipelineEvent } from 'timfetch/plugin-kit';

/** Gives every call an id (the caller's `context.requestId`, or a new one) for the plugins inside it. */
export function requestId(): Plugin {
  let calls = 0;
  return {
    name: 'request-id',
    phase: 'call',
    priority: 'high',
    before: 'validation', // outermost: even a call refused as bad input carries the id
    run(ctx, next) {
      const id = typeof ctx.context.requestId === 'string' ? ctx.context.requestId : `call-${++calls}`;
      return next({ ...ctx, context: { ...ctx.context, requestId: id } });
    },
  };
}

/** One HTTP attempt as the metrics plugin saw it. */
export interface AttemptRecord {
  readonly requestId: string;
  readonly endpoint: string;
  readonly attempt: number;
  readonly status: number | undefined;
  readonly bytes: number;
  readonly ms: number;
  /** 0 for an answer, else the error's code (an IM ErrorCode, an HTTP status, or -1 … -4). */
  readonly code: number;
}

/** Records every HTTP attempt into `records`, and every event (progress) into `events`. */
export function metrics(records: AttemptRecord[], events: PipelineEvent[]): Plugin[] {
  const attempts: Plugin = {
    name: 'metrics',
    phase: 'transport',
    async run(ctx, next) {
      const record = (outcome: unknown, code: number) => {
        const info = transportInfo(outcome);
        const id = String(ctx.context.requestId ?? 'unknown');
        records.push({ requestId: id, endpoint: ctx.endpoint.name, attempt: ctx.attempt, status: info?.status, bytes: info?.bytes ?? 0, ms: info?.duration ?? 0, code });
      };
      try {
        const answer = await next(ctx);
        record(answer, 0);
        return answer;
      } catch (error) {
        record(error, isTimError(error) ? error.code : -1);
        throw error;
      }
    },
  };
  const listener: Plugin = {
    name: 'metrics-events',
    phase: 'call',
    run: (ctx, next) => next({ ...ctx, emit: (event) => (events.push(event), ctx.emit(event)) }),
  };
  return [listener, attempts];
}

const app = { sdkAppId: 1400000000, secretKey: 'local-example-key' };
const emu = await startEmulator({ ...app, seed: 3, faults: { requestError: 0.15, httpError: 0.1, itemError: 0.02 } });
try {
  const ids = emu.store.generate({ users: 3000 });
  const records: AttemptRecord[] = [];
  const events: PipelineEvent[] = [];
  const tim = createClient({
    ...app,
    identifier: 'administrator',
    baseUrl: emu.url,
    retry: { minDelay: 5, maxDelay: 20 },
    plugins: [requestId(), ...metrics(records, events)],
  });
  const [from = 'user_0001', ...others] = ids;
  await Promise.all([
    tim.friendCheck({ From_Account: from, To_Account: others.slice(0, 2500), CheckType: 'CheckResult_Type_Both' }, { context: { requestId: 'nightly-audit' } }),
    tim.friendGetList({ From_Account: from, To_Account: others.slice(0, 250), TagList: ['Tag_Profile_IM_Nick'] }),
  ]);

  for (const id of new Set(records.map((r) => r.requestId))) {
    const mine = records.filter((r) => r.requestId === id);
    const failed = mine.filter((r) => r.code !== 0).map((r) => `${r.code}${r.status === undefined ? '' : `/HTTP ${r.status}`}`);
    const kib = mine.reduce((sum, r) => sum + r.bytes, 0) / 1024;
    console.log(`${id}: ${mine.length} attempts (${failed.length} failed: ${failed.join(', ') || 'none'}), ${kib.toFixed(1)} KiB read`);
  }
  const summary = {
    attempts: records.length,
    serverRequests: emu.stats.requests,
    requestIds: [...new Set(records.map((r) => r.requestId))].sort(),
    repeatedAttempts: records.filter((r) => r.attempt > 1).length,
    failedAttempts: records.filter((r) => r.code !== 0).length,
    bytes: records.reduce((sum, r) => sum + r.bytes, 0),
    progressEvents: events.filter((e) => e.type === 'progress').length,
  };
  console.log(JSON.stringify(summary));
} finally {
  await emu.close();
}
