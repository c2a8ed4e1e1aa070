/**
 * The emulator's request handler: one Web `Request` in, one `Response` (or a dropped connection)
 * out. Shared by the fetch function of createEmulator and the node:http server of startEmulator.
 */
import { delay } from '../util/delay.js';
import { failEnvelope, gatewayErrorResponse, jsonResponse, okEnvelope, preflightResponse, textResponse, truncate, withCors } from './answers.js';
import { answerRequest, type Answered, type ItemFaultDraw } from './answer-request.js';
import { batchList } from './batch-list.js';
import type { EmulatedEndpoint, EndpointFailure } from './emulated-endpoint.js';
import { checkEnvelope, parseRandom } from './envelope-check.js';
import { FaultInjector, type FaultPlan } from './faults.js';
import { parseEmulatorOptions, type EmulatorConfig, type EmulatorOptions } from './options.js';
import type { EmulatorOutcome, EmulatorRequestEntry } from './request-entry.js';
import { findEndpoint, implementedPaths, perEndpoint } from './routes.js';
import { SeenRandoms } from './seen-randoms.js';
import { createSequencer } from './sequencer.js';
import { SlidingWindow } from './sliding-window.js';
import { createStats, type EmulatorStats } from './stats.js';
import { MemoryStore } from './store.js';
import { createUserSigChecker } from './user-sig-checker.js';

/** What the handler answers: a Response, or `'drop'` for a connection to cut without one. */
export type EmulatorAnswer = Response | 'drop';

/**
 * An emulator without its transport: the validated options, the store, the live stats and the
 * handler.
 */
export interface EmulatorCore {
  readonly config: EmulatorConfig;
  readonly store: MemoryStore;
  readonly stats: EmulatorStats;
  /** Answers one request; rejects with the request signal's reason when it aborts first. */
  handle(request: Request): Promise<EmulatorAnswer>;
}

/** A decided request: its answer, how long to wait before giving it, and the write it holds. */
interface Decision {
  readonly answer: EmulatorAnswer;
  readonly latencyMs: number;
  readonly stallMs: number;
  /** The `From_Account` of a write in progress until its answer is given (see 30008). */
  readonly writing?: string | undefined;
}

/** The faults that lose an answer the service has worked out (a write among them is applied). */
type LostAnswer = 'drop' | 'stall' | 'malformed' | 'httpError';

const noItemFaults: ItemFaultDraw = () => undefined;

