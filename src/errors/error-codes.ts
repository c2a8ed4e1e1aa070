/**
 * What a caller should do about an IM error code:
 * `transient` retry with backoff, `throttled` back off (and slow down), `renew-signature`
 * regenerate the UserSig and retry once, `never` do not retry.
 *
 * @example
 * ```ts
 * declare function slowDown(): Promise<void>;
 *
 * try {
 *   await tim.friendCheck(body);
 * } catch (error) {
 *   if (error instanceof TimApiError && error.retryClass === 'throttled') await slowDown();
 * }
 * ```
 */
export type RetryClass = 'transient' | 'throttled' | 'renew-signature' | 'never';

/**
 * Meaning and retry class of one IM error code, as {@link describeErrorCode} returns them.
 *
 * @example
 * ```ts
 * const { meaning, retry }: ErrorCodeInfo = describeErrorCode(60007); // 'REST call frequency over limit', 'throttled'
 * ```
 */
export interface ErrorCodeInfo {
  /** Short English meaning, from the IM error code documentation. */
  readonly meaning: string;
  /** What to do about it. */
  readonly retry: RetryClass;
}

/**
 * The code of a write whose outcome is unknown: its request may have reached the service (a
 * timeout or a reset after sending, a 500/502/504, an answer that could not be read) and the SDK
 * could not find out whether it was applied, so it did not send it again. A failed account of a
 * batch write carries it as its `ResultCode`; a write that is not a batch rejects with a
 * {@link TimError} of this code. Negative, like every SDK-local code, so it is distinct from
 * every code the service sends.
 *
 * @example
 * ```ts
 * const { ResultItem } = await tim.friendAdd({ From_Account: 'alice', AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Admin' }] });
 * const unknown = ResultItem.filter((item) => item.ResultCode === unknownOutcomeCode).map((item) => item.To_Account); // check these by hand
 * ```
 */
export const unknownOutcomeCode = -6;

// The single copy of the code table in IM-REST-NOTES.md; every retry decision reads it.
const table: Readonly<Record<number, ErrorCodeInfo>> = {
  30001: { meaning: 'invalid parameter', retry: 'never' },
  30002: { meaning: 'SDKAppID mismatch', retry: 'never' },
  30003: { meaning: 'account does not exist', retry: 'never' },
  30004: { meaning: 'needs app admin permission', retry: 'never' },
  30006: { meaning: 'internal server error, retry', retry: 'transient' },
  30007: { meaning: 'network timeout, retry later', retry: 'transient' },
  30008: { meaning: 'write conflict: concurrent writes for one account, retry', retry: 'transient' },
  60002: { meaning: 'HTTP parse error', retry: 'never' },
  60003: { meaning: 'request JSON parse error', retry: 'never' },
  60004: { meaning: 'account in the URL is invalid', retry: 'never' },
  60005: { meaning: 'UserSig in the URL is invalid', retry: 'never' },
  60006: { meaning: 'SDKAppID in the URL is invalid', retry: 'never' },
  60007: { meaning: 'REST call frequency over limit', retry: 'throttled' },
  60008: { meaning: 'service timeout or bad HTTP format', retry: 'transient' },
  60010: { meaning: 'identifier must be an app admin', retry: 'never' },
  60011: { meaning: 'SDKAppID request frequency over limit', retry: 'throttled' },
  60012: { meaning: 'SDKAppID missing in the URL', retry: 'never' },
  60018: { meaning: 'requests too frequent, retry later', retry: 'throttled' },
  60019: { meaning: 'requests too frequent, retry later', retry: 'throttled' },
  60020: { meaning: 'plan expired', retry: 'never' },
  60021: { meaning: 'caller IP not allowed', retry: 'never' },
  70001: { meaning: 'UserSig expired', retry: 'renew-signature' },
  70002: { meaning: 'UserSig empty', retry: 'never' },
  70003: { meaning: 'UserSig cannot be parsed', retry: 'never' },
  70005: { meaning: 'UserSig verification failed', retry: 'never' },
  70009: { meaning: "UserSig made with another app's key", retry: 'never' },
  70013: { meaning: 'identifier differs from the one in the UserSig', retry: 'never' },
  70014: { meaning: 'SDKAppID differs from the one in the UserSig', retry: 'never' },
  70016: { meaning: 'key not found (wrong region?)', retry: 'never' },
  70020: { meaning: 'SDKAppID not found (wrong region?)', retry: 'never' },
  70050: { meaning: 'UserSig checks failed too often: wait one minute', retry: 'throttled' },
  70052: { meaning: 'UserSig invalidated', retry: 'renew-signature' },
  70169: { meaning: 'server internal timeout', retry: 'transient' },
  70500: { meaning: 'server internal error', retry: 'transient' },
  90992: { meaning: 'internal error, retry', retry: 'transient' },
  90994: { meaning: 'internal error, retry', retry: 'transient' },
  90995: { meaning: 'internal error, retry', retry: 'transient' },
  91000: { meaning: 'internal error, retry', retry: 'transient' },
  // The SDK's own, negative like its other codes: never one the service sends.
  [unknownOutcomeCode]: { meaning: 'outcome unknown: the write may have been applied (not sent again)', retry: 'never' },
};

const unknownCode: ErrorCodeInfo = { meaning: 'unknown error code', retry: 'never' };

/**
 * Explains an IM `ErrorCode` or item `ResultCode` and whether the SDK retries it, for messages
 * and custom retry logic. Unknown codes get `unknown error code` and are never retried.
 *
 * @example
 * ```ts
 * describeErrorCode(30006); // { meaning: 'internal server error, retry', retry: 'transient' }
 * ```
 */
export function describeErrorCode(code: number): ErrorCodeInfo {
  return table[code] ?? unknownCode;
}

/**
 * Whether repeating a request that got `code` (as `ErrorCode` or an item's `ResultCode`) may
 * succeed: the transient and throttled classes. UserSig renewal is not a plain retry.
 *
 * @example
 * ```ts
 * isRetryableCode(30006); // true
 * isRetryableCode(70001); // false: renew the UserSig instead
 * ```
 */
export function isRetryableCode(code: number): boolean {
  const { retry } = describeErrorCode(code);
  return retry === 'transient' || retry === 'throttled';
}
