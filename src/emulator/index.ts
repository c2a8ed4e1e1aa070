/**
 * A local emulator of the IM REST service for offline development and tests: every endpoint
 * timfetch ships (its catalogue: `v4/sns/friend_check`, `v4/sns/friend_add` …) answered from an
 * in-memory store of accounts, profiles, friend entries, pending friend requests, block lists
 * and friend groups, with the service's envelope and body checks (query parameters, UserSig,
 * JSON body, each endpoint's request schema), its frequency limit, and seeded, reproducible
 * fault injection (on writes, a lost answer comes after the write was applied).
 *
 * - {@link createEmulator}: a `fetch` function to give a client; no sockets, any runtime.
 * - {@link startEmulator}: the same emulator as a node:http server (Node only).
 *
 * Answers the emulator decides itself are JSON envelopes. Two are HTTP errors rather than the
 * service's HTTP 200: a method other than POST gets 405 (ErrorCode 60002, `allow: POST, OPTIONS`)
 * and a path that does not end in an implemented `v4/sns/<command>` gets 404 (ErrorCode 60002).
 * Any base-URL prefix before `v4/` is accepted. CORS preflights get 204; the `cors` option
 * chooses between permissive headers and the service's documented ones.
 *
 * @example
 * ```ts
 * import { createClient } from 'timfetch';
 * import { createEmulator } from 'timfetch/emulator';
 *
 * const app = { sdkAppId: 1400000000, secretKey: 'a-local-test-key' };
 * const emu = createEmulator({ ...app, seed: 7, faults: { itemError: 0.01 } });
 * const ids = emu.store.generate({ users: 5000 });
 * const tim = createClient({ ...app, identifier: 'administrator', fetch: emu.fetch });
 * const [first = ''] = ids;
 * const answer = await tim.friendCheck({ From_Account: first, To_Account: ids.slice(1, 1001), CheckType: 'CheckResult_Type_Both' });
 * console.log(answer.Fail_Account?.length ?? 0, emu.stats.requests);
 * ```
 *
 * In a browser bundle (the package's `browser` condition) this module holds everything but
 * {@link startEmulator}, so that a page importing the Node server fails when it is bundled, not
 * when it runs.
 *
 * @module timfetch/emulator
 */
export * from './browser.js';
export { startEmulator, type RunningEmulator } from './start-emulator.js';
