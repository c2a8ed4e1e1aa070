export { createClient, type CallOptions, type TimClient } from './client.js';
export type { BaseClientOptions, ClientOptions } from './client-options.js';
export type { Credentials, UserSigProvider } from './credentials.js';
export {
  defineEndpoint,
  type AnyEndpoint,
  type BatchDeclaration,
  type Endpoint,
  type EndpointRequest,
  type EndpointResponse,
} from './endpoint.js';
export {
  friendCheck,
  type FriendCheckRequest,
  type FriendCheckResponse,
  type FriendCheckType,
  type FriendRelation,
} from './endpoints/friend-check.js';
export {
  friendGetList,
  type FriendGetListRequest,
  type FriendGetListResponse,
  type SnsProfileItem,
} from './endpoints/friend-get-list.js';
export { describeErrorCode, type ErrorCodeInfo, type RetryClass } from './error-codes.js';
export * from './errors/index.js';
export { phases, type ApiResponse, type Next, type Phase, type PipelineEntry, type Plugin, type RequestContext } from './pipeline/plugin.js';
export { regions, type Region } from './regions.js';
export * from './usersig/index.js';
