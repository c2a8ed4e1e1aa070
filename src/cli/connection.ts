import type { ClientOptions } from '../client/options.js';
import type { Region } from '../client/regions.js';
import { readSecretKey, secretKeyFlags, secretKeyWarning, visibleSecretWarning } from './secret-key.js';
import { UsageError } from './usage-error.js';
import { parseWholeNumber } from './whole-number.js';

/** The connection flags every API command takes. */
export const connectionFlags = {
  sdkappid: { type: 'string' },
  identifier: { type: 'string' },
  ...secretKeyFlags,
  usersig: { type: 'string' },
  region: { type: 'string' },
  'base-url': { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** The connection flags as `parseArgs` returns them. */
export type ConnectionValues = { [K in keyof typeof connectionFlags]?: string | undefined };

/** Client options, and warnings for the caller to print once the whole command line is known good. */
export interface Connection {
  readonly options: ClientOptions;
  /** A secret given as a flag, visible in `ps`. */
  readonly warnings: readonly string[];
}

/**
 * Client options from flags, falling back to the TIM_* environment variables. Only presence and
 * number syntax are checked here; createClient checks the rest and names the bad option.
 */
export async function connection(values: ConnectionValues, env: NodeJS.ProcessEnv): Promise<Connection> {
  const pick = (flag: 'sdkappid' | 'identifier' | 'usersig' | 'region' | 'base-url', variable: string) => values[flag] ?? env[variable];
  const sdkAppIdText = pick('sdkappid', 'TIM_SDKAPPID');
  if (sdkAppIdText === undefined) throw new UsageError('missing --sdkappid (or TIM_SDKAPPID)');
  const sdkAppId = parseWholeNumber(sdkAppIdText, '--sdkappid');
  const timeout = values.timeout === undefined ? undefined : parseWholeNumber(values.timeout, '--timeout');
  const secret = await readSecretKey(values, env);
  const secretKey = secret?.key;
  const userSig = pick('usersig', 'TIM_USERSIG');
  if (secretKey === undefined && userSig === undefined) {
    throw new UsageError('missing credentials: give TIM_SECRET_KEY (or --secret-key-file) or TIM_USERSIG (or --usersig)');
  }
  if (secretKey !== undefined && userSig !== undefined) throw new UsageError('give a secret key or a UserSig, not both');
  const region = pick('region', 'TIM_REGION');
  const baseUrl = pick('base-url', 'TIM_BASE_URL');
  const warnings = [
    ...(secret?.onCommandLine === true ? [secretKeyWarning] : []),
    ...(values.usersig !== undefined ? [visibleSecretWarning('--usersig', 'TIM_USERSIG')] : []),
  ];
  const options: ClientOptions = {
    sdkAppId,
    identifier: pick('identifier', 'TIM_IDENTIFIER') ?? 'administrator',
    ...(secretKey !== undefined ? { secretKey } : { userSig: userSig as string }),
    ...(region !== undefined ? { region: region as Region } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
  };
  return { options, warnings };
}
