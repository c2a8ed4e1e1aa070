/** Drawing injected faults from a seeded stream, in a fixed, documented order. */
import { mulberry32, type RandomSource } from './mulberry32.js';
import type { FaultConfig } from './options.js';

/** A request-level fault: one of these replaces the whole answer. */
export type RequestFault = 'drop' | 'stall' | 'httpError' | 'malformed' | 'requestError' | 'throttle';

/** The request-level kinds in draw order; the first that fires wins. */
const requestFaultOrder: readonly RequestFault[] = ['drop', 'stall', 'httpError', 'malformed', 'requestError'];

/**
 * What happens to one accepted request: how long it waits, which request-level fault (if any)
 * replaces its answer, and which variant (0: 502 / 30006, 1: 503 / 30007).
 */
export interface FaultPlan {
  readonly latencyMs: number;
  readonly fault: RequestFault | undefined;
  readonly variant: 0 | 1;
}

const noFault: FaultPlan = Object.freeze({ latencyMs: 0, fault: undefined, variant: 0 });

/**
 * The fault source of one emulator. Draws per accepted request, in this order: the latency
 * (only when `latency` is set), one number for each of `drop`, `stall`, `httpError`,
 * `malformed`, `requestError` (always all five, so one kind's outcome never shifts another's
 * draws), and one for the variant; then, for a request without a request-level fault whose
 * endpoint answers items, and only when `itemError` is above 0, one number per account and one
 * more for each failed account's code (drawn before that account is answered, so that a write
 * never applies a failed one). Without `faults` nothing is drawn. The same faults and
 * seed give the same sequence of plans on every run.
 */
export class FaultInjector {
  readonly #faults: FaultConfig | undefined;
  readonly #random: RandomSource;

  /**
   * @param faults - the probabilities, or `undefined` for none.
   * @param seed - the seed of the stream.
   */
  constructor(faults: FaultConfig | undefined, seed: number) {
    this.#faults = faults;
    this.#random = mulberry32(seed);
  }

  /** Draws the plan of the next accepted request. */
  plan(): FaultPlan {
    const faults = this.#faults;
    if (faults === undefined) return noFault;
    const random = this.#random;
    let latencyMs = 0;
    if (faults.latency !== undefined) {
      const [min, max] = faults.latency;
      latencyMs = min + Math.floor(random() * (max - min + 1));
    }
    let fault: RequestFault | undefined;
    for (const kind of requestFaultOrder) {
      const draw = random();
      if (fault === undefined && draw < faults[kind]) fault = kind;
    }
    const variant = random() < 0.5 ? 0 : 1;
    // Drawn only when asked for, so that seeds without it keep their sequence.
    if (faults.throttle > 0 && random() < faults.throttle && fault === undefined) fault = 'throttle';
    return { latencyMs, fault, variant };
  }

  /** Draws whether the next account fails, and with which code. */
  itemFault(): 30006 | 30007 | undefined {
    const faults = this.#faults;
    if (faults === undefined || faults.itemError === 0) return undefined;
    if (this.#random() >= faults.itemError) return undefined;
    return this.#random() < 0.5 ? 30006 : 30007;
  }
}
