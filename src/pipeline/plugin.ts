import type { AnyEndpoint, EndpointRequest, EndpointResponse } from '../endpoints/define-endpoint.js';
import type { PipelineEvent } from './events.js';

/**
 * The fixed order in which plugins run, outermost first:
 * - `call`: once per logical call, for work on the whole call (defaults: `validation`, and
 *   `chunking`, which fans out into several sub-calls and so sits innermost);
 * - `sub-call`: once per request body sent (once per chunk), for plugins that repeat a request
 *   (defaults: `retry`, `signing-renewal`, innermost because they repeat);
 * - `attempt`: once per HTTP attempt, for what every attempt needs fresh (defaults: `nonce`,
 *   `signing`);
 * - `transport`: just before the terminal HTTP transport, for plugins that inspect or replace it.
 *
 * @example
 * ```ts
 * const timing: Plugin = { name: 'timing', phase: 'attempt', run: (ctx, next) => next(ctx) };
 * phases.indexOf(timing.phase); // 2: runs inside every call and sub-call plugin
 * ```
 */
export const phases = ['call', 'sub-call', 'attempt', 'transport'] as const;

/**
 * One of {@link phases}: where a {@link Plugin} runs.
 *
 * @example
 * ```ts
 * const phase: Phase = 'sub-call';
 * ```
 */
export type Phase = (typeof phases)[number];

/**
 * The envelope every IM REST answer shares, and what a plugin's `run` resolves to. Endpoint
 * results extend it with their own fields.
 *
 * @example
 * ```ts
 * const audit: Plugin = {
 *   name: 'audit',
 *   phase: 'call',
 *   async run(ctx, next) {
 *     const answer: ApiResponse = await next(ctx);
 *     console.log(ctx.endpoint.name, answer.ActionStatus, answer.RequestId);
 *     return answer;
 *   },
 * };
 * ```
 */
export interface ApiResponse {
  /** `OK` or `FAIL`; some answers omit it, so success is decided on `ErrorCode`. */
  ActionStatus?: string | undefined;
  /** 0 on success. */
  ErrorCode: number;
  /** The service's description of the error; empty or absent on success. */
  ErrorInfo?: string | undefined;
  /** A message meant for end users, when the service sends one. */
  ErrorDisplay?: string | undefined;
  /** The service's id of the request, for support tickets. */
  RequestId?: string | undefined;
}

/**
 * What flows through the pipeline. Contexts are immutable: a plugin that changes something
 * passes a copy to `next` (`next({ ...ctx, query: { ...ctx.query, random } })`), so calling
 * `next` again (for example to repeat a request) starts from an unchanged context.
 *
 * @example
 * ```ts
 * const trace: Plugin = {
 *   name: 'trace',
 *   phase: 'attempt',
 *   after: 'nonce',
 *   run(ctx: RequestContext, next) {
 *     console.log(ctx.endpoint.path, `attempt ${ctx.attempt}`, `random ${ctx.query.random}`); // never log ctx.query.usersig
 *     return next(ctx);
 *   },
 * };
 * ```
 */
