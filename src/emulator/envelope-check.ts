/** The request envelope checks of the IM service: query parameters, UserSig, JSON body. */
import type { UserSigRejection } from '../usersig/verify-user-sig.js';
import type { EndpointFailure } from './emulated-endpoint.js';
import type { UserSigChecker } from './user-sig-checker.js';

/** Codes of the UserSig rejections, as the service reports them. */
const rejectionCodes: Readonly<Record<UserSigRejection, number>> = {
  malformed: 70003,
  'sdkappid-mismatch': 70014,
  'identifier-mismatch': 70013,
  expired: 70001,
  'bad-signature': 70009,
};

const rejectionInfo: Readonly<Record<UserSigRejection, string>> = {
  malformed: 'usersig cannot be parsed',
  'sdkappid-mismatch': 'usersig was issued for another sdkappid',
  'identifier-mismatch': 'usersig was issued for another identifier',
  expired: 'usersig expired',
  'bad-signature': "usersig was signed with another app's key",
};

const maxUint32 = 0xffff_ffff;

/**
 * The `random` query value as a uint32, or `undefined` when it is missing or not one
 * (decimal digits only, 0 to 4294967295).
 */
export function parseRandom(value: string | null): number | undefined {
  if (value === null || !/^\d{1,10}$/.test(value)) return undefined;
  const number = Number(value);
  return number <= maxUint32 ? number : undefined;
}

/** What the envelope check needs to know about the emulated app. */
export interface EnvelopeApp {
  readonly sdkAppId: number;
  readonly admins: ReadonlySet<string>;
  readonly checkUserSig: UserSigChecker;
}

/**
 * Checks a request's envelope in the service's order and returns the first failure, or the
 * parsed body: `sdkappid` (60012 missing, 60006 not a positive integer, 70020 another app),
 * `identifier` (60004 missing, 60010 not an admin), `usersig` (70002 missing), `random` (60002
 * missing or not a uint32), `contenttype` (60002 not `json`), the UserSig itself (70003
 * unparsable, 70014 another app, 70013 another identifier, 70001 expired, 70009 wrong key), and
 * the body (60003 not JSON). Parameter names and values are case-sensitive, as in the service.
 */
export async function checkEnvelope(
  query: URLSearchParams,
  body: { readonly json: unknown } | undefined,
  app: EnvelopeApp,
): Promise<EndpointFailure | { readonly json: unknown }> {
  const sdkAppId = query.get('sdkappid');
  if (sdkAppId === null || sdkAppId === '') return { code: 60012, info: 'sdkappid is missing' };
  if (!/^[1-9]\d{0,15}$/.test(sdkAppId) || !Number.isSafeInteger(Number(sdkAppId))) {
    return { code: 60006, info: 'sdkappid is not a positive integer' };
  }
  if (Number(sdkAppId) !== app.sdkAppId) return { code: 70020, info: `sdkappid ${sdkAppId} is not this emulator's app` };
  const identifier = query.get('identifier') ?? '';
  if (identifier === '') return { code: 60004, info: 'identifier is missing' };
  if (!app.admins.has(identifier)) return { code: 60010, info: `identifier ${identifier} is not an app admin` };
  const userSig = query.get('usersig') ?? '';
  if (userSig === '') return { code: 70002, info: 'usersig is missing' };
  if (parseRandom(query.get('random')) === undefined) return { code: 60002, info: 'random is missing or not an integer from 0 to 4294967295' };
  if (query.get('contenttype') !== 'json') return { code: 60002, info: 'contenttype must be json' };
  const rejection = await app.checkUserSig(identifier, userSig);
  if (rejection !== undefined) return { code: rejectionCodes[rejection], info: rejectionInfo[rejection] };
  if (body === undefined) return { code: 60003, info: 'the body is not valid JSON' };
  return body;
}
