// Compressed answers against maxResponseBytes: the cap counts the decoded bytes, whatever the
// Content-Length (which counts the compressed ones) says. A real node:http server answers each
// request with prepared compressed bytes; fetch inflates them as it reads.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, isTimResponseError, type FriendCheckRequest } from '../../src/index.js';
import { rejection } from '../support/caught.js';
import { testApp } from '../support/test-app.js';

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };

/** A valid friend_check answer for bob whose `ResultInfo` is `size` characters long. */
const answerOf = (size: number) =>
  Buffer.from(JSON.stringify({ ErrorCode: 0, InfoItem: [{ To_Account: 'bob', ResultCode: 0, Relation: 'CheckResult_Type_NoRelation', ResultInfo: 'x'.repeat(size) }] }));

const encoders = {
  gzip: (bytes: Buffer) => gzipSync(bytes),
  deflate: (bytes: Buffer) => deflateSync(bytes),
  // Brotli's default quality (11) takes seconds on megabytes; 4 is enough for repeated text.
  br: (bytes: Buffer) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
};
type Encoding = keyof typeof encoders;

interface Served {
  readonly encoding: Encoding;
  readonly bytes: Buffer;
}

let served: Served;
let requests = 0;
let url = '';
const server = createServer((request, response) => {
  requests++;
  request.resume();
  request.on('end', () => {
    // Content-Length is the length of the compressed bytes, as a real server sends it.
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': served.encoding, 'content-length': String(served.bytes.byteLength) });
    response.end(served.bytes);
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = 0;
});

/** Serves `answer` compressed with `encoding`; returns the compressed size. */
function serve(encoding: Encoding, answer: Buffer): number {
  served = { encoding, bytes: encoders[encoding](answer) };
  return served.bytes.byteLength;
}

// Default retries on: a refusal that were retryable would reach the server several times.
const client = (extra: Record<string, unknown> = {}) => createClient({ ...testApp, baseUrl: url, rateLimit: false, ...extra });

describe.each(Object.keys(encoders) as Encoding[])('a %s answer with the Content-Length of its compressed bytes', (encoding) => {
  it('is refused once it inflates past maxResponseBytes: TimResponseError, not retried, one request', async () => {
    const compressed = serve(encoding, answerOf(2_000_000));
    expect(compressed).toBeLessThan(64 * 1024);
    const error = await rejection(client({ maxResponseBytes: 64 * 1024 }).friendCheck(body));
    expect(isTimResponseError(error) && error.reason).toBe('body over the 65536-byte limit (maxResponseBytes)');
    expect(isTimResponseError(error) && error.retryable).toBe(false);
    expect(requests).toBe(1);
  });

  it('decodes normally under the cap', async () => {
    serve(encoding, answerOf(100_000));
    const answer = await client({ maxResponseBytes: 200_000 }).friendCheck(body);
    expect(answer.InfoItem[0]?.ResultInfo).toHaveLength(100_000);
    expect(requests).toBe(1);
  });
});

it('refuses ~40 MiB of JSON gzipped to a few hundred KB under the default 8 MiB cap, with one request', async () => {
  const compressed = serve('gzip', answerOf(40 * 1024 * 1024));
  expect(compressed).toBeLessThan(512 * 1024);
  const error = await rejection(client().friendCheck(body));
  expect(isTimResponseError(error) && error.reason).toBe('body over the 8388608-byte limit (maxResponseBytes)');
  expect(isTimResponseError(error) && error.retryable).toBe(false);
  expect(requests).toBe(1);
});
