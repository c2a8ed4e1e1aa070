import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, it, expect, vi } from 'vitest';
import { TimValidationError } from '../../src/errors/tim-validation-error.js';
import { asValidationError, rejection } from '../support/caught.js';
import { base64ToBytes, bytesToBase64, bytesToUserSigBase64, fromUserSigBase64 } from '../../src/usersig/base64.js';
import { toValidationIssues } from '../../src/util/validate.js';
import { deflate, inflate } from '../../src/usersig/deflate.js';
import { genUserSigOptionsSchema } from '../../src/usersig/gen-user-sig.js';
import {
  decodeUserSig,
  genUserSig,
  verifyUserSig,
  type GenUserSigOptions,
  type VerifyUserSigOptions,
} from '../../src/usersig/index.js';
import { signaturesEqual, signUserSigContent, userSigContent } from '../../src/usersig/signature.js';

// The known vector from the IM REST notes (and the official generators' own test file).
const key = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const sdkAppId = 1400000000;
const identifier = 'xiaojun';
const time = 1700000000;
const now = time * 1000;
const expire = 15552000;
const knownSig = 'LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=';

const userSigAlphabet = /^[A-Za-z0-9*_-]+$/;

/** Inflates a UserSig to its JSON text with platform APIs only, independent of src/usersig/deflate.ts. */
async function rawJson(userSig: string): Promise<string> {
  const base64 = userSig.replaceAll('*', '+').replaceAll('-', '/').replaceAll('_', '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'))).text();
}

/** Encodes any JSON-able document (or raw text) the way a UserSig is encoded. */
async function encodeDocument(document: unknown): Promise<string> {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  return bytesToUserSigBase64(await deflate(new TextEncoder().encode(text)));
}

function knownDocument(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'TLS.ver': '2.0',
    'TLS.identifier': identifier,
    'TLS.sdkappid': sdkAppId,
    'TLS.time': time,
    'TLS.expire': expire,
    'TLS.sig': knownSig,
    ...overrides,
  };
}

const base = { sdkAppId, secretKey: key, identifier, expire, now } satisfies GenUserSigOptions;