export interface RequestContext {
  /** The endpoint declaration being called. */
  readonly endpoint: AnyEndpoint;
  /**
   * The client that makes the call (its `name` and base URL), the same for every plugin, chunk
   * and attempt: for logs, spans and metrics that tell several clients apart.
   */
  readonly client: ClientInfo;
  /**
   * The call's id, `c1`, `c2` …: unique among the calls of every client in the process (a
   * process-wide counter), the same for every plugin, chunk and attempt of the call. A call a
   * plugin makes with {@link RequestContext.request} gets an id of its own. The `logging`
   * plugins write it as `callId`.
   */
  readonly callId: string;
  /** The request body (validated by the `validation` plugin in the `call` phase). */
  readonly body: Readonly<Record<string, unknown>>;
  /**
   * Query parameters of the request URL. The client sets `sdkappid`, `identifier` and
   * `contenttype`; the `nonce` plugin adds `random` and the `signing` plugin `usersig`. These five
   * are all the service takes, so they are all the transport sends: a request whose query holds
   * another key is refused with {@link TimValidationError} (`query.<key>`) before it is sent. A
   * value of your own (a request id, a proxy's token) goes in {@link RequestContext.headers}.
   */
  readonly query: Readonly<Record<string, string>>;
  /**
   * Extra HTTP headers for the request, by name (case-insensitive), sent by the transport beside
   * its own `Accept` and `Content-Type`. Absent means none. Like the rest of the context it is
   * immutable: a plugin passes a copy on, so a header set in the `attempt` phase belongs to that
   * attempt only (a retry starts again from the sub-call's context and gets its own), while one
   * set in the `call` or `sub-call` phase goes with every attempt inside it.
   *
   * Refused with {@link TimValidationError} before sending: `Accept`, `Content-Type` and
   * `Content-Length`, which the transport sets (`Content-Type` follows the client's
   * `contentType` option), and a name or value that is not valid in HTTP. Values never reach logs
   * or errors. In a browser, a header that is not CORS-safelisted makes every request
   * preflighted: the server (or your proxy) must allow it in `Access-Control-Allow-Headers`.
   *
   * @example
   * ```ts
   * const requestIds: Plugin = {
   *   name: 'request-ids',
   *   phase: 'attempt',
   *   run: (ctx, next) => next({ ...ctx, headers: { ...ctx.headers, 'X-Request-Id': crypto.randomUUID() } }),
   * };
   * ```
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * The number of this HTTP attempt within its sub-call (its chunk): 1, 2, 3 … in the `attempt`
   * and `transport` phases, whoever repeats the request (retry, UserSig renewal, a custom
   * plugin). The pipeline sets it; a value a plugin passes to `next` is replaced. 0 in the `call`
   * and `sub-call` phases, where no attempt has started yet.
   */
  readonly attempt: number;
  /** Per-attempt timeout in milliseconds. */
  readonly timeout: number;
  /** The caller's signal; every plugin that waits must stop waiting when it aborts. */
  readonly signal: AbortSignal | undefined;
  /**
   * When set (epoch milliseconds, `Date.now()` clock), no attempt of this sub-call may start
   * later: the `retry` plugin sets it from its `deadline` option, and plugins that wait (the rate
   * limiter) give up instead of waiting past it.
   */
  readonly deadline?: number | undefined;
  /**
   * The caller's per-call bag of values (the call option `context`, `{}` by default), the same
   * object for every plugin, chunk and attempt of the call. A plugin may hand values to the
   * plugins inside it with `next({ ...ctx, context: { ...ctx.context, key: value } })`.
   */
  readonly context: Readonly<Record<string, unknown>>;
  /**
   * Reports an event to the plugins outside this one and to the caller (see
   * {@link PipelineEvent}; your own plugin's take a `<plugin>:<what>` type). To hear the events
   * of inner plugins, pass a wrapper on:
   * `next({ ...ctx, emit: (event) => { see(event); ctx.emit(event); } })`.
   */
  readonly emit: (event: PipelineEvent) => void;
  /**
   * Calls another endpoint as part of this call, through the client's whole pipeline (its own
   * validation, chunks, retries, rate-limit slots and signing), with this call's signal, timeout
   * and `context`: for a plugin that must read before it decides, as write reconciliation reads
   * the relations a write may have changed.
   */
  readonly request: <E extends AnyEndpoint>(endpoint: E, body: EndpointRequest<E>) => Promise<EndpointResponse<E>>;
  /**
   * Set when the caller streams the call (`tim.stream`): a plugin that splits a batch call (the
   * `chunking` plugin) hands it each chunk's answer, in request order, and awaits it before it
   * asks for much more, so that the consumer's pace sets the requests'; the call's own answer is
   * then the envelope alone. A plugin that does not split leaves it to the plugins inside; when
   * none takes it, the stream yields the call's answer as its one part.
   */
  readonly parts?: ((part: ApiResponse) => Promise<void>) | undefined;
}

/**
 * What a plugin knows of the client that runs it ({@link RequestContext.client}): to tell the
 * records, spans and metrics of several clients apart, and to say where their requests go.
 *
 * @example
 * ```ts
 * const tagged: Plugin = {
 *   name: 'tagged',
 *   phase: 'call',
 *   run(ctx, next) {
 *     const client: ClientInfo = ctx.client;
 *     console.log(`${client.name ?? 'timfetch'} ${ctx.callId} ${ctx.endpoint.name} → ${client.baseUrl}`);
 *     return next(ctx);
 *   },
 * };
 * const orders = createClient({ sdkAppId, identifier, secretKey, name: 'orders', plugins: [tagged] });
 * ```
 */
