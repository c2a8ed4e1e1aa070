import { wholeNumber } from './whole-number.js';

/** The app an emulator started from the command line serves, unless flags or TIM_* say otherwise. */
export interface EmulatorApp {
  readonly sdkAppId: number;
  readonly secretKey: string;
  /** True when the key is the built-in development key, which is fine to print. */
  readonly defaultKey: boolean;
}

/** A key for local use only: the emulator is never the real service. */
export const developmentKey = 'timfetch-emulator-development-key';

/** The emulator's app from `--sdkappid` / `--secret-key` or TIM_SDKAPPID / TIM_SECRET_KEY. */
export function emulatorApp(values: { sdkappid?: string | undefined; 'secret-key'?: string | undefined }, env: NodeJS.ProcessEnv): EmulatorApp {
  const sdkAppId = wholeNumber(values.sdkappid ?? env.TIM_SDKAPPID, '--sdkappid', 1400000000);
  const secretKey = values['secret-key'] ?? env.TIM_SECRET_KEY;
  return { sdkAppId, secretKey: secretKey ?? developmentKey, defaultKey: secretKey === undefined };
}
