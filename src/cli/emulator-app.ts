import { readSecretKey, type SecretKeyValues } from './secret-key.js';
import { wholeNumber } from './whole-number.js';

/** The app an emulator started from the command line serves, unless flags or TIM_* say otherwise. */
export interface EmulatorApp {
  readonly sdkAppId: number;
  readonly secretKey: string;
  /** True when the key is the built-in development key, which is fine to print. */
  readonly defaultKey: boolean;
  /** True when the key came as `--secret-key`, visible in `ps`. */
  readonly keyOnCommandLine: boolean;
}

/** A key for local use only: the emulator is never the real service. */
export const developmentKey = 'timfetch-emulator-development-key';

/** The emulator's app from `--sdkappid` and the secret key flags, or TIM_SDKAPPID / TIM_SECRET_KEY. */
export async function emulatorApp(values: { sdkappid?: string | undefined } & SecretKeyValues, env: NodeJS.ProcessEnv): Promise<EmulatorApp> {
  const sdkAppId = wholeNumber(values.sdkappid ?? env.TIM_SDKAPPID, '--sdkappid', 1400000000);
  const secret = await readSecretKey(values, env);
  return { sdkAppId, secretKey: secret?.key ?? developmentKey, defaultKey: secret === undefined, keyOnCommandLine: secret?.onCommandLine === true };
}
