// Cold UserSig generation (a new signature each time), timfetch's isomorphic genUserSig against
// the official Node generator tls-sig-api-v2 (zlib + crypto), side by side in one run.
import { createRequire } from 'node:module';
import { bench, describe } from 'vitest';
import { genUserSig } from '../src/usersig/gen-user-sig.js';
import { testApp } from '../test/support/test-app.js';

interface TlsSigApiV2 {
  Api: new (sdkAppId: number, key: string) => { genUserSig(identifier: string, expire: number): string };
}
const { Api } = createRequire(import.meta.url)('tls-sig-api-v2') as TlsSigApiV2;
const official = new Api(testApp.sdkAppId, testApp.secretKey);
let n = 0;

describe('genUserSig, a new UserSig each time', () => {
  bench('timfetch genUserSig (pure-TS HMAC-SHA256, stored zlib blocks)', async () => {
    await genUserSig({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, identifier: `user_${n++ % 1000}`, expire: 86_400 });
  });
  bench('tls-sig-api-v2 genUserSig (node:crypto, node:zlib)', () => {
    official.genUserSig(`user_${n++ % 1000}`, 86_400);
  });
});
