/** The live counters an emulator keeps, for tests and the demo to read. */
import type { FaultKind } from './request-entry.js';
import { perEndpoint, type EmulatedPath } from './routes.js';

/**
 * The endpoints the emulator implements, by path: one per endpoint of timfetch's catalogue,
 * such as `v4/sns/friend_check` or `v4/sns/friend_add`.
 *
 * @example
 * ```ts
 * const path: EmulatorEndpointPath = 'v4/sns/friend_check';
 * emu.stats.endpoints[path].requests;
 * ```
 *
 * @useDeclaredType
 */
export type EmulatorEndpointPath = EmulatedPath;

/**
 * Counters of one endpoint, in `stats.endpoints`.
 *
 * @example
 * ```ts
 * const { requests, peakPerInterval, maxAccountsPerRequest }: EndpointStats = emu.stats.endpoints['v4/sns/friend_check'];
 * ```
 */
export interface EndpointStats {
  /** Requests to this endpoint (any prefix), whatever their outcome. */
  requests: number;
  /**
   * The most requests to this endpoint that arrived within one window of the rate limit's
   * `interval` (1000 ms when the limit is off), counting every request, rejected ones included:
   * what a client-side limiter must keep at or below the limit.
   */
  peakPerInterval: number;
  /**
   * The longest account list a request carried (`To_Account`, `AddFriendItem` …; 0 for an
   * endpoint without one).
   */
  maxAccountsPerRequest: number;
}

/**
 * The emulator's counters: a live object, updated as requests are answered, never reset.
 *
 * @example
 * ```ts
 * const emu = createEmulator({ sdkAppId, secretKey });
 * await tim.friendCheck(body);
 * const stats: EmulatorStats = emu.stats;
 * console.log(stats.requests, stats.endpoints['v4/sns/friend_check'].peakPerInterval, stats.repeatedRandom);
 * ```
 */
export interface EmulatorStats {
  /** Every request except CORS preflights, whatever its path or outcome. */
  requests: number;
  /** CORS preflights (`OPTIONS`) answered. */
  preflights: number;
  /** Per-endpoint counters, one entry per implemented endpoint. */
  endpoints: Record<EmulatorEndpointPath, EndpointStats>;
  /**
   * Injected faults per kind: requests for most kinds, failed accounts for `itemError`,
   * delayed requests for `latency`.
   */
  faults: Record<FaultKind | 'latency', number>;
  /** Requests answered with 60007 by the rate limit. */
  rateLimited: number;
  /**
   * Request-level error answers per `ErrorCode` (envelope checks, 60007, 30001, 30003, injected
   * 30006/30007), keyed by the code.
   */
  errors: Record<number, number>;
  /**
   * Requests whose `random` had been seen before (among the last 500,000 values at least):
   * the SDK must send a fresh one on every attempt.
   */
  repeatedRandom: number;
}

function endpointStats(): EndpointStats {
  return { requests: 0, peakPerInterval: 0, maxAccountsPerRequest: 0 };
}

/** Fresh, zeroed counters. */
export function createStats(): EmulatorStats {
  return {
    requests: 0,
    preflights: 0,
    endpoints: perEndpoint(endpointStats),
    faults: { requestError: 0, itemError: 0, httpError: 0, drop: 0, stall: 0, malformed: 0, throttle: 0, latency: 0 },
    rateLimited: 0,
    errors: {},
    repeatedRandom: 0,
  };
}
