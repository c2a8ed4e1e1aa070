// Issue 11, row 7: cold UserSig generation (a new UserSig for a new identifier each time),
// timfetch's isomorphic genUserSig against the official Node generator tls-sig-api-v2
// (node:crypto + node:zlib), interleaved in one run. Time per UserSig: ratio ≤ 1 means at least
// as many UserSigs per second as the official generator.
import { createRequire } from 'node:module';
import { describe } from 'vitest';
import { timfetch } from './support/built.js';
import { testApp } from '../test/support/test-app.js';
import { interleaved } from './support/interleaved.js';

const { genUserSig } = timfetch;

interface TlsSigApiV2 {
  Api: new (sdkAppId: number, key: string) => { genUserSig(identifier: string, expire: number): string };
}
const { Api } = createRequire(import.meta.url)('tls-sig-api-v2') as TlsSigApiV2;
const official = new Api(testApp.sdkAppId, testApp.secretKey);
let n = 0;

describe('genUserSig, a new UserSig each time', () => {
  interleaved({
    row: '7 cold genUserSig',
    ours: {
      label: 'timfetch genUserSig (pure-TS HMAC-SHA256, stored zlib blocks)',
      run: () => genUserSig({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey, identifier: `user_${n++ % 1000}`, expire: 86_400 }),
      calls: 200,
    },
    theirs: { label: 'tls-sig-api-v2 genUserSig (node:crypto, node:zlib)', run: () => official.genUserSig(`user_${n++ % 1000}`, 86_400), calls: 200 },
    measure: 'wall',
    target: 1,
    unit: 'ms per 1 UserSig',
    options: { time: 4000, warmupTime: 1000 },
  });
});
