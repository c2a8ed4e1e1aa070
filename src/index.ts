/**
 * The timfetch core: {@link createClient} and the {@link TimClient} it returns, the endpoint
 * declarations ({@link friendCheck}, {@link friendGetList}, {@link defineEndpoint}), helpers for
 * their results ({@link isOk} narrows a per-account result to its success shape,
 * {@link tagValue} reads a profile tag typed), the plugin contract ({@link Plugin},
 * {@link phases}), the error classes (all extending {@link TimError}), the IM error code table
 * ({@link describeErrorCode}) and the UserSig helpers ({@link genUserSig}, {@link verifyUserSig},
 * {@link decodeUserSig}).
 *
 * @example
 * ```ts
 * import { createClient, isOk } from 'timfetch';
 *
 * const tim = createClient({ sdkAppId: 1400000000, identifier: 'administrator', secretKey, region: 'singapore' });
 * const { InfoItem } = await tim.friendCheck({ From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' });
 * for (const item of InfoItem) console.log(item.To_Account, isOk(item) ? item.Relation : `error ${item.ResultCode}`);
 * ```
 *
 * @module timfetch
 */
export type { BatchItem } from './endpoints/batch.js';
export type { CallOptions } from './client/call-options.js';
export { createClient, type CatalogueMethods, type TimClient } from './client/create-client.js';
export type { CoreClient } from './client/pipeline-client.js';
export { catalogue, type CatalogueEndpoint } from './endpoints/catalogue.js';
export type { BaseClientOptions, ClientOptions, LoggingOptions } from './client/options.js';
export type { Credentials, UserSigProvider } from './client/credentials.js';
export {
  defineEndpoint,
  type AnyEndpoint,
  type BatchDeclaration,
  type PagedDeclaration,
  type PageRequest,
  type Reconciliation,
  type Endpoint,
  type EndpointQuickCheck,
  type EndpointRequest,
  type Immutable,
  type EndpointResponse,
} from './endpoints/define-endpoint.js';
export type { StreamRequest } from './endpoints/streamed-list.js';
export {
  friendCheck,
  type FriendCheckFailedItem,
  type FriendCheckItem,
  type FriendCheckRequest,
  type FriendCheckResponse,
  type FriendCheckSuccessItem,
  type FriendCheckType,
  type FriendRelation,
} from './endpoints/sns/friend-check.js';
export { friendAdd, type AddFriendEntry, type FriendAddRequest, type FriendAddResponse } from './endpoints/sns/friend-add.js';
export { friendDelete, type FriendDeleteRequest, type FriendDeleteResponse } from './endpoints/sns/friend-delete.js';
export { friendGet, type FriendGetItem, type FriendGetRequest, type FriendGetResponse } from './endpoints/sns/friend-get.js';
export type { WriteFailedItem, WriteResultItem, WriteSuccessItem } from './endpoints/sns/write-result.js';
export { friendImport, type FriendImportRequest, type FriendImportResponse, type ImportFriendEntry } from './endpoints/sns/friend-import.js';
export { friendUpdate, type FriendUpdateField, type FriendUpdateRequest, type FriendUpdateResponse, type UpdateFriendEntry } from './endpoints/sns/friend-update.js';
export { friendDeleteAll, type FriendDeleteAllRequest, type FriendDeleteAllResponse } from './endpoints/sns/friend-delete-all.js';
export { blackListAdd, type BlackListAddRequest, type BlackListAddResponse } from './endpoints/sns/black-list-add.js';
export { blackListDelete, type BlackListDeleteRequest, type BlackListDeleteResponse } from './endpoints/sns/black-list-delete.js';
export { blackListGet, type BlackListGetRequest, type BlackListGetResponse, type BlackListItem } from './endpoints/sns/black-list-get.js';
export {
  blackListCheck,
  type BlackListCheckFailedItem,
  type BlackListCheckItem,
  type BlackListCheckRequest,
  type BlackListCheckResponse,
  type BlackListCheckSuccessItem,
  type BlackListRelation,
} from './endpoints/sns/black-list-check.js';
export { groupAdd, type GroupAddRequest, type GroupAddResponse } from './endpoints/sns/group-add.js';
export { groupDelete, type GroupDeleteRequest, type GroupDeleteResponse } from './endpoints/sns/group-delete.js';
export { groupGet, type FriendGroup, type GroupGetRequest, type GroupGetResponse } from './endpoints/sns/group-get.js';
export {
  friendGetList,
  type FriendGetListFailedItem,
  type FriendGetListItem,
  type FriendGetListRequest,
  type FriendGetListResponse,
  type FriendGetListSuccessItem,
  type SnsProfileItem,
} from './endpoints/sns/friend-get-list.js';
export { describeErrorCode, isRetryableCode, unknownOutcomeCode, type ErrorCodeInfo, type RetryClass } from './errors/error-codes.js';
export * from './errors/index.js';
export type * from './pipeline/events.js';
export * from './pipeline/plugin.js';
export { tagNameSchema, tagValue, type CustomTag, type StandardTag, type StandardTagValues, type TagValue } from './endpoints/profile-tags.js';
export { regions, type Region } from './client/regions.js';
export { isOk, type FailedItem, type SuccessItem } from './endpoints/result-helpers.js';
export * from './usersig/index.js';
