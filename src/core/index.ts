/**
 * The core client: {@link createCoreClient} makes a client with `request`, `paginate` and `stream` and no
 * named methods, for tools that bundle only what they use (a browser page, a small function).
 * Endpoints, errors and helpers come from `timfetch` itself, one by one: a bundler keeps what you
 * import and nothing else.
 *
 * @example
 * ```ts
 * import { friendCheck, isOk } from 'timfetch';
 * import { createCoreClient } from 'timfetch/core';
 *
 * const tim = createCoreClient({
 *   sdkAppId: 1400000000,
 *   identifier: 'administrator',
 *   getUserSig: () => fetch('/api/im-usersig').then((answer) => answer.text()),
 * });
 * const { InfoItem } = await tim.request(friendCheck, { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' });
 * for (const item of InfoItem) if (isOk(item)) console.log(item.To_Account, item.Relation);
 * ```
 *
 * @module timfetch/core
 */
export { createCoreClient } from '../client/core-client.js';
export type { CoreClientOptions } from '../client/options.js';
export type { CoreClient } from '../client/pipeline-client.js';
