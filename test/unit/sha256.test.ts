// The pure-TypeScript SHA-256 / HMAC-SHA256 behind TLS.sig, against published vectors and against
// node:crypto (an independent implementation) for every length around the block boundaries and
// for random keys and messages (fast-check, seeded).
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256, hmacSha256Key, sha256 } from '../../src/usersig/sha256.js';

const runs = { seed: 20261124, numRuns: 500 };
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const repeat = (byte: number, length: number): Uint8Array => new Uint8Array(length).fill(byte);
const bytesOf = (length: number, seed: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (i * 131 + seed * 29 + 7) & 0xff);
const nodeHmac = (key: Uint8Array | string, message: Uint8Array | string): string => createHmac('sha256', key).update(message).digest('hex');
const ours = (key: Uint8Array | string, message: Uint8Array | string): string => hex(hmacSha256(hmacSha256Key(key), message));

describe('sha256', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(hex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(hex(sha256(repeat(0x61, 1_000_000)))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto for every length from 0 to 300 bytes', () => {
    for (let length = 0; length <= 300; length++) {
      const message = bytesOf(length, length);
      expect(hex(sha256(message)), `length ${length}`).toBe(createHash('sha256').update(message).digest('hex'));
    }
  });
});

describe('hmacSha256', () => {
  // RFC 4231 §4.2–4.8.
  const rfc4231: [key: Uint8Array, data: Uint8Array, mac: string][] = [
    [repeat(0x0b, 20), ascii('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [ascii('Jefe'), ascii('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    [repeat(0xaa, 20), repeat(0xdd, 50), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    [fromHex('0102030405060708090a0b0c0d0e0f10111213141516171819'), repeat(0xcd, 50), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'],
    [repeat(0x0c, 20), ascii('Test With Truncation'), 'a3b6167473100ee06e0c796c2955552b'], // truncated to 128 bits
    [repeat(0xaa, 131), ascii('Test Using Larger Than Block-Size Key - Hash Key First'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
    [
      repeat(0xaa, 131),
      ascii('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ];

  rfc4231.forEach(([key, data, mac], index) => {
    it(`matches RFC 4231 test case ${index + 1}`, () => {
      expect(ours(key, data).slice(0, mac.length)).toBe(mac);
    });
  });

  it('agrees with node:crypto for every message length 0..300 and keys around the 64-byte block', () => {
    for (const keyLength of [0, 1, 20, 32, 63, 64, 65, 100, 128, 131, 300]) {
      const key = bytesOf(keyLength, 1000 + keyLength);
      const prepared = hmacSha256Key(key);
      for (let length = 0; length <= 300; length++) {
        const message = bytesOf(length, length);
        expect(hex(hmacSha256(prepared, message)), `key ${keyLength} B, message ${length} B`).toBe(nodeHmac(key, message));
      }
    }
  });

  it('agrees with node:crypto for random byte keys and messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 300 }), (key, message) => {
        expect(ours(key, message)).toBe(nodeHmac(key, message));
      }),
      runs,
    );
  });

  it('signs strings as UTF-8, also non-ASCII and lone surrogates, with string keys of any length', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), fc.string({ maxLength: 100 })),
        fc.oneof(fc.string({ unit: 'binary', maxLength: 150 }), fc.string({ unit: 'grapheme', maxLength: 80 })),
        (key, message) => {
          expect(ours(key, message)).toBe(nodeHmac(key, message));
        },
      ),
      runs,
    );
    // Lone surrogates become U+FFFD in both encoders; 4-byte characters straddle block boundaries.
    for (const message of ['\ud800', 'a\udc00b', '🔑'.repeat(30), `${'x'.repeat(53)}é`, `${'x'.repeat(54)}🔑`, '用户'.repeat(50)]) {
      for (const key of ['ключ-密钥-🔑', 'k'.repeat(64), '密'.repeat(22), '\udfff']) {
        expect(ours(key, message), JSON.stringify([key, message])).toBe(nodeHmac(key, message));
      }
    }
  });

  it('keeps prepared keys independent of later calls into the module', () => {
    const long = hmacSha256Key('k'.repeat(200)); // hashed through the shared digest buffer first
    const short = hmacSha256Key('short');
    sha256('something else entirely');
    expect(hex(hmacSha256(long, 'message'))).toBe(nodeHmac('k'.repeat(200), 'message'));
    expect(hex(hmacSha256(short, 'message'))).toBe(nodeHmac('short', 'message'));
    // Long messages grow the scratch buffer; shorter ones after it must still be padded correctly.
    expect(hex(hmacSha256(short, 'x'.repeat(5000)))).toBe(nodeHmac('short', 'x'.repeat(5000)));
    expect(hex(hmacSha256(short, 'y'.repeat(3)))).toBe(nodeHmac('short', 'y'.repeat(3)));
  });
});
