/**
 * The {@link logging} plugins: structured events of what the pipeline did — calls, chunks,
 * HTTP attempts, retries, rate-limit waits, UserSig renewals — to `console` or a pino-style
 * logger, redacted, and never able to break a call.
 *
 * @module timfetch/plugins/logging
 */
import * as v from 'valibot';
import {
  isTimError,
  objectMessage,
  parseOrThrow,
  redactSecrets,
  requestedAccountCount,
  transportInfo,
  type PipelineEvent,
  type Plugin,
  type RequestContext,
} from '../src/plugin-kit.js';

/**
 * Where the {@link logging} plugins write: `console`, or a pino-style logger
 * (`logger.info(object, message)`, with `child()`), or anything with the four level methods. A logger with `child` is called pino-style; one
 * without, console-style (`logger.info(message, object)`).
 *
 * @example
 * ```ts
 * // A pino-style logger, such as `pino()` returns: level methods called (object, message), and child().
 * declare const pinoLogger: Record<'debug' | 'info' | 'warn' | 'error', (object: object, message?: string) => void> & {
 *   child(bindings: Record<string, unknown>): unknown;
 * };
 *
 * const logger: Logger = pinoLogger;
 * const tim = createClient({ sdkAppId, identifier, secretKey, logger, logLevel: 'debug' });
 * ```
 */
export interface Logger {
  // Methods (not function properties), so that loggers with narrower parameter types fit.
  /** Fine detail: every HTTP attempt, every wait. Called as pino's `(object, message)` or console's `(message, object)`. */
  debug(...args: unknown[]): void;
  /** What an operator wants to see: call summaries, retries, renewals. */
  info(...args: unknown[]): void;
  /** Something went wrong and was handled: a failed attempt, a slowdown. */
  warn(...args: unknown[]): void;
  /** A call failed. */
  error(...args: unknown[]): void;
  /** pino's child loggers: when present, events are passed pino-style. */
  child?: ((bindings: Record<string, unknown>) => unknown) | undefined;
}

/**
 * The least severe level the {@link logging} plugins write, to choose how much is logged:
 * `debug` everything, `info` call summaries, retries and renewals, `warn` failed attempts and
 * slowdowns, `error` failed calls, `silent` nothing.
 *
 * @example
 * ```ts
 * const level: LogLevel = process.env.TIM_DEBUG ? 'debug' : 'info';
 * ```
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * One log record, as every logger receives it (pino: the object; console: after the message):
 * the shape to parse or forward to metrics.
 * `event` names what happened; the other fields depend on it (see {@link logging}). Records of
 * one call share its `callId`.
 *
 * @example
 * ```ts
 * const record: LogRecord = { event: 'attempt.end', callId: 'c7', endpoint: 'friendCheck', chunk: 1, attempt: 2, status: 200, errorCode: 0, ms: 41 };
 * ```
 */
export interface LogRecord {
  /** What happened: `call.start`, `call.end`, `call.error`, `attempt.start`, `attempt.end`, `retry`, `rate-limit.wait`, `rate-limit.slowdown`, `usersig.renewal`, `reconcile`. */
  readonly event: string;
  /** The call's id (`c1`, `c2` …), unique among the calls of every client in the process. */
  readonly callId: string;
  /** The client's `name` option, when it has one: which client made the call. */
  readonly client?: string;
  /** The endpoint's name, for example `friendCheck`. */
  readonly endpoint: string;
  /** The other fields of the event. */
  readonly [field: string]: unknown;
}

/**
 * Where the {@link logging} plugins write and how much (the client's `logger` and `logLevel`
 * options). Bad values make `logging()` throw {@link timfetch!TimValidationError}.
 *
 * @example
 * ```ts
 * const options: LoggingOptions = { logger: console, level: 'debug' };
 * const plugins = logging(options);
 * ```
 */
export interface LoggingOptions {
  /** Where events go: an object with `debug`, `info`, `warn` and `error` methods. */
  logger: Logger;
  /**
   * The least severe level written.
   * @defaultValue 'info'
   */
  level?: LogLevel | undefined;
  /**
   * A base URL to log each attempt's URL under (with `usersig` redacted), in place of where the
   * attempt goes.
   * @defaultValue `ctx.client.baseUrl`: where the attempt goes (the backup domain during a failover)
   */
  baseUrl?: string | undefined;
}

