import { resolveBackupUrl, resolveBaseUrl } from './base-url.js';
import { signingOptionsOf, stackOf } from './default-plugins.js';
import { failoverBaseUrls } from './failover.js';
import { defaultTimeout, parseCoreClientOptions, type CoreClientOptions } from './options.js';
import { pipelineClient, type CoreClient } from './pipeline-client.js';

/**
 * Creates a client without named methods, for tools that bundle what they use: it calls the
 * endpoints you import (`tim.request(friendCheck, …)`, `tim.paginate(friendGet, …)`) through the
 * same default pipeline as `createClient`'s (validation, chunking, retries, UserSig renewal, rate
 * limit, nonce, failover), so a browser bundle holds only those endpoints. It takes a `userSig`
 * or a `getUserSig`, not a `secretKey` (which a browser must never hold), and no `logger`: add
 * the `logging` plugin from `timfetch/plugins/logging` to `plugins` for logs.
 *
 * @throws {@link timfetch!TimValidationError} when an option is invalid or unknown (`secretKey` and
 *   `logger` included), when not exactly one of `userSig` / `getUserSig` is given, when both
 *   `region` and `baseUrl` are given, when a plugin option (`chunking`, `retry`, `rateLimit`) is
 *   invalid, when a `plugins` function does not return a list, or when the plugins cannot be
 *   ordered.
 *
 * @expandType CoreClientOptions
 * @example
 * ```ts
 * import { friendCheck } from 'timfetch';
 * import { createCoreClient } from 'timfetch/core';
 *
 * const tim = createCoreClient({
 *   sdkAppId: 1400000000,
 *   identifier: 'administrator',
 *   getUserSig: () => fetch('/api/im-usersig').then((answer) => answer.text()),
 * });
 * const { InfoItem } = await tim.request(friendCheck, { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' });
 * ```
 */
export function createCoreClient(options: CoreClientOptions): CoreClient {
  const config = parseCoreClientOptions(options);
  return pipelineClient({
    plugins: stackOf(config, signingOptionsOf(config)),
    transport: {
      baseUrls: failoverBaseUrls(resolveBaseUrl(config), resolveBackupUrl(config)),
      fetch: config.fetch,
      maxResponseBytes: config.maxResponseBytes,
      contentType: config.contentType,
    },
    sdkAppId: config.sdkAppId,
    identifier: config.identifier,
    timeout: config.timeout ?? defaultTimeout,
    name: config.name,
  });
}
