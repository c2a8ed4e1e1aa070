import type { ClientOptions } from '../client-options.js';
import type { Region } from '../regions.js';
import { UsageError } from './usage-error.js';
import { parseWholeNumber } from './whole-number.js';

/** The connection flags every API command takes. */
export const connectionFlags = {
  sdkappid: { type: 'string' },
  identifier: { type: 'string' },
  'secret-key': { type: 'string' },
  usersig: { type: 'string' },
  region: { type: 'string' },
  'base-url': { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** The connection flags as `parseArgs` returns them. */
export type ConnectionValues = { [K in keyof typeof connectionFlags]?: string | undefined };

/**
 * Client options from flags, falling back to the TIM_* environment variables. Only presence and
 * number syntax are checked here; createClient checks the rest and names the bad option.
 */
export function connectionOptions(values: ConnectionValues, env: NodeJS.ProcessEnv): ClientOptions {
  const pick = (flag: keyof ConnectionValues, variable: string) => values[flag] ?? env[variable];
  const sdkAppId = pick('sdkappid', 'TIM_SDKAPPID');
  if (sdkAppId === undefined) throw new UsageError('missing --sdkappid (or TIM_SDKAPPID)');
  const secretKey = pick('secret-key', 'TIM_SECRET_KEY');
  const userSig = pick('usersig', 'TIM_USERSIG');
  if (secretKey === undefined && userSig === undefined) {
    throw new UsageError('missing credentials: give --secret-key (or TIM_SECRET_KEY) or --usersig (or TIM_USERSIG)');
  }
  if (secretKey !== undefined && userSig !== undefined) throw new UsageError('give --secret-key or --usersig, not both');
  const region = pick('region', 'TIM_REGION');
  const baseUrl = pick('base-url', 'TIM_BASE_URL');
  const timeout = values.timeout;
  return {
    sdkAppId: parseWholeNumber(sdkAppId, '--sdkappid'),
    identifier: pick('identifier', 'TIM_IDENTIFIER') ?? 'administrator',
    ...(secretKey !== undefined ? { secretKey } : { userSig: userSig as string }),
    ...(region !== undefined ? { region: region as Region } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(timeout !== undefined ? { timeout: parseWholeNumber(timeout, '--timeout') } : {}),
  };
}
