/**
 * The {@link openTelemetry} plugins: a span per call with a child span per HTTP attempt, and
 * metrics of request durations, retries and rate-limit waits, through the OpenTelemetry API
 * (`@opentelemetry/api`, an optional peer dependency: install it beside timfetch). Without an
 * OpenTelemetry SDK registered, the API does nothing and costs next to nothing.
 *
 * @module timfetch/plugins/opentelemetry
 */
import { context, metrics, SpanKind, SpanStatusCode, trace, type Attributes, type Counter, type Histogram, type Meter, type Span, type Tracer } from '@opentelemetry/api';
import * as v from 'valibot';
import {
  isTimError,
  isTimHttpError,
  objectMessage,
  parseOrThrow,
  redactSecrets,
  requestedAccountCount,
  transportInfo,
  version,
  type PipelineEvent,
  type Plugin,
  type RequestContext,
} from '../src/plugin-kit.js';

/**
 * Where the {@link openTelemetry} plugins send spans and metrics. Bad values make
 * `openTelemetry()` throw {@link timfetch!TimValidationError}.
 *
 * @example
 * ```ts
 * import { metrics, trace } from '@opentelemetry/api';
 *
 * const options: OpenTelemetryOptions = { tracer: trace.getTracer('orders-service'), meter: metrics.getMeter('orders-service') };
 * const plugins = openTelemetry(options);
 * ```
 */
export interface OpenTelemetryOptions {
  /**
   * The tracer that starts the spans.
   * @defaultValue `trace.getTracer('timfetch', version)`: the global tracer provider's
   */
  tracer?: Tracer | undefined;
  /**
   * The meter that makes the instruments, on the first call.
   * @defaultValue `metrics.getMeter('timfetch', version)`: the global meter provider's at the first call
   */
  meter?: Meter | undefined;
}

const optionsSchema = v.object(
  {
    tracer: v.optional(v.custom<Tracer>((tracer) => typeof (tracer as Tracer | null)?.startSpan === 'function', 'must be an OpenTelemetry Tracer (with startSpan)')),
    meter: v.optional(
      v.custom<Meter>(
        (meter) => typeof (meter as Meter | null)?.createHistogram === 'function' && typeof (meter as Meter).createCounter === 'function',
        'must be an OpenTelemetry Meter (with createHistogram and createCounter)',
      ),
    ),
  },
  objectMessage,
);

// The bucket boundaries the HTTP semantic conventions advise for `http.client.request.duration`, in seconds.
const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

interface Instruments {
  readonly requestDuration: Histogram;
  readonly retries: Counter;
  readonly rateLimitWait: Histogram;
}

function instrumentsOf(meter: Meter): Instruments {
  return {
    requestDuration: meter.createHistogram('http.client.request.duration', {
      description: 'Duration of HTTP client requests (one per attempt).',
      unit: 's',
      advice: { explicitBucketBoundaries: durationBuckets },
    }),
    retries: meter.createCounter('timfetch.retries', { description: 'Requests repeated by the retry plugin.', unit: '{retry}' }),
    rateLimitWait: meter.createHistogram('timfetch.rate_limit.wait.duration', {
      description: 'Time an HTTP attempt waited for its rate-limit slot (waits of 1 ms or more).',
      unit: 's',
      advice: { explicitBucketBoundaries: durationBuckets },
    }),
  };
}

// What the plugins of one call share, carried inward in the call's context: the call's span and
// counts, and per chunk its number and the rate-limit wait of its next attempt.
const callKey = Symbol('timfetch.opentelemetry.call');
const chunkKey = Symbol('timfetch.opentelemetry.chunk');

interface CallRecord {
  readonly span: Span;
  chunks: number;
  attempts: number;
}

interface ChunkRecord {
  readonly chunk: number;
  /** The rate-limit wait (ms) reported before the attempt that has not started yet. */
  wait: number | undefined;
}