export interface ClientInfo {
  /** The client option `name`, for example `orders`; undefined when the client has none. */
  readonly name: string | undefined;
  /**
   * Where the client's requests go now (no trailing slash): the `baseUrl` option or the region's
   * domain, or its backup domain while the main one is unreachable. Read when an attempt starts
   * (in the `attempt` and `transport` phases), it is where that attempt goes.
   */
  readonly baseUrl: string;
}

/**
 * Continues the pipeline with the given context (or the current one). May be called more than
 * once, even concurrently: each call is a fresh descent through the inner plugins.
 *
 * @example
 * ```ts
 * async function twice(ctx: RequestContext, next: Next): Promise<ApiResponse> {
 *   try {
 *     return await next(ctx);
 *   } catch {
 *     return next(ctx); // a new attempt: fresh nonce, signature and attempt number
 *   }
 * }
 * ```
 */
export type Next = (ctx?: RequestContext) => Promise<ApiResponse>;

/**
 * A middleware plugin: `run` receives the context and `next`, and resolves to the answer.
 *
 * @example
 * ```ts
 * const timing: Plugin = {
 *   name: 'timing',
 *   phase: 'attempt',
 *   after: 'signing',
 *   async run(ctx, next) {
 *     const started = performance.now();
 *     try {
 *       return await next(ctx);
 *     } finally {
 *       console.log(ctx.endpoint.name, ctx.attempt, performance.now() - started);
 *     }
 *   },
 * };
 * const tim = createClient({ sdkAppId, identifier, secretKey, plugins: [timing] });
 * ```
 */
export interface Plugin {
  /** Unique name inside a client's pipeline; `before`, `after` and `replaces` refer to it. */
  readonly name: string;
  /** The phase the plugin runs in. */
  readonly phase: Phase;
  /** Names of plugins of the same phase this one must run before (outside of). */
  readonly before?: string | readonly string[] | undefined;
  /** Names of plugins of the same phase this one must run after (inside of). */
  readonly after?: string | readonly string[] | undefined;
  /**
   * Where the plugin sits in its phase when no `before` / `after` decides: `high` outermost,
   * `low` innermost. Plugins that fan out or repeat `next` (`chunking`, `retry`,
   * `signing-renewal`) are `low`, so a plugin of `normal` priority runs once per call or per
   * sub-call, not once per chunk or per retry.
   * @defaultValue 'normal'
   */
  readonly priority?: Priority | undefined;
  /**
   * The name of a plugin this one replaces: it takes that plugin's place (phase position and
   * priority, unless it gives its own), and constraints naming the replaced plugin apply to it.
   * Without it, a second plugin with a name already in the pipeline is an error.
   * @example 'nonce'
   */
  readonly replaces?: string | undefined;
  /** The plugin's work. */
  run(ctx: RequestContext, next: Next): Promise<ApiResponse>;
}

/**
 * The order of plugins inside a phase where no `before` / `after` decides (see
 * {@link Plugin.priority}), outermost first.
 *
 * @example
 * ```ts
 * const audit: Plugin = { name: 'audit', phase: 'call', priority: 'high', run: (ctx, next) => next(ctx) };
 * priorities.indexOf('high'); // 0: outermost
 * ```
 */
export const priorities = ['high', 'normal', 'low'] as const;

/**
 * One of {@link priorities}.
 *
 * @example
 * ```ts
 * const priority: Priority = 'low';
 * ```
 */
export type Priority = (typeof priorities)[number];

/**
 * A plugin's place in a resolved pipeline, as {@link TimClient.describePipeline} lists it.
 *
 * @example
 * ```ts
 * const entries: PipelineEntry[] = tim.describePipeline();
 * console.log(entries.map(({ phase, name }) => `${phase}:${name}`).join(' → '));
 * ```
 */
export interface PipelineEntry {
  /** The plugin's phase. */
  readonly phase: Phase;
  /** The plugin's name. */
  readonly name: string;
}
