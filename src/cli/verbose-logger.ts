import type { Logger } from '../../plugins/logging.js';
import type { StatusStream } from './progress-line.js';

/** One field as `key=value`; strings with spaces or quotes are quoted as JSON. */
function field(key: string, value: unknown): string {
  const text = typeof value === 'string' && !/[\s"=]/.test(value) ? value : JSON.stringify(value);
  return `${key}=${text}`;
}

/**
 * The logger of `--verbose`: every event of the pipeline as one line on stderr,
 * `timfetch call.end callId=c1 endpoint=friendCheck accounts=3 …` (the records are already redacted).
 */
export function verboseLogger(stderr: StatusStream): Logger {
  const line = (message: unknown, record: unknown) => {
    const fields = Object.entries(record as Record<string, unknown>)
      .filter(([key, value]) => key !== 'event' && value !== undefined)
      .map(([key, value]) => field(key, value));
    stderr.write(`${String(message)} ${fields.join(' ')}\n`);
  };
  return { debug: line, info: line, warn: line, error: line };
}