const shared = <T>(ctx: RequestContext, key: symbol) => (ctx.context as Record<symbol, T | undefined>)[key];

/** The attributes every span and metric of a call carries: the endpoint and the client's name. */
function callAttributes(ctx: RequestContext): Attributes {
  const attributes: Attributes = { 'timfetch.endpoint': ctx.endpoint.name };
  if (ctx.client.name !== undefined) attributes['timfetch.client.name'] = ctx.client.name;
  return attributes;
}

/** `error.type` of the HTTP conventions: the status of an HTTP error answer, else the error's class. */
function errorType(error: unknown): string {
  if (isTimHttpError(error)) return String(error.status);
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Marks a span failed: the exception (message and stack redacted; no `code`, which would become
 * its type), status ERROR, `error.type`, and the IM code of a TimError (an HTTP error's is its status).
 */
function recordFailure(span: Span, error: unknown): void {
  const message = redactSecrets(error instanceof Error ? error.message : String(error));
  const stack = error instanceof Error && error.stack !== undefined ? redactSecrets(error.stack) : undefined;
  span.recordException({ name: error instanceof Error ? error.name : typeof error, message, ...(stack === undefined ? {} : { stack }) });
  span.setAttribute('error.type', errorType(error));
  if (isTimError(error) && !isTimHttpError(error)) span.setAttribute('timfetch.error_code', error.code);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** Server address, port and the URL without secrets of an attempt, as the HTTP conventions name them. */
function urlAttributes(ctx: RequestContext): { attributes: Attributes; template: string } {
  const url = new URL(`${ctx.client.baseUrl}/${ctx.endpoint.path}?${new URLSearchParams(ctx.query).toString()}`);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return {
    attributes: { 'server.address': url.hostname, 'server.port': port, 'url.full': redactSecrets(url.href), 'url.template': url.pathname },
    template: url.pathname,
  };
}

/** A pipeline event as a span event of the call (the rate-limit wait goes on its attempt's span instead). */
function spanEventOf(event: PipelineEvent): { name: string; attributes: Attributes } | undefined {
  const defined = (attributes: Record<string, string | number | undefined>): Attributes =>
    Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined)) as Attributes;
  switch (event.type) {
    case 'retry':
      return {
        name: 'timfetch.retry',
        attributes: defined({
          'timfetch.retry': event.retry,
          'timfetch.retry.delay_ms': event.delay,
          'timfetch.retry.reason': event.reason,
          'timfetch.error_code': event.code,
          'error.type': event.error,
          'timfetch.retry.accounts': event.accounts,
        }),
      };
    case 'rate-limit-slowdown':
      return { name: 'timfetch.rate_limit.slowdown', attributes: defined({ 'timfetch.error_code': event.code, 'timfetch.rate_limit.limit': event.limit, 'timfetch.rate_limit.hold_ms': event.hold }) };
    case 'usersig-renewal':
      return { name: 'timfetch.usersig.renewal', attributes: { 'timfetch.error_code': event.code } };
    case 'reconcile':
      return {
        name: 'timfetch.reconcile',
        attributes: { 'timfetch.reconcile.round': event.round, 'timfetch.accounts': event.accounts, 'timfetch.reconcile.applied': event.applied, 'timfetch.reconcile.resent': event.resent },
      };
    default:
      return undefined;
  }
}

/**
 * Traces and measures a client with OpenTelemetry, as three plugins that share one tracer and
 * one meter:
 * - `opentelemetry` (call phase, `high`): a span per call, `timfetch <endpoint>` (kind INTERNAL),
 *   a child of the caller's active span (`context.active()`), with `timfetch.endpoint`,
 *   `timfetch.endpoint.path`, `timfetch.call.id`, `timfetch.client.name` (the client's `name`),
 *   `timfetch.accounts`; when it ends `timfetch.chunks`, `timfetch.attempts`,
 *   `timfetch.failed_accounts` and `timfetch.error_code` (the answer's `ErrorCode`), or the error
 *   (`recordException`, status ERROR, `error.type`, `timfetch.error_code`). Retries, slowdowns,
 *   UserSig renewals and reconciliations are span events (`timfetch.retry` …). The call's plugins
 *   run with this span active, so calls a plugin makes (`ctx.request`) nest under it.
 * - `opentelemetry-chunk` (sub-call phase, `high`): numbers the chunks.
 * - `opentelemetry-attempt` (transport phase, `low`): a span per HTTP attempt, `POST <path>`
 *   (kind CLIENT), a child of the call's span, after the HTTP client semantic conventions:
 *   `http.request.method`, `server.address`, `server.port`, `url.full` (its `usersig` redacted),
 *   `url.template`, `http.request.resend_count` (from the second attempt on),
 *   `http.response.status_code`, `error.type`; and `timfetch.chunk` (1, 2 …),
 *   `timfetch.attempt` (1, 2 … within the chunk), `timfetch.accounts` (of the chunk),
 *   `timfetch.rate_limit.wait_ms` (when it waited for its slot), `timfetch.error_code`.
 *
 * Metrics: `http.client.request.duration` (histogram, seconds, per attempt, with the method,
 * server, status code, `error.type`, endpoint and client name), `timfetch.retries` (counter, with
 * the reason and `error.type`) and `timfetch.rate_limit.wait.duration` (histogram, seconds).
 *
 * Spans and metrics never carry the secret key, a UserSig or an account id (only counts). Bad
 * input rejected by `validation` (which runs first among `high` call plugins) makes no span.
 *
 * @param options - the tracer and the meter; see {@link OpenTelemetryOptions}.
 * @returns the plugins `[opentelemetry, opentelemetry-chunk, opentelemetry-attempt]`, to add together.
 * @throws {@link timfetch!TimValidationError} when `tracer` or `meter` is not one.
 *
 * @example
 * ```ts
 * import { createClient } from 'timfetch';
 * import { openTelemetry } from 'timfetch/plugins/opentelemetry';
 *
 * // With an OpenTelemetry SDK started (NodeSDK, or a provider you registered):
 * const tim = createClient({ sdkAppId, identifier, secretKey, name: 'orders', plugins: openTelemetry() });
 * ```
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): Plugin[] {
  parseOrThrow(optionsSchema, options, 'openTelemetry options');
  const tracer = options.tracer ?? trace.getTracer('timfetch', version);
  // Made on the first call, not here: a client is often created before the SDK registers its
  // meter provider, and the global meter is not a proxy that would follow it.
  let instruments: Instruments | undefined;
  const instrumentsNow = () => (instruments ??= instrumentsOf(options.meter ?? metrics.getMeter('timfetch', version)));

  const call: Plugin = {
    name: 'opentelemetry',
    phase: 'call',
    priority: 'high',
    async run(ctx, next) {
      const { retries, rateLimitWait } = instrumentsNow();
      const common = callAttributes(ctx);
      const accounts = requestedAccountCount(ctx.body, ctx.endpoint);
      const span = tracer.startSpan(`timfetch ${ctx.endpoint.name}`, {
        kind: SpanKind.INTERNAL,
        attributes: {
          ...common,
          'timfetch.endpoint.path': ctx.endpoint.path,
          'timfetch.call.id': ctx.callId,
          ...(accounts === undefined ? {} : { 'timfetch.accounts': accounts }),
        },
      });
      const record: CallRecord = { span, chunks: 0, attempts: 0 };
      const emit = (event: PipelineEvent) => {
        if (event.type === 'retry') retries.add(1, { ...common, 'timfetch.retry.reason': event.reason, ...(event.error === undefined ? {} : { 'error.type': event.error }) });
        if (event.type === 'rate-limit-wait') rateLimitWait.record(event.wait / 1000, common);
        const spanEvent = spanEventOf(event);
        if (spanEvent !== undefined) span.addEvent(spanEvent.name, spanEvent.attributes);
        ctx.emit(event);
      };
      try {
        const answer = await context.with(trace.setSpan(context.active(), span), () => next({ ...ctx, emit, context: { ...ctx.context, [callKey]: record } }));
        const failed = (answer as { Fail_Account?: unknown }).Fail_Account;
        span.setAttributes({
          'timfetch.chunks': record.chunks,
          'timfetch.attempts': record.attempts,
          'timfetch.error_code': answer.ErrorCode,
          // The service leaves Fail_Account out when no account failed.
          ...(ctx.endpoint.batch === undefined ? {} : { 'timfetch.failed_accounts': Array.isArray(failed) ? failed.length : 0 }),
        });
        return answer;
      } catch (error) {
        span.setAttributes({ 'timfetch.chunks': record.chunks, 'timfetch.attempts': record.attempts });
        recordFailure(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  };

  const chunk: Plugin = {
    name: 'opentelemetry-chunk',
    phase: 'sub-call',
    priority: 'high',
    run(ctx, next) {
      const record = shared<CallRecord>(ctx, callKey);
      if (record === undefined) return next(ctx);
      const chunkRecord: ChunkRecord = { chunk: ++record.chunks, wait: undefined };
      // The rate limiter reports a wait just before its attempt starts: kept for that attempt's span.
      const emit = (event: PipelineEvent) => {
        if (event.type === 'rate-limit-wait') chunkRecord.wait = event.wait;
        ctx.emit(event);
      };
      return next({ ...ctx, emit, context: { ...ctx.context, [chunkKey]: chunkRecord } });
    },
  };

  const attempt: Plugin = {
    name: 'opentelemetry-attempt',
    phase: 'transport',
    priority: 'low',
    async run(ctx, next) {
      const record = shared<CallRecord>(ctx, callKey);
      if (record === undefined) return next(ctx);
      record.attempts++;
      const chunkRecord = shared<ChunkRecord>(ctx, chunkKey);
      const wait = chunkRecord?.wait;
      if (chunkRecord !== undefined) chunkRecord.wait = undefined;
      const common = callAttributes(ctx);
      const url = urlAttributes(ctx);
      const accounts = requestedAccountCount(ctx.body, ctx.endpoint);
      const serverAttributes = { 'http.request.method': 'POST', 'server.address': url.attributes['server.address'], 'server.port': url.attributes['server.port'] };
      const span = tracer.startSpan(
        `POST ${url.template}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            ...url.attributes,
            'http.request.method': 'POST',
            ...(ctx.attempt > 1 ? { 'http.request.resend_count': ctx.attempt - 1 } : {}),
            ...common,
            'timfetch.endpoint.path': ctx.endpoint.path,
            'timfetch.call.id': ctx.callId,
            'timfetch.chunk': chunkRecord?.chunk ?? 1,
            'timfetch.attempt': ctx.attempt,
            ...(accounts === undefined ? {} : { 'timfetch.accounts': accounts }),
            ...(wait === undefined ? {} : { 'timfetch.rate_limit.wait_ms': wait }),
          },
        },
        trace.setSpan(context.active(), record.span),
      );
      const started = performance.now();
      const measure = (outcome: unknown, extra: Attributes) => {
        const info = transportInfo(outcome);
        if (info?.status !== undefined) span.setAttribute('http.response.status_code', info.status);
        const seconds = (info?.duration ?? performance.now() - started) / 1000;
        instrumentsNow().requestDuration.record(seconds, { ...serverAttributes, ...(info?.status === undefined ? {} : { 'http.response.status_code': info.status }), ...common, ...extra });
      };
      try {
        const answer = await context.with(trace.setSpan(context.active(), span), () => next(ctx));
        span.setAttribute('timfetch.error_code', answer.ErrorCode);
        measure(answer, {});
        return answer;
      } catch (error) {
        recordFailure(span, error);
        measure(error, { 'error.type': errorType(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  };

  return [call, chunk, attempt];
}
