/**
 * What the transport measured of one HTTP attempt, for metrics: read it with
 * {@link transportInfo} from the answer or the error a `transport`-phase plugin's `next` gives.
 *
 * @example
 * ```ts
 * declare const histogram: { observe(value: number): void };
 *
 * const latency: Plugin = {
 *   name: 'latency',
 *   phase: 'transport',
 *   async run(ctx, next) {
 *     const answer = await next(ctx);
 *     const info: TransportInfo | undefined = transportInfo(answer);
 *     if (info !== undefined) histogram.observe(info.duration);
 *     return answer;
 *   },
 * };
 * ```
 */
export interface TransportInfo {
  /** The HTTP status, or undefined when no HTTP answer came (network failure, timeout, abort). */
  readonly status: number | undefined;
  /** Bytes of the answer body read (0 when none was read). */
  readonly bytes: number;
  /** Milliseconds from sending the request to the end of its body (or the failure). */
  readonly duration: number;
}

// A registered symbol, so a plugin from another build of timfetch reads it too; non-enumerable,
// so it never shows in JSON, `util.inspect` or a spread copy of the answer.
const key = Symbol.for('timfetch.transportInfo');

/** Attaches `info` to an answer or an error made by the transport; returns the target. */
export function attachTransportInfo<T>(target: T, info: TransportInfo): T {
  if (typeof target === 'object' && target !== null && Object.isExtensible(target)) {
    Object.defineProperty(target, key, { value: info, configurable: true });
  }
  return target;
}

/**
 * What the transport measured of the HTTP attempt that produced `outcome`: the answer a
 * `transport`-phase plugin's `next` resolves to, or the error it rejects with. Undefined for
 * anything else (an answer merged by an outer plugin, an error thrown before sending). The body
 * is never parsed again to learn it.
 *
 * @example
 * ```ts
 * import type { Plugin } from 'timfetch';
 * import { transportInfo, type TransportInfo } from 'timfetch/plugin-kit';
 *
 * declare function record(info: TransportInfo | undefined): void;
 *
 * const httpMetrics: Plugin = {
 *   name: 'http-metrics',
 *   phase: 'transport',
 *   async run(ctx, next) {
 *     try {
 *       const answer = await next(ctx);
 *       record(transportInfo(answer));
 *       return answer;
 *     } catch (error) {
 *       record(transportInfo(error)); // status, bytes and duration of a failed attempt too
 *       throw error;
 *     }
 *   },
 * };
 * ```
 */
export function transportInfo(outcome: unknown): TransportInfo | undefined {
  if (typeof outcome !== 'object' || outcome === null) return undefined;
  return (outcome as Record<symbol, TransportInfo | undefined>)[key];
}