describe('base64 helpers', () => {
  it('round-trips every byte value, also past the chunk size', () => {
    const bytes = new Uint8Array(40_000).map((_, index) => (index * 7) % 256);
    const decoded = base64ToBytes(bytesToBase64(bytes));
    // An element-wise toEqual on 40 000 bytes is slow; compare as one string instead.
    expect(decoded.length).toBe(bytes.length);
    expect(decoded.join()).toBe(bytes.join());
    expect(bytesToBase64(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('+/+/');
  });

  it('maps + / = to * - _ and back', () => {
    expect(bytesToUserSigBase64(base64ToBytes('a+b/zQ=='))).toBe('a*b-zQ__');
    expect(fromUserSigBase64('a*b-c__')).toBe('a+b/c==');
  });

  it('throws on invalid base64', () => {
    expect(() => base64ToBytes('a')).toThrow();
    expect(() => base64ToBytes('ab$c')).toThrow();
  });
});

describe('deflate helpers', () => {
  it('produce and read zlib (RFC 1950) streams', async () => {
    const text = new TextEncoder().encode('hello hello hello hello');
    const compressed = await deflate(text);
    expect(compressed[0]).toBe(0x78); // zlib header: CM = 8 (deflate), 32 KiB window
    expect(await inflate(compressed)).toEqual(text);
  });

  it('reject corrupt input and output over the limit', async () => {
    await expect(inflate(new Uint8Array([1, 2, 3, 4, 5]))).rejects.toThrow();
    const big = await deflate(new Uint8Array(100_000));
    await expect(inflate(big, 1000)).rejects.toThrow(RangeError);
  });
});

describe('signature', () => {
  it('signs the documented content string', async () => {
    const content = userSigContent({ identifier, sdkAppId, time, expire });
    expect(content).toBe('TLS.identifier:xiaojun\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:15552000\n');
    expect(await signUserSigContent(key, content)).toBe(knownSig);
  });

  it('compares signatures exactly', () => {
    expect(signaturesEqual(knownSig, knownSig)).toBe(true);
    expect(signaturesEqual(knownSig, knownSig.slice(0, -1))).toBe(false);
    expect(signaturesEqual(knownSig, `${knownSig}A`)).toBe(false);
    expect(signaturesEqual(knownSig, knownSig.replace('L', 'M'))).toBe(false);
    expect(signaturesEqual('', '')).toBe(true);
  });
});

describe('genUserSig', () => {
  it('reproduces the known vector', async () => {
    const userSig = await genUserSig(base);
    expect(await decodeUserSig(userSig)).toEqual({
      version: '2.0',
      identifier,
      sdkAppId,
      time,
      expire,
      sig: knownSig,
    });
  });

  it('writes the JSON keys in the official order', async () => {
    const json = await rawJson(await genUserSig(base));
    expect(json).toBe(JSON.stringify(knownDocument()));
    expect(Object.keys(JSON.parse(json) as object)).toEqual([
      'TLS.ver',
      'TLS.identifier',
      'TLS.sdkappid',
      'TLS.time',
      'TLS.expire',
      'TLS.sig',
    ]);
  });

  it('uses only [A-Za-z0-9*_-]', async () => {
    for (const id of ['xiaojun', 'a', '用户', 'x'.repeat(32), 'admin_1-2']) {
      const userSig = await genUserSig({ ...base, identifier: id });
      expect(userSig).toMatch(userSigAlphabet);
    }
  });

  it('floors the time to seconds and defaults expire to 180 days', async () => {
    const payload = await decodeUserSig(await genUserSig({ sdkAppId, secretKey: key, identifier, now: now + 999 }));
    expect(payload?.time).toBe(time);
    expect(payload?.expire).toBe(15552000);
    expect(payload?.sig).toBe(knownSig);
  });

  it('defaults now to the current time', async () => {
    const before = Math.floor(Date.now() / 1000);
    const payload = await decodeUserSig(await genUserSig({ sdkAppId, secretKey: key, identifier }));
    const after = Math.floor(Date.now() / 1000);
    expect(payload?.time).toBeGreaterThanOrEqual(before);
    expect(payload?.time).toBeLessThanOrEqual(after);
  });
});

describe('verifyUserSig', () => {
  const verifyBase = { sdkAppId, secretKey: key, identifier, now } satisfies Omit<VerifyUserSigOptions, 'userSig'>;

  it('accepts its own UserSig', async () => {
    const userSig = await genUserSig(base);
    expect(await verifyUserSig({ ...verifyBase, userSig })).toEqual({ valid: true });
  });

  it('accepts a fresh UserSig with the default clock', async () => {
    const userSig = await genUserSig({ sdkAppId, secretKey: key, identifier, expire: 60 });
    expect(await verifyUserSig({ sdkAppId, secretKey: key, identifier, userSig })).toEqual({ valid: true });
  });

  it('rejects a wrong key as bad-signature', async () => {
    const userSig = await genUserSig(base);
    expect(await verifyUserSig({ ...verifyBase, secretKey: `${key}0`, userSig })).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('rejects another identifier and another sdkappid', async () => {
    const userSig = await genUserSig(base);
    expect(await verifyUserSig({ ...verifyBase, identifier: 'xiaoming', userSig })).toEqual({
      valid: false,
      reason: 'identifier-mismatch',
    });
    expect(await verifyUserSig({ ...verifyBase, sdkAppId: 1400000001, userSig })).toEqual({
      valid: false,
      reason: 'sdkappid-mismatch',
    });
    // sdkappid is checked before identifier.
    expect(await verifyUserSig({ ...verifyBase, sdkAppId: 1400000001, identifier: 'xiaoming', userSig })).toEqual({
      valid: false,
      reason: 'sdkappid-mismatch',
    });
  });

  it('is valid up to and including time + expire, expired one second later', async () => {
    const userSig = await genUserSig({ ...base, expire: 100 });
    const end = (time + 100) * 1000;
    expect(await verifyUserSig({ ...verifyBase, userSig, now: end })).toEqual({ valid: true });
    expect(await verifyUserSig({ ...verifyBase, userSig, now: end + 999 })).toEqual({ valid: true });
    expect(await verifyUserSig({ ...verifyBase, userSig, now: end + 1000 })).toEqual({ valid: false, reason: 'expired' });
    // Identifier is checked before expiry.
    expect(await verifyUserSig({ ...verifyBase, identifier: 'bob', userSig, now: end + 1000 })).toEqual({
      valid: false,
      reason: 'identifier-mismatch',
    });
    // The full default lifetime too.
    const long = await genUserSig(base);
    expect(await verifyUserSig({ ...verifyBase, userSig: long, now: (time + expire) * 1000 })).toEqual({ valid: true });
    expect(await verifyUserSig({ ...verifyBase, userSig: long, now: (time + expire + 1) * 1000 })).toEqual({
      valid: false,
      reason: 'expired',
    });
  });

  it('rejects garbage strings as malformed', async () => {
    for (const userSig of ['', ' ', 'abc', 'not a usersig', 'eJ+rVg==', 'eJyrVg__', '!!!!', 'A'.repeat(100), 'a'.repeat(4096)]) {
      expect(await verifyUserSig({ ...verifyBase, userSig })).toEqual({ valid: false, reason: 'malformed' });
    }
  });

  it('rejects tampered characters as malformed', async () => {
    const userSig = await genUserSig(base);
    expect(await verifyUserSig({ ...verifyBase, userSig: `${userSig} ` })).toEqual({ valid: false, reason: 'malformed' });
    expect(await verifyUserSig({ ...verifyBase, userSig: userSig.replaceAll('*', '+') + '+' })).toEqual({
      valid: false,
      reason: 'malformed',
    });
    expect(await verifyUserSig({ ...verifyBase, userSig: userSig.slice(0, -8) })).toEqual({ valid: false, reason: 'malformed' });
    for (const position of [2, 10, Math.floor(userSig.length / 2), userSig.length - 12]) {
      const original = userSig.charAt(position);
      const replacement = original === 'A' ? 'B' : 'A';
      const tampered = userSig.slice(0, position) + replacement + userSig.slice(position + 1);
      expect(await verifyUserSig({ ...verifyBase, userSig: tampered })).toEqual({ valid: false, reason: 'malformed' });
    }
  });

  it('rejects well-encoded documents with missing or mistyped fields as malformed', async () => {
    const documents: unknown[] = [
      'not json',
      'null',
      '[]',
      '"string"',
      '{"TLS.ver":"2.0"',
      knownDocument({ 'TLS.sdkappid': '1400000000' }),
      knownDocument({ 'TLS.time': '1700000000' }),
      knownDocument({ 'TLS.expire': null }),
      knownDocument({ 'TLS.expire': 1.5 }),
      knownDocument({ 'TLS.time': -1 }),
      knownDocument({ 'TLS.identifier': 42 }),
      knownDocument({ 'TLS.sig': 42 }),
      knownDocument({ 'TLS.ver': 2 }),
      Object.fromEntries(Object.entries(knownDocument()).filter(([name]) => name !== 'TLS.sig')),
      Object.fromEntries(Object.entries(knownDocument()).filter(([name]) => name !== 'TLS.ver')),
    ];
    for (const document of documents) {
      const userSig = await encodeDocument(document);
      expect(await decodeUserSig(userSig)).toBeUndefined();
      expect(await verifyUserSig({ ...verifyBase, userSig })).toEqual({ valid: false, reason: 'malformed' });
    }
    // Invalid UTF-8 inside the zlib stream.
    const invalidUtf8 = bytesToUserSigBase64(await deflate(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])));
    expect(await decodeUserSig(invalidUtf8)).toBeUndefined();
  });

  it('recomputes the signature over the decoded fields', async () => {
    // A hand-built document with the known signature verifies (key order does not matter to the check)...
    const reordered = await encodeDocument({
      'TLS.sig': knownSig,
      'TLS.expire': expire,
      'TLS.time': time,
      'TLS.sdkappid': sdkAppId,
      'TLS.identifier': identifier,
      'TLS.ver': '2.0',
    });
    expect(await verifyUserSig({ ...verifyBase, userSig: reordered })).toEqual({ valid: true });
    // ...but extending the lifetime or back-dating without re-signing does not.
    for (const overrides of [{ 'TLS.expire': expire * 2 }, { 'TLS.time': time + 1 }, { 'TLS.sig': knownSig.replace('L', 'M') }]) {
      const userSig = await encodeDocument(knownDocument(overrides));
      expect(await verifyUserSig({ ...verifyBase, userSig })).toEqual({ valid: false, reason: 'bad-signature' });
    }
  });

  it('ignores extra fields such as TLS.userbuf when decoding', async () => {
    const payload = await decodeUserSig(await encodeDocument(knownDocument({ 'TLS.userbuf': 'AAAA' })));
    expect(payload?.sig).toBe(knownSig);
  });
});

describe('UTF-8 identifiers', () => {
  it('round-trips a non-ASCII identifier', async () => {
    const userSig = await genUserSig({ ...base, identifier: '用户' });
    expect(userSig).toMatch(userSigAlphabet);
    const payload = await decodeUserSig(userSig);
    expect(payload?.identifier).toBe('用户');
    expect(payload?.sig).toBe(
      await signUserSigContent(key, 'TLS.identifier:用户\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:15552000\n'),
    );
    expect(await verifyUserSig({ sdkAppId, secretKey: key, identifier: '用户', userSig, now })).toEqual({ valid: true });
    expect(await verifyUserSig({ sdkAppId, secretKey: key, identifier: '用戶', userSig, now })).toEqual({
      valid: false,
      reason: 'identifier-mismatch',
    });
  });

  it('limits identifiers to 32 bytes, not 32 characters', async () => {
    // 10 characters × 3 bytes = 30 bytes: accepted.
    await expect(genUserSig({ ...base, identifier: '用户'.repeat(5) })).resolves.toMatch(userSigAlphabet);
    // 11 characters × 3 bytes = 33 bytes: rejected although far below 32 characters.
    const error = await rejection(genUserSig({ ...base, identifier: `${'用户'.repeat(5)}户` }));
    expect(error).toBeInstanceOf(TimValidationError);
    expect((error as TimValidationError).path).toBe('identifier');
    expect((error as TimValidationError).reason).toBe('must be at most 32 bytes in UTF-8');
    // 32 ASCII bytes: accepted; 33: rejected.
    await expect(genUserSig({ ...base, identifier: 'x'.repeat(32) })).resolves.toMatch(userSigAlphabet);
    await expect(genUserSig({ ...base, identifier: 'x'.repeat(33) })).rejects.toThrow(TimValidationError);
  });
});

describe('option validation', () => {
  const secret = 'TOP-SECRET-KEY-d41d8cd98f00b204';

  const genCases: [string, Record<string, unknown>, string, string][] = [
    ['sdkAppId 0', { sdkAppId: 0 }, 'sdkAppId', 'must be a positive integer'],
    ['negative sdkAppId', { sdkAppId: -1 }, 'sdkAppId', 'must be a positive integer'],
    ['fractional sdkAppId', { sdkAppId: 1.5 }, 'sdkAppId', 'must be a positive integer'],
    ['NaN sdkAppId', { sdkAppId: Number.NaN }, 'sdkAppId', 'must be a positive integer'],
    ['unsafe sdkAppId', { sdkAppId: 2 ** 53 }, 'sdkAppId', 'must be a positive integer'],
    ['string sdkAppId', { sdkAppId: '1400000000' }, 'sdkAppId', 'must be a positive integer'],
    ['missing sdkAppId', { sdkAppId: undefined }, 'sdkAppId', 'must be a positive integer'],
    ['empty secretKey', { secretKey: '' }, 'secretKey', 'must not be empty'],
    ['number secretKey', { secretKey: 123456789 }, 'secretKey', 'must be a string'],
    ['empty identifier', { identifier: '' }, 'identifier', 'must not be empty'],
    ['number identifier', { identifier: 7 }, 'identifier', 'must be a string'],
    ['zero expire', { expire: 0 }, 'expire', 'must be a positive integer'],
    ['fractional expire', { expire: 1.5 }, 'expire', 'must be a positive integer'],
    ['string expire', { expire: '86400' }, 'expire', 'must be a positive integer'],
    ['negative now', { now: -1 }, 'now', 'must be a finite number >= 0'],
    ['infinite now', { now: Number.POSITIVE_INFINITY }, 'now', 'must be a finite number >= 0'],
    ['NaN now', { now: Number.NaN }, 'now', 'must be a finite number >= 0'],
    ['string now', { now: '1700000000000' }, 'now', 'must be a finite number >= 0'],
  ];

  for (const [name, overrides, path, reason] of genCases) {
    it(`genUserSig rejects ${name}`, async () => {
      const options = { ...base, secretKey: secret, ...overrides } as unknown as GenUserSigOptions;
      const error = await rejection(genUserSig(options));
      expect(error).toBeInstanceOf(TimValidationError);
      const validation = error as TimValidationError;
      expect(validation.path).toBe(path);
      expect(validation.reason).toBe(reason);
      expect(validation.message).toContain('genUserSig options');
      expect(validation.message).not.toContain(secret);
    });
  }

  it('reports a missing key as required', async () => {
    const error = await rejection(genUserSig({ sdkAppId, identifier } as unknown as GenUserSigOptions));
    expect(error).toBeInstanceOf(TimValidationError);
    expect((error as TimValidationError).path).toBe('secretKey');
    expect((error as TimValidationError).reason).toBe('is required');
  });

  it('rejects options that are not an object', async () => {
    for (const options of [null, undefined, 'options', 42]) {
      const error = await rejection(genUserSig(options as unknown as GenUserSigOptions));
      expect(error).toBeInstanceOf(TimValidationError);
      expect((error as TimValidationError).path).toBe('');
      expect((error as TimValidationError).reason).toBe('must be an object');
    }
  });

  it('lists every problem and never quotes the secret key', async () => {
    const options = { sdkAppId: -5, secretKey: secret, identifier: '', expire: 0, now: -1 };
    const error = await rejection(genUserSig(options));
    expect(error).toBeInstanceOf(TimValidationError);
    const validation = error as TimValidationError;
    expect(validation.issues.map((issue) => issue.path)).toEqual(['sdkAppId', 'identifier', 'expire', 'now']);
    expect(validation.message).toContain('(and 3 more)');
    for (const text of [validation.message, String(validation), validation.stack ?? '', JSON.stringify(validation)]) {
      expect(text).not.toContain(secret);
    }
    // A secret key of the wrong type is not echoed either.
    const wrongType = await rejection(genUserSig({ ...base, secretKey: [secret] } as unknown as GenUserSigOptions));
    expect(JSON.stringify(wrongType)).not.toContain(secret);
    expect((wrongType as TimValidationError).message).not.toContain(secret);
  });

  const verifyCases: [string, Record<string, unknown>, string, string][] = [
    ['sdkAppId 0', { sdkAppId: 0 }, 'sdkAppId', 'must be a positive integer'],
    ['empty secretKey', { secretKey: '' }, 'secretKey', 'must not be empty'],
    ['empty identifier', { identifier: '' }, 'identifier', 'must not be empty'],
    ['a 33-byte identifier', { identifier: 'y'.repeat(33) }, 'identifier', 'must be at most 32 bytes in UTF-8'],
    ['a number userSig', { userSig: 42 }, 'userSig', 'must be a string'],
    ['a missing userSig', { userSig: undefined }, 'userSig', 'must be a string'],
    ['negative now', { now: -1 }, 'now', 'must be a finite number >= 0'],
  ];

  for (const [name, overrides, path, reason] of verifyCases) {
    it(`verifyUserSig rejects ${name}`, async () => {
      const options = { sdkAppId, secretKey: secret, identifier, userSig: 'eJw', now, ...overrides };
      const error = await rejection(verifyUserSig(options as unknown as VerifyUserSigOptions));
      expect(error).toBeInstanceOf(TimValidationError);
      const validation = error as TimValidationError;
      expect(validation.path).toBe(path);
      expect(validation.reason).toBe(reason);
      expect(validation.message).toContain('verifyUserSig options');
      expect(validation.message).not.toContain(secret);
    });
  }

  it('treats a malformed userSig as a rejection, not a validation error', async () => {
    await expect(verifyUserSig({ sdkAppId, secretKey: secret, identifier, userSig: '###' })).resolves.toEqual({
      valid: false,
      reason: 'malformed',
    });
  });
});

describe('genUserSig validation fast path', () => {
  // The schema genUserSig documents, rebuilt from its parts: whatever the hand-written fast path
  // accepts or refuses, the outcome must be exactly valibot's (values, errors, paths, reasons).
  const referenceSchema = genUserSigOptionsSchema;
  const clock = 1_700_000_000_456;
  const odd = fc.constantFrom<unknown>(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -1, 0, -0, 1.5, 2 ** 53, '1', true, 10n, [], {});
  /** Mostly valid values (so both paths get exercised), sometimes an odd one. */
  const mostly = (valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: fc.oneof(invalid, odd), weight: 1 });
  const fields = {
    sdkAppId: mostly(fc.integer({ min: 1, max: 2 ** 31 }), fc.constantFrom(Number.MAX_SAFE_INTEGER, '1400000000', 1e21)),
    secretKey: mostly(fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.constant(key)), fc.constant('')),
    identifier: mostly(
      fc.oneof(fc.stringMatching(/^[a-z0-9_]{1,32}$/), fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })),
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.constantFrom('x'.repeat(32), 'x'.repeat(33), 'é'.repeat(16), 'é'.repeat(17), '🔑'.repeat(8), '🔑'.repeat(9), '\ud800'.repeat(10), '\ud800'.repeat(11)),
      ),
    ),
    expire: mostly(fc.integer({ min: 1, max: 2 ** 31 }), fc.constantFrom(Number.MAX_SAFE_INTEGER, '86400')),
    now: mostly(fc.integer({ min: 0, max: 2 ** 42 }), fc.oneof(fc.double(), fc.constantFrom(Number.MAX_VALUE, '1700000000000'))),
    extra: odd,
  };
  const options = fc.oneof(
    { arbitrary: fc.record(fields, { requiredKeys: ['sdkAppId', 'secretKey', 'identifier'] }), weight: 6 },
    { arbitrary: fc.record(fields, { requiredKeys: [] }), weight: 2 },
    { arbitrary: odd, weight: 1 },
  );

  type Outcome = { json: string } | { issues: unknown[] };

  /** What the plain valibot parse (genUserSig before the fast path) would give: the JSON inside the UserSig, or the issues. */
  function reference(input: unknown): Outcome {
    const result = v.safeParse(referenceSchema, input);
    if (!result.success) return { issues: toValidationIssues(result.issues) };
    const { sdkAppId: appId, secretKey, identifier: id, expire: life, now: at } = result.output;
    const signed = { identifier: id, sdkAppId: appId, time: Math.floor(at / 1000), expire: life };
    const sig = createHmac('sha256', secretKey).update(userSigContent(signed)).digest('base64');
    const document = { 'TLS.ver': '2.0', 'TLS.identifier': id, 'TLS.sdkappid': appId, 'TLS.time': signed.time, 'TLS.expire': life, 'TLS.sig': sig };
    return { json: JSON.stringify(document) };
  }

  async function actual(input: unknown): Promise<Outcome> {
    try {
      return { json: await rawJson(await genUserSig(input as GenUserSigOptions)) };
    } catch (error) {
      const validation = asValidationError(error);
      expect(validation.message).toContain('genUserSig options');
      return { issues: [...validation.issues] };
    }
  }

  it('gives exactly what valibot gives, for valid and invalid options alike', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(clock);
    try {
      await fc.assert(
        fc.asyncProperty(options, async (input) => {
          expect(await actual(input)).toEqual(reference(input));
        }),
        { seed: 20261124, numRuns: 1500 },
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads inherited options and refuses null ones, as valibot does', async () => {
    const inherited = Object.create({ ...base }) as GenUserSigOptions;
    expect((await decodeUserSig(await genUserSig(inherited)))?.sig).toBe(knownSig);
    for (const name of ['expire', 'now'] as const) {
      const error = asValidationError(await rejection(genUserSig({ ...base, [name]: null } as unknown as GenUserSigOptions)));
      expect([error.path, error.reason]).toEqual([name, name === 'now' ? 'must be a finite number >= 0' : 'must be a positive integer']);
    }
    // `in` decides whether an option is there, then the value is read: a Proxy that hides its keys has none.
    const hidden = asValidationError(await rejection(genUserSig(new Proxy({ ...base }, { has: () => false }))));
    expect(hidden.issues).toEqual(['sdkAppId', 'secretKey', 'identifier'].map((path) => ({ path, reason: 'is required' })));
  });

  it('reports getters and Proxies that throw as unreadable options', async () => {
    const getter = { ...base, get identifier(): string { throw new Error(key); } };
    const proxy = new Proxy({ ...base }, { get: () => { throw new Error(key); } });
    for (const input of [getter, proxy]) {
      const error = asValidationError(await rejection(genUserSig(input)));
      expect([error.path, error.reason]).toEqual(['', 'could not be read: a getter, a Proxy or the schema threw']);
      expect(error.message).not.toContain(key);
    }
  });
});

describe('signUserSigContent key cache', () => {
  it('stays correct across more secrets than it keeps, revisited in any order', () => {
    // Half of them the same length, half of them longer than a 64-byte block.
    const secrets = Array.from({ length: 20 }, (_, index) => (index < 10 ? `secret-${index}` : `${index}-${'s'.repeat(index * 7)}`));
    const content = userSigContent({ identifier, sdkAppId, time, expire });
    for (const index of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 19, 1, 18, 2, 0, 0, 12, 5, 19]) {
      const secret = secrets[index] ?? '';
      expect(signUserSigContent(secret, content)).toBe(createHmac('sha256', secret).update(content).digest('base64'));
    }
    expect(signUserSigContent(key, content)).toBe(knownSig);
  });
});

describe('bytesToUserSigBase64', () => {
  it('equals btoa in the UserSig alphabet for every length 0..100', () => {
    for (let length = 0; length <= 100; length++) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 97 + length * 13) & 0xff);
      const standard = btoa(String.fromCharCode(...bytes));
      expect(bytesToBase64(bytes)).toBe(standard);
      expect(bytesToUserSigBase64(bytes)).toBe(standard.replaceAll('+', '*').replaceAll('/', '-').replaceAll('=', '_'));
    }
  });
});
