import type { AnyEndpoint } from '../endpoint.js';

/**
 * The fixed order in which plugins run, outermost first:
 * - `call`: once per logical call (input validation, call logging, chunking fans out here);
 * - `sub-call`: once per chunk (retry, UserSig renewal);
 * - `attempt`: once per HTTP attempt (rate-limit slot, nonce, signing, attempt logging);
 * - `transport`: just before the terminal HTTP transport, for plugins that inspect or replace it.
 */
export const phases = ['call', 'sub-call', 'attempt', 'transport'] as const;

/** One of {@link phases}. */
export type Phase = (typeof phases)[number];

/**
 * The envelope every IM REST answer shares. Endpoint results extend it with their own fields.
 */
export interface ApiResponse {
  /** `OK` or `FAIL`; some answers omit it, so success is decided on `ErrorCode`. */
  ActionStatus?: string | undefined;
  /** 0 on success. */
  ErrorCode: number;
  ErrorInfo?: string | undefined;
  ErrorDisplay?: string | undefined;
  RequestId?: string | undefined;
}

/**
 * What flows through the pipeline. Contexts are immutable: a plugin that changes something
 * passes a copy to `next` (`next({ ...ctx, query: { ...ctx.query, random } })`), so calling
 * `next` again (retry, chunk fan-out) starts from an unchanged context.
 */
export interface RequestContext {
  /** The endpoint declaration being called. */
  readonly endpoint: AnyEndpoint;
  /** The request body (validated by the `validation` plugin in the `call` phase). */
  readonly body: Readonly<Record<string, unknown>>;
  /**
   * Query parameters of the request URL. The client sets `sdkappid`, `identifier` and
   * `contenttype`; the `nonce` plugin adds `random` and the `signing` plugin `usersig`.
   */
  readonly query: Readonly<Record<string, string>>;
  /** 1 for the first HTTP attempt of a sub-call, counted up by plugins that repeat it. */
  readonly attempt: number;
  /** Per-attempt timeout in milliseconds. */
  readonly timeout: number;
  /** The caller's signal; every plugin that waits must stop waiting when it aborts. */
  readonly signal: AbortSignal | undefined;
}

/** Continues the pipeline with the given context (or the current one). May be called more than once. */
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
  /** Unique name inside a client's pipeline; `before` / `after` refer to it. */
  readonly name: string;
  /** The phase the plugin runs in. */
  readonly phase: Phase;
  /** Names of plugins of the same phase this one must run before (outside of). */
  readonly before?: string | readonly string[] | undefined;
  /** Names of plugins of the same phase this one must run after (inside of). */
  readonly after?: string | readonly string[] | undefined;
  /** The plugin's work. */
  run(ctx: RequestContext, next: Next): Promise<ApiResponse>;
}

/** A plugin's place in a resolved pipeline, as {@link TimClient.describePipeline} lists it. */
export interface PipelineEntry {
  readonly phase: Phase;
  readonly name: string;
}
