import type { BatchProgress, Plugin } from '../index.js';

/** Where the progress line is drawn (stderr). */
export interface StatusStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
}

/** Whether to draw it: TIMFETCH_PROGRESS=1 forces it on, 0 off; otherwise only on a terminal. */
export function progressWanted(env: NodeJS.ProcessEnv, stream: StatusStream): boolean {
  if (env.TIMFETCH_PROGRESS === '1') return true;
  if (env.TIMFETCH_PROGRESS === '0') return false;
  return stream.isTTY === true;
}

/** A status line for a long call, rewritten in place with `\r`. */
export interface ProgressLine {
  /** For the call option `onProgress`: accounts done, redrawn at once. */
  readonly onProgress: (progress: BatchProgress) => void;
  /** For a walk: a page of `accounts` more arrived, redrawn at once. */
  readonly onPage: (accounts: number) => void;
  /** For a request counter: one HTTP attempt started (attempt > 1 is a retry). */
  readonly onRequest: (attempt: number) => void;
  /** Blanks the line before other output on the same screen; the next change or tick redraws it. */
  readonly erase: () => void;
  /** Erases the line for good; call it when the call ends, however it ends. */
  readonly clear: () => void;
}

const number = (n: number) => n.toLocaleString('en-US');
const count = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`;

/**
 * Draws `timfetch: 1,500/5,000 accounts · 3 requests · 1 retry · 180 req/s` on `stream` (a walk,
 * whose total is unknown: `1,500 accounts`): after every finished chunk or page, and every `tick`
 * ms in between so the rate (requests started in the last second) stays current while the call waits.
 */
export function progressLine(stream: StatusStream, totalAccounts: number | undefined, tick = 250, now = () => performance.now()): ProgressLine {
  let completedAccounts = 0;
  let requests = 0;
  let retries = 0;
  const recent: number[] = []; // start times of requests in the last second
  let drawn = 0; // length of the line on screen, to blank what a shorter line leaves

  const draw = () => {
    const time = now();
    while (recent.length > 0 && (recent[0] ?? 0) <= time - 1000) recent.shift();
    const done = totalAccounts === undefined ? number(completedAccounts) : `${number(completedAccounts)}/${number(totalAccounts)}`;
    const line = `timfetch: ${done} accounts · ${count(requests, 'request', 'requests')} · ${count(retries, 'retry', 'retries')} · ${recent.length} req/s`;
    stream.write(`\r${line.padEnd(drawn)}`);
    drawn = line.length;
  };
  const erase = () => {
    if (drawn > 0) stream.write(`\r${' '.repeat(drawn)}\r`);
    drawn = 0;
  };
  const timer = setInterval(draw, tick);
  timer.unref(); // never the reason the process stays alive

  return {
    onProgress(next) {
      ({ completedAccounts, totalAccounts } = next);
      draw();
    },
    onPage(accounts) {
      completedAccounts += accounts;
      draw();
    },
    onRequest(attempt) {
      requests++;
      if (attempt > 1) retries++;
      recent.push(now());
    },
    erase,
    clear() {
      clearInterval(timer);
      erase();
    },
  };
}

/**
 * A plugin that hears every HTTP attempt, with its number within its chunk: 1 for the first
 * request, more for a retry. In the transport phase, so it sees each attempt exactly once,
 * whoever repeats the request (retry, UserSig renewal).
 */
export function requestCounter(onRequest: (attempt: number) => void): Plugin {
  return {
    name: 'cli-request-counter',
    phase: 'transport',
    run(ctx, next) {
      onRequest(ctx.attempt);
      return next(ctx);
    },
  };
}
