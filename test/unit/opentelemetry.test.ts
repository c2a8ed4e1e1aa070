// The OpenTelemetry plugins against the embedded emulator, read back from the SDK's in-memory
// exporters: the span tree (call → attempts, retries, chunks), the HTTP semantic-convention and IM
// attributes, errors on spans, the metrics, the parent taken from the caller's active span, and no
// secret anywhere in what is exported.
import { readFileSync } from 'node:fs';
import { context, metrics, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, AggregationTemporality, type DataPoint, type Histogram, type MetricData } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, friendCheck, TimHttpError, type ClientOptions, type FriendCheckRequest, type TimClient } from '../../src/index.js';
import { createEmulator } from '../../src/emulator/index.js';
import { openTelemetry } from '../../plugins/opentelemetry.js';
import { rejection } from '../support/caught.js';
import { fail, json } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const check = (accounts: string[]): FriendCheckRequest => ({ From_Account: 'alice', To_Account: accounts, CheckType: 'CheckResult_Type_Both' });
const fast = { minDelay: 1, maxDelay: 2 };
type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(() => {
  context.disable();
});

/** A tracer and a meter of their own, exporting to memory. */
function telemetry() {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 2 ** 30 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracerProvider,
    meterProvider,
    tracer: tracerProvider.getTracer('test'),
    meter: meterProvider.getMeter('test'),
    spans: () => spans.getFinishedSpans(),
    /** The metrics as last exported, by name. */
    async metrics(): Promise<Map<string, MetricData>> {
      await reader.forceFlush();
      const last = metricExporter.getMetrics().at(-1);
      return new Map((last?.scopeMetrics ?? []).flatMap((scope) => scope.metrics).map((metric) => [metric.descriptor.name, metric]));
    },
  };
}

/**
 * The emulator's fetch, with scripted answers for the first requests (`undefined`: the emulator
 * answers), and every UserSig the client sent.
 */
function emulated(script: ((url: URL) => Response | Promise<Response>)[] = []) {
  const emu = createEmulator({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey });
  for (const account of ['alice', 'bob', 'carol', 'dave']) emu.store.addAccount(account);
  const userSigs: string[] = [];
  let index = 0;
  const fetch: Fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    userSigs.push(url.searchParams.get('usersig') ?? '');
    const scripted = script[index++];
    return scripted === undefined ? emu.fetch(input, init) : scripted(url);
  };
  return { fetch, userSigs };
}

function client(fetch: Fetch, t: ReturnType<typeof telemetry>, options: Partial<ClientOptions> = {}): TimClient {
  return createClient({ ...testApp, fetch, name: 'orders', retry: fast, plugins: openTelemetry({ tracer: t.tracer, meter: t.meter }), ...options } as ClientOptions);
}

const callSpans = (spans: ReadableSpan[]) => spans.filter((span) => span.name.startsWith('timfetch '));
const attemptSpans = (spans: ReadableSpan[]) => spans.filter((span) => span.kind === SpanKind.CLIENT).sort((a, b) => (a.attributes['timfetch.chunk'] as number) - (b.attributes['timfetch.chunk'] as number) || (a.attributes['timfetch.attempt'] as number) - (b.attributes['timfetch.attempt'] as number));
const histogramPoints = (metric: MetricData | undefined) => (metric?.dataPoints ?? []) as DataPoint<Histogram>[];

