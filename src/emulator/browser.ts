// The browser entry of timfetch/emulator (package.json "browser" condition, dist/emulator.browser.js):
// the fetch emulator and its types, without startEmulator, whose node:http server cannot run in a
// page. index.ts adds it for Node; its module comment documents both.
export { createEmulator, type Emulator, type EmulatorFetch } from './create-emulator.js';
export type { EmulatorOptions, FaultOptions, RateLimitOptions } from './options.js';
export type { CorsMode } from './answers.js';
export type { EmulatorStore } from './store.js';
export type { PendingFriendRequest } from './pending-requests.js';
export type { BlockCheckType, BlockRelation, CheckType, Relation } from './relation.js';
export type { GenerateOptions } from './generate.js';
export type { AllowType, FriendTags, ProfileTags } from './tags.js';
export type { EmulatorEndpointPath, EmulatorStats, EndpointStats } from './stats.js';
export type { EmulatorOutcome, EmulatorRequestEntry, FaultKind } from './request-entry.js';