const levels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = Exclude<LogLevel, 'silent'>;

const optionsSchema = v.object(
  {
    logger: v.custom<Logger>(
      (logger) => typeof logger === 'object' && logger !== null && (['debug', 'info', 'warn', 'error'] as const).every((m) => typeof (logger as Logger)[m] === 'function'),
      'must be a logger with debug, info, warn and error methods (console, pino …)',
    ),
    level: v.optional(v.picklist(levels, `must be one of ${levels.join(', ')}`)),
    baseUrl: v.optional(v.string('must be a string')),
  },
  objectMessage,
);

// What the plugins of one call share, carried to the inner plugins in the call's context: the
// call's record, and the chunk number from `logging-chunk` to `logging-attempt`.
const callKey = Symbol('timfetch.logging.call');
const chunkKey = Symbol('timfetch.logging.chunk');

interface CallRecord {
  chunks: number;
}

/** The fields every record of a call starts with: its id, its endpoint, and the client's name when it has one. */
function baseOf(ctx: RequestContext): { callId: string; endpoint: string; client?: string } {
  const base = { callId: ctx.callId, endpoint: ctx.endpoint.name };
  return ctx.client.name === undefined ? base : { ...base, client: ctx.client.name };
}

function callOf(ctx: RequestContext): CallRecord | undefined {
  return (ctx.context as Record<symbol, CallRecord | undefined>)[callKey];
}

/** Error fields for a record: class, code, message (secrets redacted). */
function describeError(error: unknown): Record<string, unknown> {
  if (isTimError(error)) return { error: error.name, errorCode: error.code, message: redactSecrets(error.message), attempts: error.attempts };
  return { error: error instanceof Error ? error.name : typeof error, message: redactSecrets(error instanceof Error ? error.message : String(error)) };
}

/** Events of other plugins, translated into log records. */
function recordOfEvent(event: PipelineEvent): { level: Level; event: string; fields: Record<string, unknown> } | undefined {
  const { type, ...fields } = event;
  switch (type) {
    case 'retry':
      return { level: 'info', event: 'retry', fields };
    case 'rate-limit-wait':
      return { level: 'debug', event: 'rate-limit.wait', fields };
    case 'rate-limit-slowdown':
      return { level: 'warn', event: 'rate-limit.slowdown', fields };
    case 'usersig-renewal':
      return { level: 'info', event: 'usersig.renewal', fields };
    case 'reconcile':
      return { level: 'info', event: 'reconcile', fields };
    default:
      return undefined; // progress is summed up in call.end
  }
}

/**
 * Makes a client observable: structured log records of every call, chunk, attempt, retry,
 * rate-limit wait and UserSig renewal, as three plugins that share one logger:
 * - `logging` (call phase, outermost): `call.start` (debug: endpoint, accounts), `call.end` (info:
 *   endpoint, accounts, chunks, failed accounts, ms) or `call.error` (error: the error's class,
 *   code, message, attempts, ms); and the events of the plugins inside it: `retry` (info: retry
 *   number, delay, reason, code), `rate-limit.wait` (debug: wait ms), `rate-limit.slowdown`
 *   (warn), `usersig.renewal` (info: code), `reconcile` (info: round, accounts, applied, resent);
 * - `logging-chunk` (sub-call phase, outermost): numbers the chunks of the call;
 * - `logging-attempt` (transport phase, innermost): `attempt.start` (debug: chunk, attempt, the
 *   URL with `usersig` redacted) and
 *   `attempt.end` (debug, or warn when the attempt failed: chunk, attempt, HTTP status,
 *   ErrorCode, bytes, ms, and the error).
 *
 * Every record has `event`, `callId` (unique in the process) and `endpoint`, and `client` (the
 * client's `name` option) when the client has a name. Records never carry the secret key, a UserSig
 * or a request URL's `usersig` (messages are redacted), and a logger that throws is ignored: logging
 * never changes a call's result. The client adds these plugins when given a `logger`.
 *
 * @param options - the logger, the level and the base URL; see {@link LoggingOptions}.
 * @returns the plugins `[logging, logging-chunk, logging-attempt]`, to add together.
 * @throws {@link timfetch!TimValidationError} when `logger` lacks one of the four level methods,
 *   `level` is not a {@link LogLevel}, or `baseUrl` is not a string.
 *
 * @example
 * ```ts
 * import { createClient } from 'timfetch';
 *
 * const tim = createClient({ sdkAppId, identifier, secretKey, logger: console, logLevel: 'debug' });
 * // timfetch call.end { event: 'call.end', callId: 'c1', endpoint: 'friendCheck', accounts: 2500, chunks: 3, failed: 0, ms: 412 }
 * ```
 */