describe('openTelemetry spans', () => {
  it('makes a call span with a CLIENT span per attempt: a retried chunk shows attempts 1 and 2, each chunk its number', async () => {
    const t = telemetry();
    const { fetch } = emulated([() => fail(30006, 'busy')]);
    const tim = client(fetch, t, { chunking: { chunkSize: 2, concurrency: 1 } });
    await tim.friendCheck(check(['bob', 'carol', 'dave']));

    const spans = t.spans();
    const [call] = callSpans(spans);
    expect(callSpans(spans)).toHaveLength(1);
    expect(call?.kind).toBe(SpanKind.INTERNAL);
    expect(call?.name).toBe('timfetch friendCheck');
    expect(call?.attributes).toEqual({
      'timfetch.endpoint': 'friendCheck',
      'timfetch.endpoint.path': 'v4/sns/friend_check',
      'timfetch.client.name': 'orders',
      'timfetch.call.id': expect.stringMatching(/^c\d+$/),
      'timfetch.accounts': 3,
      'timfetch.chunks': 2,
      'timfetch.attempts': 3,
      'timfetch.failed_accounts': 0,
      'timfetch.error_code': 0,
    });
    expect(call?.status.code).toBe(SpanStatusCode.UNSET);
    expect(call?.events.map((event) => [event.name, event.attributes])).toEqual([
      ['timfetch.retry', { 'timfetch.retry': 1, 'timfetch.retry.delay_ms': expect.any(Number), 'timfetch.retry.reason': 'error', 'timfetch.error_code': 30006, 'error.type': 'TimApiError' }],
    ]);

    const attempts = attemptSpans(spans);
    expect(attempts.map((span) => [span.attributes['timfetch.chunk'], span.attributes['timfetch.attempt'], span.attributes['timfetch.accounts']])).toEqual([
      [1, 1, 2],
      [1, 2, 2],
      [2, 1, 1],
    ]);
    for (const attempt of attempts) {
      expect(attempt.parentSpanContext?.spanId).toBe(call?.spanContext().spanId);
      expect(attempt.spanContext().traceId).toBe(call?.spanContext().traceId);
      expect(attempt.name).toBe('POST /v4/sns/friend_check');
      expect(attempt.attributes).toMatchObject({
        'http.request.method': 'POST',
        'server.address': 'console.tim.qq.com',
        'server.port': 443,
        'url.template': '/v4/sns/friend_check',
        'http.response.status_code': 200,
        'timfetch.endpoint': 'friendCheck',
        'timfetch.endpoint.path': 'v4/sns/friend_check',
        'timfetch.client.name': 'orders',
        'timfetch.call.id': call?.attributes['timfetch.call.id'],
      });
      expect(attempt.attributes['url.full']).toMatch(/^https:\/\/console\.tim\.qq\.com\/v4\/sns\/friend_check\?sdkappid=1400000000&identifier=administrator&contenttype=json&random=\d+&usersig=\[redacted\]$/);
    }
    const [failed, retried, second] = attempts;
    expect(failed?.status).toEqual({ code: SpanStatusCode.ERROR, message: expect.stringContaining('busy') });
    expect(failed?.attributes).toMatchObject({ 'error.type': 'TimApiError', 'timfetch.error_code': 30006 });
    expect(failed?.attributes['http.request.resend_count']).toBeUndefined();
    expect(failed?.events.map((event) => [event.name, event.attributes?.['exception.type']])).toEqual([['exception', 'TimApiError']]);
    expect(retried?.attributes).toMatchObject({ 'http.request.resend_count': 1, 'timfetch.error_code': 0 });
    expect(retried?.status.code).toBe(SpanStatusCode.UNSET);
    expect(retried?.attributes['error.type']).toBeUndefined();
    expect(second?.attributes['http.request.resend_count']).toBeUndefined();
  });

  it('makes the call span a child of the caller’s active span, and the default tracer is the global one, scoped timfetch <version>', async () => {
    const t = telemetry();
    const { fetch } = emulated();
    // Made before the providers are registered, as an app often does: the plugins still find them.
    const tim = createClient({ ...testApp, fetch, plugins: openTelemetry() });
    trace.setGlobalTracerProvider(t.tracerProvider);
    metrics.setGlobalMeterProvider(t.meterProvider);
    try {
      await t.tracer.startActiveSpan('handle order', async (parent) => {
        await tim.friendCheck(check(['bob']));
        parent.end();
      });
    } finally {
      trace.disable();
      metrics.disable();
    }
    const spans = t.spans();
    const parent = spans.find((span) => span.name === 'handle order');
    const [call] = callSpans(spans);
    const [attempt] = attemptSpans(spans);
    expect(call?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(call?.spanContext().traceId).toBe(parent?.spanContext().traceId);
    expect(attempt?.parentSpanContext?.spanId).toBe(call?.spanContext().spanId);
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(call?.instrumentationScope).toMatchObject({ name: 'timfetch', version });
    // A client without a name puts none on its spans.
    expect(call?.attributes['timfetch.client.name']).toBeUndefined();
    expect(histogramPoints((await t.metrics()).get('http.client.request.duration'))[0]?.value.count).toBe(1);
  });

  it('records a failed call on both spans: the exception, status ERROR and error.type', async () => {
    const t = telemetry();
    const { fetch } = emulated(Array.from({ length: 3 }, () => () => json({ error: 'down' }, { status: 500, statusText: 'Internal Server Error' })));
    const tim = client(fetch, t, { retry: false, chunking: { chunkSize: 1 } });
    const error = await rejection(tim.friendCheck(check(['bob', 'carol'])));
    expect(error).toBeInstanceOf(TimHttpError);
    const { message } = error as TimHttpError;

    const spans = t.spans();
    const [call] = callSpans(spans);
    expect(call?.status.code).toBe(SpanStatusCode.ERROR);
    expect(call?.attributes).toMatchObject({ 'error.type': '500', 'timfetch.chunks': 2, 'timfetch.attempts': 2 });
    expect(call?.attributes['timfetch.error_code']).toBeUndefined(); // an HTTP error has no IM code
    expect(call?.events.find((event) => event.name === 'exception')?.attributes).toMatchObject({ 'exception.type': 'TimHttpError', 'exception.message': message });
    const attempts = attemptSpans(spans);
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) {
      expect(attempt.status.code).toBe(SpanStatusCode.ERROR);
      expect(attempt.attributes).toMatchObject({ 'http.response.status_code': 500, 'error.type': '500' });
      expect(attempt.events.map((event) => event.name)).toEqual(['exception']);
    }
  });

  it('records an attempt that got no answer without a status code', async () => {
    const t = telemetry();
    const { fetch } = emulated([() => Promise.reject(new TypeError('fetch failed'))]);
    const tim = client(fetch, t, { retry: false });
    await rejection(tim.friendCheck(check(['bob'])));
    const [attempt] = attemptSpans(t.spans());
    expect(attempt?.attributes['error.type']).toBe('TimNetworkError');
    expect(attempt?.attributes['http.response.status_code']).toBeUndefined();
    const [point] = histogramPoints((await t.metrics()).get('http.client.request.duration'));
    expect(point?.attributes).toEqual({
      'http.request.method': 'POST',
      'server.address': 'console.tim.qq.com',
      'server.port': 443,
      'error.type': 'TimNetworkError',
      'timfetch.endpoint': 'friendCheck',
      'timfetch.client.name': 'orders',
    });
  });

  it('names the server each attempt went to: the backup domain after a failover', async () => {
    const t = telemetry();
    const { fetch } = emulated([() => Promise.reject(new TypeError('fetch failed'))]);
    const tim = client(fetch, t, { region: 'singapore' });
    await tim.friendCheck(check(['bob']));
    expect(attemptSpans(t.spans()).map((span) => [span.attributes['server.address'], span.attributes['error.type']])).toEqual([
      ['adminapisgp.im.qcloud.com', 'TimNetworkError'],
      ['adminapisgp.my-imcloud.com', undefined],
    ]);
  });

  it('puts a nested call (a plugin’s ctx.request) under the call span that made it', async () => {
    const t = telemetry();
    const { fetch } = emulated();
    const tim = client(fetch, t, {
      plugins: [
        ...openTelemetry({ tracer: t.tracer, meter: t.meter }),
        { name: 'look-first', phase: 'sub-call', run: async (ctx, next) => (ctx.endpoint.name === 'friendAdd' ? (await ctx.request(friendCheck, check(['bob'])), next(ctx)) : next(ctx)) },
      ],
    });
    await tim.friendAdd({ From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Admin' }] });
    const spans = callSpans(t.spans());
    const outer = spans.find((span) => span.name === 'timfetch friendAdd');
    const inner = spans.find((span) => span.name === 'timfetch friendCheck');
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(inner?.attributes['timfetch.call.id']).not.toBe(outer?.attributes['timfetch.call.id']);
  });
});

describe('openTelemetry metrics', () => {
  it('measures each attempt’s duration (seconds), counts retries, and records rate-limit waits on the metric and the attempt span', async () => {
    const t = telemetry();
    const { fetch } = emulated([() => fail(30006, 'busy')]);
    let asked = 0;
    const store = { name: 'slow-once', acquire: async () => ({ wait: asked++ === 0 ? 5 : 0 }) };
    const tim = client(fetch, t, { rateLimit: { store } });
    await tim.friendCheck(check(['bob']));

    const found = await t.metrics();
    const duration = found.get('http.client.request.duration');
    expect(duration?.descriptor.unit).toBe('s');
    const points = histogramPoints(duration);
    const base = { 'http.request.method': 'POST', 'server.address': 'console.tim.qq.com', 'server.port': 443, 'http.response.status_code': 200, 'timfetch.endpoint': 'friendCheck', 'timfetch.client.name': 'orders' };
    expect(points.map((point) => [point.attributes, point.value.count])).toEqual(
      expect.arrayContaining([
        [{ ...base, 'error.type': 'TimApiError' }, 1],
        [base, 1],
      ]),
    );
    expect(points).toHaveLength(2);
    for (const point of points) expect(point.value.sum).toBeGreaterThan(0);

    const retries = found.get('timfetch.retries');
    expect(retries?.dataPoints.map((point) => [point.attributes, point.value])).toEqual([
      [{ 'timfetch.endpoint': 'friendCheck', 'timfetch.client.name': 'orders', 'timfetch.retry.reason': 'error', 'error.type': 'TimApiError' }, 1],
    ]);

    const waits = histogramPoints(found.get('timfetch.rate_limit.wait.duration'));
    expect(found.get('timfetch.rate_limit.wait.duration')?.descriptor.unit).toBe('s');
    expect(waits.map((point) => [point.attributes, point.value.count])).toEqual([[{ 'timfetch.endpoint': 'friendCheck', 'timfetch.client.name': 'orders' }, 1]]);
    // The wait belongs to the first attempt (it waited for its slot), not to the retry.
    const [first, second] = attemptSpans(t.spans());
    const waited = first?.attributes['timfetch.rate_limit.wait_ms'];
    expect(waited).toBeGreaterThanOrEqual(1);
    expect(waits[0]?.value.sum).toBeCloseTo((waited as number) / 1000, 9);
    expect(second?.attributes['timfetch.rate_limit.wait_ms']).toBeUndefined();
  });
});

describe('openTelemetry and secrets', () => {
  it('exports no secret key and no UserSig in any span name, attribute, event, status or metric attribute, even when answers and errors echo them', async () => {
    const t = telemetry();
    const echo = (url: URL) => fail(30006, `bad request ${url.href} with ${url.searchParams.get('usersig')} and ${testApp.secretKey}`);
    const { fetch, userSigs } = emulated([
      echo,
      (url) => Promise.reject(new TypeError(`fetch failed: ${url.href} ${testApp.secretKey}`)),
      (url) => json({ error: url.href }, { status: 502, statusText: `Bad Gateway ${url.searchParams.get('usersig')}` }),
    ]);
    const tim = client(fetch, t, { retry: { ...fast, retries: 3 } });
    await tim.friendCheck(check(['bob']));
    // A plugin of the user's that quotes a signed URL in its error: the span's copy is redacted.
    const quoting = client(fetch, t, {
      retry: false,
      plugins: [
        ...openTelemetry({ tracer: t.tracer, meter: t.meter }),
        { name: 'quoting', phase: 'attempt', after: 'signing', run: async (ctx) => {
          userSigs.push(ctx.query.usersig ?? '');
          throw new Error(`proxy refused https://proxy/x?usersig=${ctx.query.usersig}`);
        },
      },
      ],
    });
    await rejection(quoting.friendCheck(check(['bob'])));
    const secrets = [testApp.secretKey, ...new Set(userSigs)];
    expect(secrets.length).toBeGreaterThan(1);

    const spans = t.spans();
    expect(attemptSpans(spans)).toHaveLength(4);
    expect(callSpans(spans).at(-1)?.status.message).toBe('proxy refused https://proxy/x?usersig=[redacted]');
    const exported: unknown[] = [];
    const values = (attributes: Attributes | undefined) => Object.values(attributes ?? {});
    for (const span of spans) {
      exported.push(span.name, span.status.message, ...values(span.attributes));
      for (const event of span.events) exported.push(event.name, ...values(event.attributes));
    }
    for (const metric of (await t.metrics()).values()) for (const point of metric.dataPoints) exported.push(...values(point.attributes));
    const text = JSON.stringify(exported);
    expect(text).toContain('usersig=[redacted]'); // the URLs and messages are there, redacted
    expect(text).toContain('at '); // stack traces are scanned too
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
    }
  });
});

describe('openTelemetry options', () => {
  it.each([
    [{ tracer: {} }, 'tracer', 'must be an OpenTelemetry Tracer (with startSpan)'],
    [{ meter: { createHistogram: () => undefined } }, 'meter', 'must be an OpenTelemetry Meter (with createHistogram and createCounter)'],
  ])('refuses bad options %#', (options, path, reason) => {
    expect(() => openTelemetry(options as never)).toThrow(expect.objectContaining({ name: 'TimValidationError', path, reason }));
  });
});
