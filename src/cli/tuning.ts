import type { ClientOptions } from '../client/options.js';
import { parseWholeNumber } from './whole-number.js';

/** The flags that tune how a call is made: retries, chunks in flight, requests per second. */
export const tuningFlags = {
  retries: { type: 'string' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
} as const;

/** The tuning flags as `parseArgs` returns them. */
export type TuningValues = { [K in keyof typeof tuningFlags]?: string | undefined };

/**
 * The client options the tuning flags ask for, leaving the SDK's defaults where a flag is not
 * given. Only number syntax is checked here; createClient checks the ranges and names the option.
 */
export function tuningOptions(values: TuningValues): Pick<ClientOptions, 'retry' | 'chunking' | 'rateLimit'> {
  const { retries, concurrency, rate } = values;
  return {
    ...(retries !== undefined ? { retry: { retries: parseWholeNumber(retries, '--retries') } } : {}),
    ...(concurrency !== undefined ? { chunking: { concurrency: parseWholeNumber(concurrency, '--concurrency') } } : {}),
    // The limiter's default window is 1000 ms, so its limit is requests per second.
    ...(rate !== undefined ? { rateLimit: { limit: parseWholeNumber(rate, '--rate') } } : {}),
  };
}
