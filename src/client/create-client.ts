import { logging } from '../../plugins/logging.js';
import { userSigFromSecretKey } from '../usersig/gen-user-sig.js';
import { catalogue } from '../endpoints/catalogue.js';
import type { EndpointRequest, EndpointResponse } from '../endpoints/define-endpoint.js';
import { resolveBackupUrl, resolveBaseUrl } from './base-url.js';
import type { CallOptions } from './call-options.js';
import { signingOptionsOf, stackOf } from './default-plugins.js';
import { failoverBaseUrls } from './failover.js';
import { defaultTimeout, parseClientOptions, type ClientOptions } from './options.js';
import { pipelineClient, type CoreClient } from './pipeline-client.js';

/**
 * One method per endpoint of the catalogue, named after it: `tim.friendCheck(body, options)` is
 * `tim.request(friendCheck, body, options)`, with the same answers and errors (see
 * {@link CoreClient.request}).
 *
 * @example
 * ```ts
 * const check: CatalogueMethods['friendCheck'] = tim.friendCheck;
 * const { InfoItem } = await check({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' });
 * ```
 */
export type CatalogueMethods = {
  readonly [Name in keyof typeof catalogue]: (body: EndpointRequest<(typeof catalogue)[Name]>, options?: CallOptions) => Promise<EndpointResponse<(typeof catalogue)[Name]>>;
};

/**
 * A configured IM REST client, made by {@link createClient}. Every method runs the same pipeline
 * of plugins and resolves to the endpoint's validated answer, or rejects with a {@link TimError}
 * (or, for an aborted call, with the signal's reason).
 *
 * @example
 * ```ts
 * const tim: TimClient = createClient({ sdkAppId: 1400000000, identifier: 'administrator', secretKey });
 * const { InfoItem } = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Single' });
 * ```
 */
export interface TimClient extends CoreClient, CatalogueMethods {}

/** What the signing plugins get: a secret key signs through a provider that generates each UserSig. */
/**
 * Creates a client for one app's IM REST API: its methods sign, chunk, retry and rate-limit every
 * call through a pipeline of plugins (the defaults plus yours). Options are checked at once, so a
 * misconfiguration fails here rather than on the first call.
 *
 * @throws {@link TimValidationError} when an option is invalid or unknown, when not exactly one of
 *   `secretKey` / `userSig` / `getUserSig` is given, when both `region` and `baseUrl` are given,
 *   when a plugin option (`chunking`, `retry`, `rateLimit`, `logger`, `logLevel`) is invalid, when
 *   a `plugins` function does not return a list, or when the plugins cannot be ordered (an invalid
 *   plugin, a duplicate name, an unknown name in `before` / `after` / `replaces`, a cycle).
 *
 * @expandType ClientOptions
 * @expandType BaseClientOptions
 * @expandType Credentials
 * @example
 * ```ts
 * import { createClient } from 'timfetch';
 *
 * const tim = createClient({
 *   sdkAppId: 1400000000,
 *   identifier: 'administrator',
 *   secretKey: process.env.TIM_SECRET_KEY!,
 *   region: 'singapore',
 * });
 * const { InfoItem } = await tim.friendCheck({
 *   From_Account: 'alice',
 *   To_Account: ['bob'],
 *   CheckType: 'CheckResult_Type_Both',
 * });
 * ```
 */
export function createClient(options: ClientOptions): TimClient {
  const config = parseClientOptions(options);
  const { sdkAppId, identifier, secretKey } = config;
  // A secret key signs through a provider of its own: the signing plugin never holds the key.
  const signingSource = secretKey === undefined ? config : { ...config, getUserSig: userSigFromSecretKey({ sdkAppId, identifier, secretKey, expire: 86_400 }) };
  const outermost = config.logger === undefined ? [] : logging({ logger: config.logger, level: config.logLevel });
  const core = pipelineClient({
    plugins: stackOf(config, signingOptionsOf(signingSource), outermost),
    transport: {
      baseUrls: failoverBaseUrls(resolveBaseUrl(config), resolveBackupUrl(config)),
      fetch: config.fetch,
      maxResponseBytes: config.maxResponseBytes,
      contentType: config.contentType,
      secrets: secretKey === undefined ? [] : [secretKey],
    },
    sdkAppId: config.sdkAppId,
    identifier: config.identifier,
    timeout: config.timeout ?? defaultTimeout,
    name: config.name,
  });
  const methods = Object.fromEntries(Object.values(catalogue).map((endpoint) => [endpoint.name, (body: never, callOptions?: CallOptions) => core.request(endpoint, body, callOptions)]));
  return { ...(methods as CatalogueMethods), ...core };
}
