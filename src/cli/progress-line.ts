import type { BatchProgress } from '../index.js';

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
  /** For a request counter: one HTTP attempt started (attempt > 1 is a retry). */
  readonly onRequest: (attempt: number) => void;
  /** Erases the line; call it when the call ends, however it ends. */
  readonly clear: () => void;
}

const number = (n: number) => n.toLocaleString('en-US');
const count = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`;

/**
 * Draws `timfetch: 1,500/5,000 accounts · 3 requests · 1 retry · 180 req/s` on `stream`: after
 * every finished chunk, and every `tick` ms in between so the rate (requests started in the last
 * second) stays current while the call waits.
 */
export function progressLine(stream: StatusStream, totalAccounts: number, tick = 250, now = () => performance.now()): ProgressLine {
  let progress = { completedAccounts: 0, totalAccounts };
  let requests = 0;
  let retries = 0;
  const recent: number[] = []; // start times of requests in the last second
  let drawn = 0; // length of the line on screen, to blank what a shorter line leaves

  const draw = () => {
    const time = now();
    while (recent.length > 0 && (recent[0] ?? 0) <= time - 1000) recent.shift();
    const line = `timfetch: ${number(progress.completedAccounts)}/${number(progress.totalAccounts)} accounts · ${count(requests, 'request', 'requests')} · ${count(retries, 'retry', 'retries')} · ${recent.length} req/s`;
    stream.write(`\r${line.padEnd(drawn)}`);
    drawn = line.length;
  };
  const timer = setInterval(draw, tick);
  timer.unref(); // never the reason the process stays alive

  return {
    onProgress(next) {
      progress = next;
      draw();
    },
    onRequest(attempt) {
      requests++;
      if (attempt > 1) retries++;
      recent.push(now());
    },
    clear() {
      clearInterval(timer);
      if (drawn > 0) stream.write(`\r${' '.repeat(drawn)}\r`);
      drawn = 0;
    },
  };
}