function parseJson(text: string): { readonly json: unknown } | undefined {
  try {
    return { json: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** `From_Account` and the list's accounts of a body, for the log; empty when absent. */
function describeBody(endpoint: EmulatedEndpoint | undefined, body: { readonly json: unknown } | undefined): { from: string | undefined; accounts: string[]; listLength: number } {
  const json = body?.json;
  const from: unknown = typeof json === 'object' && json !== null ? Reflect.get(json, 'From_Account') : undefined;
  const list = batchList(endpoint?.declaration, json);
  return {
    from: typeof from === 'string' ? from : undefined,
    accounts: list.accounts.filter((account): account is string => account !== undefined),
    listLength: list.entries.length,
  };
}

// A throwing hook must not change the answer, yet must not go unnoticed (a failed expect() in a
// test): rethrow it on its own, where the runtime reports uncaught errors.
function report(hook: ((entry: EmulatorRequestEntry) => void) | undefined, entry: EmulatorRequestEntry): void {
  if (hook === undefined) return;
  try {
    hook(entry);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/**
 * Builds the emulator's state and handler from its options (validated here: bad ones throw
 * {@link timfetch!TimValidationError}). Each request is decided in arrival order, one at a time: the
 * envelope checks, the rate limit, the fault draws and the endpoint's answer; only the latency
 * and stall waits overlap.
 */
export function createEmulatorCore(options: EmulatorOptions): EmulatorCore {
  const config = parseEmulatorOptions(options);
  const store = new MemoryStore({ now: config.now, seed: config.seed });
  const stats = createStats();
  const injector = new FaultInjector(config.faults, config.seed);
  const seenRandoms = new SeenRandoms();
  const arrivals = perEndpoint(() => new SlidingWindow(config.statsInterval));
  const { rateLimit } = config;
  const accepted = rateLimit === false ? undefined : perEndpoint(() => new SlidingWindow(rateLimit.interval));
  const inTurn = createSequencer();
  const envelopeApp = { sdkAppId: config.sdkAppId, admins: config.admins, checkUserSig: createUserSigChecker(config) };
  const context = { store, config };
  // From_Accounts with a write in progress: the service answers another write for one of them
  // with 30008 (write conflict) until the first is answered.
  const writing = new Set<string>();

  async function decide(request: Request): Promise<Decision> {
    const at = config.now();
    stats.requests++;
    const url = new URL(request.url);
    const endpoint = findEndpoint(url.pathname);
    const path = endpoint?.path ?? url.pathname;
    const body = request.method === 'POST' ? parseJson(await request.text()) : undefined;
    const { from, accounts, listLength } = describeBody(endpoint, body);
    const random = parseRandom(url.searchParams.get('random'));
    if (random !== undefined && seenRandoms.check(random)) stats.repeatedRandom++;

    let latencyMs = 0;
    let holds: string | undefined;
    const settle = (answer: EmulatorAnswer, outcome: EmulatorOutcome, failed: readonly string[], applied: readonly string[] = [], stallMs = 0): Decision => {
      report(config.onRequest, { path, at, random, from, accounts, outcome, failed, applied });
      return { answer, latencyMs, stallMs, writing: holds };
    };
    const fail = (code: number, info: string, how: { outcome?: EmulatorOutcome; status?: number; headers?: Record<string, string> } = {}): Decision => {
      stats.errors[code] = (stats.errors[code] ?? 0) + 1;
      return settle(jsonResponse(failEnvelope(code, info), how.status, how.headers), how.outcome ?? code, accounts);
    };
    // Loses an answer the service worked out: every account counts as failed, and what a write
    // applied stays applied (the client cannot know it).
    const lose = (fault: LostAnswer, { variant }: FaultPlan, worked: EndpointFailure | Answered): Decision => {
      stats.faults[fault]++;
      const applied = 'code' in worked ? [] : worked.applied;
      const envelope = () => ('code' in worked ? failEnvelope(worked.code, worked.info) : okEnvelope(worked.fields));
      switch (fault) {
        case 'drop':
          return settle('drop', fault, accounts, applied);
        case 'httpError':
          return settle(gatewayErrorResponse(variant === 0 ? 502 : 503), fault, accounts, applied);
        case 'stall':
          return settle(jsonResponse(envelope()), fault, accounts, applied, config.faults?.stallMs ?? 0);
        case 'malformed':
          return settle(textResponse(truncate(JSON.stringify(envelope())), 200, 'application/json; charset=utf-8'), fault, accounts, applied);
      }
    };

    if (endpoint !== undefined) {
      const counters = stats.endpoints[endpoint.path];
      counters.requests++;
      counters.peakPerInterval = Math.max(counters.peakPerInterval, arrivals[endpoint.path].add(at));
      counters.maxAccountsPerRequest = Math.max(counters.maxAccountsPerRequest, listLength);
    }
    // Not envelope errors of the service, which only speaks POST to known commands: HTTP
    // statuses, with an envelope body so that a person trying the emulator with curl reads why.
    if (request.method !== 'POST') {
      return fail(60002, `HTTP method ${request.method} is not allowed: use POST`, { status: 405, headers: { allow: 'POST, OPTIONS' } });
    }
    if (endpoint === undefined) {
      return fail(60002, `no such command: ${url.pathname} (the emulator implements ${implementedPaths()})`, { status: 404 });
    }

    const checked = await checkEnvelope(url.searchParams, body, envelopeApp);
    if ('code' in checked) return fail(checked.code, checked.info);

    const window = accepted?.[endpoint.path];
    if (window !== undefined && rateLimit !== false) {
      if (window.count(at) >= rateLimit.limit) {
        stats.rateLimited++;
        return fail(60007, `more than ${rateLimit.limit} requests to ${endpoint.path} within ${rateLimit.interval} ms`);
      }
      window.add(at);
    }

    const plan = injector.plan();
    latencyMs = plan.latencyMs;
    if (latencyMs > 0) stats.faults.latency++;
    // These strike before the service does anything: a write is not applied.
    if (plan.fault === 'throttle') {
      stats.faults.throttle++;
      return fail(60007, 'REST call frequency over limit (injected: another tool spent the budget)', { outcome: 'throttle' });
    }
    if (plan.fault === 'requestError') {
      stats.faults.requestError++;
      if (plan.variant === 0) return fail(30006, 'internal server error, please retry', { outcome: 'requestError' });
      return fail(30007, 'network timeout, please retry later', { outcome: 'requestError' });
    }
    // A 503 says the service is unavailable: nothing reached it. (A 502 is lost after it.)
    if (plan.fault === 'httpError' && plan.variant !== 0) {
      stats.faults.httpError++;
      return settle(gatewayErrorResponse(503), 'httpError', accounts);
    }

    if (endpoint.declaration.effect === 'write' && from !== undefined) {
      if (writing.has(from)) return fail(30008, `write conflict: another write for ${from} is in progress`);
      writing.add(from);
      holds = from;
    }

    // The service works the request out (a write is applied); the other faults lose its answer.
    const result = answerRequest(endpoint, checked.json, context, plan.fault === undefined ? () => injector.itemFault() : noItemFaults);
    if (plan.fault !== undefined) return lose(plan.fault, plan, result);
    if ('code' in result) return fail(result.code, result.info);
    stats.faults.itemError += result.injected;
    return settle(jsonResponse(okEnvelope(result.fields)), result.injected > 0 ? 'itemError' : 'ok', result.failed, result.applied);
  }

  return {
    config,
    store,
    stats,
    async handle(request) {
      if (request.method === 'OPTIONS') {
        stats.preflights++;
        return preflightResponse(config.cors);
      }
      const decision = await inTurn(() => decide(request));
      try {
        if (decision.latencyMs > 0) await delay(decision.latencyMs, request.signal);
        if (decision.stallMs > 0) await delay(decision.stallMs, request.signal);
        return decision.answer === 'drop' ? 'drop' : withCors(decision.answer, config.cors);
      } finally {
        if (decision.writing !== undefined) writing.delete(decision.writing);
      }
    },
  };
}
