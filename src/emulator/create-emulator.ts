/** The emulator as a fetch function: no sockets, any runtime. */
import { abortable } from '../util/abort.js';
import { createEmulatorCore } from './handler.js';
import type { EmulatorOptions } from './options.js';
import type { EmulatorStats } from './stats.js';
import type { EmulatorStore } from './store.js';

/**
 * The emulator as a `fetch`-compatible function, to run a client offline: give it to a client
 * as its `fetch` option.
 *
 * @example
 * ```ts
 * const emulatorFetch: EmulatorFetch = createEmulator({ sdkAppId, secretKey }).fetch;
 * const response = await emulatorFetch('https://console.tim.qq.com/v4/sns/friend_check?…', { method: 'POST', body: '{}' });
 * ```
 */
export type EmulatorFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * What {@link createEmulator} returns: the `fetch` to give a client, the store to fill before
 * calls, and the stats to assert on after them.
 *
 * @example
 * ```ts
 * const { fetch, store, stats }: Emulator = createEmulator({ sdkAppId, secretKey });
 * ```
 */
export interface Emulator {
  /** Answers requests like the IM REST service would, without any network. */
  readonly fetch: EmulatorFetch;
  /** The accounts and friend lists the emulator answers from. */
  readonly store: EmulatorStore;
  /** Live counters of what the emulator saw and did. */
  readonly stats: EmulatorStats;
}

/**
 * Lets tests and offline development run a real client against a faithful local service, with no
 * network and no account: creates an in-process IM REST emulator of every endpoint timfetch
 * ships (friend_check, friend_add …): a fetch function to plug into a client, a store to fill,
 * and live stats. It checks the
 * envelope like the service (query parameters, UserSig with the app's key, JSON body), enforces
 * the frequency limit, and injects seeded faults when asked. Any host and any base-URL prefix
 * are accepted; only the path's ending `v4/sns/<command>` and the query matter. Works in
 * browsers, Node, Bun and Deno (it uses only Request, Response, URL and platform streams).
 *
 * Through this fetch a dropped connection rejects with `TypeError('network error')`, and a
 * stalled request settles only when its signal aborts (rejecting with the signal's reason) or
 * `stallMs` passes. Every answer carries `access-control-allow-origin: *`; `OPTIONS` gets a
 * 204 preflight answer (see the `cors` option for the headers).
 *
 * @param options - the app, its admins, seed, faults, frequency limit; see {@link EmulatorOptions}.
 * @returns the emulator's `fetch`, `store` and `stats`.
 * @throws {@link timfetch!TimValidationError} when an option is invalid or unknown (messages
 *   never quote the secret key).
 *
 * @example
 * ```ts
 * import { createClient } from 'timfetch';
 * import { createEmulator } from 'timfetch/emulator';
 *
 * const sdkAppId = 1400000000;
 * const secretKey = 'a-local-test-key';
 * const emu = createEmulator({ sdkAppId, secretKey });
 * emu.store.addAccount('alice', { Tag_Profile_IM_Nick: 'Alice' });
 * emu.store.addFriend('alice', 'bob', { Tag_SNS_IM_Remark: 'bobby', Tag_SNS_IM_Group: ['work'] });
 *
 * const tim = createClient({ sdkAppId, identifier: 'administrator', secretKey, fetch: emu.fetch });
 * const { InfoItem } = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' });
 * // InfoItem[0].Relation === 'CheckResult_Type_AWithB'
 * ```
 */
export function createEmulator(options: EmulatorOptions): Emulator {
  const core = createEmulatorCore(options);
  const emulatorFetch: EmulatorFetch = async (input, init) => {
    const request = new Request(input, init);
    // Settle as soon as the caller aborts, as a real fetch does, whatever the emulator is doing.
    const answer = await abortable(core.handle(request), request.signal);
    if (answer === 'drop') throw new TypeError('network error');
    return answer;
  };
  return { fetch: emulatorFetch, store: core.store, stats: core.stats };
}