export function logging(options: LoggingOptions): Plugin[] {
  parseOrThrow(optionsSchema, options, 'logging options');
  const { logger } = options;
  const threshold = levels.indexOf(options.level ?? 'info');
  const pinoStyle = typeof logger.child === 'function';

  const write = (level: Level, record: LogRecord): void => {
    if (levels.indexOf(level) < threshold) return;
    try {
      const method = logger[level].bind(logger);
      if (pinoStyle) method(record, `timfetch ${record.event}`);
      else method(`timfetch ${record.event}`, record);
    } catch {
      // A logger that throws must never break a call.
    }
  };

  const call: Plugin = {
    name: 'logging',
    phase: 'call',
    priority: 'high',
    async run(ctx, next) {
      const record: CallRecord = { chunks: 0 };
      const base = baseOf(ctx);
      const accounts = requestedAccountCount(ctx.body, ctx.endpoint);
      const started = performance.now();
      write('debug', { event: 'call.start', ...base, accounts });
      const emit = (event: PipelineEvent) => {
        const translated = recordOfEvent(event);
        if (translated !== undefined) write(translated.level, { event: translated.event, ...base, ...translated.fields });
        ctx.emit(event);
      };
      try {
        const answer = await next({ ...ctx, emit, context: { ...ctx.context, [callKey]: record } });
        const failed = (answer as { Fail_Account?: unknown }).Fail_Account;
        const ms = Math.round(performance.now() - started);
        write('info', { event: 'call.end', ...base, accounts, chunks: record.chunks, failed: Array.isArray(failed) ? failed.length : 0, ms });
        return answer;
      } catch (error) {
        write('error', { event: 'call.error', ...base, accounts, chunks: record.chunks, ...describeError(error), ms: Math.round(performance.now() - started) });
        throw error;
      }
    },
  };

  const chunk: Plugin = {
    name: 'logging-chunk',
    phase: 'sub-call',
    priority: 'high',
    run(ctx, next) {
      const record = callOf(ctx);
      if (record === undefined) return next(ctx);
      record.chunks++;
      return next({ ...ctx, context: { ...ctx.context, [chunkKey]: record.chunks } });
    },
  };

  const attempt: Plugin = {
    name: 'logging-attempt',
    phase: 'transport',
    priority: 'low',
    async run(ctx, next) {
      const record = callOf(ctx);
      if (record === undefined) return next(ctx);
      const base = { ...baseOf(ctx), chunk: (ctx.context as Record<symbol, unknown>)[chunkKey] ?? 1, attempt: ctx.attempt };
      const url = redactSecrets(`${options.baseUrl ?? ctx.client.baseUrl}/${ctx.endpoint.path}?${new URLSearchParams(ctx.query).toString()}`);
      write('debug', { event: 'attempt.start', ...base, url });
      try {
        const answer = await next(ctx);
        const info = transportInfo(answer);
        write('debug', { event: 'attempt.end', ...base, status: info?.status, errorCode: answer.ErrorCode, bytes: info?.bytes, ms: Math.round(info?.duration ?? 0) });
        return answer;
      } catch (error) {
        const info = transportInfo(error);
        write('warn', { event: 'attempt.end', ...base, status: info?.status, ...describeError(error), bytes: info?.bytes, ms: info === undefined ? undefined : Math.round(info.duration) });
        throw error;
      }
    },
  };

  return [call, chunk, attempt];
}
