/**
 * Cross-checks against the official Node generator `tls-sig-api-v2` (CommonJS, devDependency only).
 * The package has no verifier and no types; it signs with `Date.now()`, which the tests pin with
 * fake timers so both sides sign the same second. Deflate output differs between implementations,
 * so the comparison is on the decoded JSON and `TLS.sig`, never on the final strings.
 * Node-only (Buffer, node:zlib) on the oracle's side, which is the point: an independent decoder.
 */
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeUserSig, genUserSig, verifyUserSig } from '../../src/usersig/index.js';

interface TlsSigApiV2 {
  Api: new (sdkappid: number, key: string) => { genUserSig(userid: string, expire: number): string };
}

const { Api } = createRequire(import.meta.url)('tls-sig-api-v2') as TlsSigApiV2;

const key = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const sdkAppId = 1400000000;
const time = 1700000000;
const now = time * 1000;

/** The oracle's own decoding steps (its `base64url.unescape` + zlib), with Node's zlib. */
function oracleJson(userSig: string): string {
  const base64 = userSig.replaceAll('_', '=').replaceAll('-', '/').replaceAll('*', '+');
  return inflateSync(Buffer.from(base64, 'base64')).toString('utf8');
}

/** Runs the oracle as if the clock read `ms`. */
function oracleAt(ms: number, identifier: string, expire: number, secretKey = key, appId = sdkAppId): string {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
  try {
    return new Api(appId, secretKey).genUserSig(identifier, expire);
  } finally {
    vi.useRealTimers();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

const cases: [identifier: string, expire: number][] = [
  ['xiaojun', 15552000],
  ['administrator', 86400],
  ['用户', 3600],
  ['a_b-c.d@e', 1],
  ['x'.repeat(32), 2 ** 31],
];

describe('tls-sig-api-v2 oracle', () => {
  it('reproduces the known vector', () => {
    const json = JSON.parse(oracleJson(oracleAt(now, 'xiaojun', 15552000))) as Record<string, unknown>;
    expect(json['TLS.sig']).toBe('LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=');
  });

  for (const [identifier, expire] of cases) {
    it(`agrees on the JSON and TLS.sig for ${JSON.stringify(identifier)}, expire ${expire}`, async () => {
      const theirs = oracleAt(now + 123, identifier, expire);
      const ours = await genUserSig({ sdkAppId, secretKey: key, identifier, expire, now: now + 123 });
      // Same JSON text, byte for byte: same keys, order, types and signature.
      expect(oracleJson(ours)).toBe(oracleJson(theirs));
      // Our decoder reads theirs as they wrote it.
      const payload = await decodeUserSig(theirs);
      const json = JSON.parse(oracleJson(theirs)) as Record<string, unknown>;
      expect(payload).toEqual({
        version: json['TLS.ver'],
        identifier: json['TLS.identifier'],
        sdkAppId: json['TLS.sdkappid'],
        time: json['TLS.time'],
        expire: json['TLS.expire'],
        sig: json['TLS.sig'],
      });
      expect(payload?.sig).toBe((await decodeUserSig(ours))?.sig);
    });

    it(`verifyUserSig accepts the oracle's UserSig for ${JSON.stringify(identifier)}, expire ${expire}`, async () => {
      const theirs = oracleAt(now, identifier, expire);
      expect(await verifyUserSig({ sdkAppId, secretKey: key, identifier, userSig: theirs, now })).toEqual({ valid: true });
      expect(await verifyUserSig({ sdkAppId, secretKey: key, identifier, userSig: theirs, now: (time + expire) * 1000 })).toEqual({
        valid: true,
      });
      expect(
        await verifyUserSig({ sdkAppId, secretKey: key, identifier, userSig: theirs, now: (time + expire + 1) * 1000 }),
      ).toEqual({ valid: false, reason: 'expired' });
      expect(await verifyUserSig({ sdkAppId, secretKey: `${key}x`, identifier, userSig: theirs, now })).toEqual({
        valid: false,
        reason: 'bad-signature',
      });
    });
  }

  it('verifyUserSig accepts an oracle UserSig made with the real clock', async () => {
    const theirs = new Api(sdkAppId, key).genUserSig('realtime', 300);
    expect(await verifyUserSig({ sdkAppId, secretKey: key, identifier: 'realtime', userSig: theirs })).toEqual({ valid: true });
  });

  it('agrees for other keys and SDKAppIDs, including non-ASCII keys', async () => {
    for (const [secretKey, appId] of [
      ['short', 1],
      ['ключ-密钥-🔑', 1600012345],
      ['k'.repeat(200), 20000000],
    ] as const) {
      const theirs = oracleAt(now, 'someone', 600, secretKey, appId);
      const ours = await genUserSig({ sdkAppId: appId, secretKey, identifier: 'someone', expire: 600, now });
      expect(oracleJson(ours)).toBe(oracleJson(theirs));
      expect(await verifyUserSig({ sdkAppId: appId, secretKey, identifier: 'someone', userSig: theirs, now })).toEqual({
        valid: true,
      });
    }
  });

  it("the oracle's zlib reads our deflate output (its verifier would, had it one)", async () => {
    // tls-sig-api-v2 1.0.2 ships only generators; Node's inflateSync is what it would decode with.
    const ours = await genUserSig({ sdkAppId, secretKey: key, identifier: 'xiaojun', now });
    expect(ours).toMatch(/^[A-Za-z0-9*_-]+$/);
    expect(JSON.parse(oracleJson(ours))).toEqual({
      'TLS.ver': '2.0',
      'TLS.identifier': 'xiaojun',
      'TLS.sdkappid': sdkAppId,
      'TLS.time': time,
      'TLS.expire': 15552000,
      'TLS.sig': 'LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=',
    });
  });
});
