import * as v from 'valibot';
import { functionSchema, optionsObject, parseOrThrow } from '../util/validate.js';
import type { LimiterStore, SlotGrant, SlotRequest } from './limiter-store.js';

/**
 * How a {@link memoryStore} keeps time and how much of each request's limit it grants.
 *
 * @example
 * ```ts
 * // The stand-in for a Redis budget shared by 4 processes: each may spend a quarter of it.
 * const options: MemoryStoreOptions = { share: 1 / 4 };
 * const fallback = memoryStore(options);
 * ```
 */
export interface MemoryStoreOptions {
  /**
   * The fraction of each request's `limit` this store grants (at least one slot per window): give
   * a store that stands in for a budget shared by N processes (a Redis store's `fallback`) a share
   * of `1 / N`, so that together they still stay under the limit.
   * @defaultValue 1
   */
  share?: number;
  /**
   * Clock in milliseconds; inject one in tests.
   * @defaultValue performance.now
   */
  now?: () => number;
}

const optionsSchema = optionsObject(
  {
    share: v.optional(v.pipe(v.number('must be a number'), v.gtValue(0, 'must be more than 0'), v.maxValue(1, 'must be at most 1'))),
    now: v.optional(functionSchema<() => number>()),
  },
  'a memory store option',
);

/** A slot in a log: when it counts from, and whether its request is still running. */
interface LoggedSlot {
  time: number;
  running: boolean;
}

/** One key's slots in time order; those before `head` are a window old and count no more. */
interface SlotLog {
  readonly slots: LoggedSlot[];
  head: number;
  running: number;
  window: number;
}

/** `slot` back into `log` at its place in time order, scanning from the newest end. */
function placeInOrder(log: SlotLog, slot: LoggedSlot): void {
  let index = log.slots.length;
  while (index > log.head && (log.slots[index - 1] as LoggedSlot).time > slot.time) index--;
  log.slots.splice(index, 0, slot);
}

/**
 * Drops the slots a window old at `time`, but for those whose request still runs: they count on,
 * as if taken `margin` ago (the request may reach the server any moment), until they end.
 */
function evict(log: SlotLog, time: number, window: number, margin: number): void {
  const { slots } = log;
  while (log.head < slots.length && (slots[log.head] as LoggedSlot).time <= time - window) {
    const slot = slots[log.head++] as LoggedSlot;
    if (!slot.running) continue;
    slot.time = time - margin;
    placeInOrder(log, slot);
  }
  // Compact now and then instead of shifting on every eviction.
  if (log.head > 1024 && log.head * 2 > slots.length) {
    slots.splice(0, log.head);
    log.head = 0;
  }
}

/** Whether nothing in `log` counts at `time` any more: the key can be forgotten. */
function idle(log: SlotLog, time: number): boolean {
  const newest = log.slots.at(-1);
  return log.running === 0 && (newest === undefined || newest.time <= time - log.window);
}

/**
 * An in-memory {@link LimiterStore}, the default of the `rateLimit` plugin: a sliding log per key
 * of when slots were taken. A slot counts while its request runs and, once it ended, from no
 * earlier than `margin` before its end; an answered request's slot counts from then, even if
 * that is earlier than it was taken (see {@link SlotGrant.finished}). Keys without a slot in their window are forgotten, so a
 * store shared by many apps holds memory for its active keys only. Create one yourself to share
 * a budget between the clients of one process; across processes, use `redisStore` from
 * `timfetch/plugins/rate-limit-redis` (with a memory store of a `share` as its fallback). Its
 * `acquire` never rejects.
 *
 * @param options - the share of each limit it grants, and a clock for tests; see {@link MemoryStoreOptions}.
 * @returns a store named `memory`.
 * @throws {@link TimValidationError} when an option is invalid or unknown (a `share` outside (0, 1]).
 *
 * @example
 * ```ts
 * import { memoryStore } from 'timfetch/plugins/rate-limit';
 *
 * const store = memoryStore();
 * const reports = createClient({ sdkAppId, identifier, secretKey, rateLimit: { store } });
 * const sync = createClient({ sdkAppId, identifier, secretKey, rateLimit: { store } }); // one budget for both
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): LimiterStore {
  parseOrThrow(optionsSchema, options, 'memoryStore options');
  const now = options.now ?? (() => performance.now());
  const share = options.share ?? 1;
  const logs = new Map<string, SlotLog>();
  let lastSweep = Number.NEGATIVE_INFINITY;

  // Forgets idle keys, at most once a window: the cost is spread over the acquires.
  const sweep = (time: number, window: number) => {
    if (time - lastSweep < window) return;
    lastSweep = time;
    for (const [key, log] of logs) if (idle(log, time)) logs.delete(key);
  };

  const finish = (log: SlotLog, slot: LoggedSlot, margin: number, answered: boolean) => {
    if (!slot.running) return;
    slot.running = false;
    log.running--;
    const time = now() - margin;
    // Answered: the server saw the request by now, so the slot counts from here, even if that is
    // earlier than it was taken. Otherwise the slot never counts from earlier than it was taken.
    if (!answered && time <= slot.time) return;
    const at = log.slots.indexOf(slot, log.head);
    if (at === -1) return; // a window old already
    log.slots.splice(at, 1);
    slot.time = time;
    placeInOrder(log, slot);
  };

  return {
    name: 'memory',
    acquire({ key, limit, window, margin }: SlotRequest): Promise<SlotGrant> {
      const time = now();
      sweep(time, window);
      let log = logs.get(key);
      if (log === undefined) logs.set(key, (log = { slots: [], head: 0, running: 0, window }));
      log.window = window;
      evict(log, time, window, margin);
      const granted = Math.max(1, Math.floor(limit * share));
      const { slots } = log;
      if (slots.length - log.head < granted) {
        const slot = { time, running: true };
        slots.push(slot);
        log.running++;
        const taken = log;
        return Promise.resolve({ wait: 0, finished: (answered = false) => finish(taken, slot, margin, answered) });
      }
      // The granted-th most recent slot must be a window old before another may be taken.
      return Promise.resolve({ wait: Math.max(1, (slots[slots.length - granted] as LoggedSlot).time + window - time) });
    },
  };
}
