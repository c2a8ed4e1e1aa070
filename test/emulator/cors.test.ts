// The emulator's CORS modes: 'documented' answers exactly like the service's documentation
// sample, on every answer; 'permissive' (the default) keeps allowing a JSON content type. Both
// read the body as JSON whatever its content type.
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type FriendCheckRequest } from '../../src/index.js';
import { startEmulator, type CorsMode, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { admin, app, post, setup, signedUrl } from './helpers.js';

/** The service's sample CORS answer, header for header. */
const documented = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'X-Requested-With',
  'access-control-allow-methods': 'POST',
};

const body: FriendCheckRequest = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Both' };

/** The CORS headers of `response` (every `access-control-*` one, and no other). */
function corsOf(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));
}

describe("cors: 'documented' through fetch", () => {
  it('answers a preflight with 204 and exactly the sample headers, counted in stats.preflights', async () => {
    const { emu } = setup({ cors: 'documented' });
    const response = await emu.fetch('https://console.tim.qq.com/v4/sns/friend_check', {
      method: 'OPTIONS',
      headers: { origin: 'https://tool.internal', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toEqual(documented);
    expect(emu.stats).toMatchObject({ requests: 0, preflights: 1 });
  });

  it('puts exactly the sample headers on a success answer', async () => {
    const { emu } = setup({ cors: 'documented' });
    emu.store.addFriend('alice', 'bob');
    const response = await emu.fetch(await signedUrl('https://console.tim.qq.com', 'v4/sns/friend_check'), { method: 'POST', body: JSON.stringify(body) });
    expect(Object.fromEntries(response.headers)).toEqual({ 'content-type': 'application/json; charset=utf-8', ...documented });
    expect(await response.json()).toMatchObject({ ErrorCode: 0, InfoItem: [{ To_Account: 'bob', Relation: 'CheckResult_Type_AWithB' }] });
  });

  it('puts them on every other answer too: envelope errors, 405, 404, gateway errors, truncated JSON', async () => {
    const answers = [
      await setup({ cors: 'documented' }).emu.fetch('https://x.test/v4/sns/friend_check', { method: 'POST', body: '{}' }),
      await setup({ cors: 'documented' }).emu.fetch('https://x.test/v4/sns/friend_check'),
      await setup({ cors: 'documented' }).emu.fetch('https://x.test/v4/profile/portrait_get', { method: 'POST', body: '{}' }),
      await setup({ cors: 'documented', faults: { httpError: 1 } }).emu.fetch(await signedUrl('https://x.test', 'v4/sns/friend_check'), { method: 'POST', body: JSON.stringify(body) }),
      await setup({ cors: 'documented', faults: { malformed: 1 } }).emu.fetch(await signedUrl('https://x.test', 'v4/sns/friend_check'), { method: 'POST', body: JSON.stringify(body) }),
    ];
    expect(answers.map((response) => response.status)).toEqual([200, 405, 404, 502, 200]);
    for (const response of answers) expect(corsOf(response)).toEqual(documented);
  });
});

describe("cors: 'permissive'", () => {
  it.each<[string, Partial<EmulatorOptions>]>([['the default', {}], ['given', { cors: 'permissive' }]])(
    'is %s: a preflight may ask for content-type; other answers allow any origin, nothing more',
    async (_, options) => {
      const { emu } = setup(options);
      const preflight = await emu.fetch('https://x.test/v4/sns/friend_check', { method: 'OPTIONS' });
      expect(corsOf(preflight)).toEqual({
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      });
      const answer = await emu.fetch('https://x.test/v4/sns/friend_check', { method: 'POST', body: '{}' });
      expect(corsOf(answer)).toEqual({ 'access-control-allow-origin': '*' });
    },
  );
});

describe.each<CorsMode>(['documented', 'permissive'])("cors: '%s' reads the body as JSON whatever its content type", (cors) => {
  it.each(['text/plain', 'application/json'] as const)('answers a client sending %s', async (contentType) => {
    const { emu, tim } = setup({ cors }, { contentType });
    emu.store.addFriend('alice', 'bob');
    const answer = await tim.friendCheck(body);
    expect(answer.InfoItem.map((item) => item.Relation)).toEqual(['CheckResult_Type_AWithB']);
  });

  it('answers a raw POST without any content type', async () => {
    const { emu } = setup({ cors });
    emu.store.addFriend('alice', 'bob');
    const response = await emu.fetch(await signedUrl('https://x.test', 'v4/sns/friend_check'), { method: 'POST', body: new Blob([JSON.stringify(body)]) });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ ErrorCode: 0 });
    // And the helper's own application/json request, for completeness.
    expect((await post(emu.fetch, 'v4/sns/friend_check', body)).json).toMatchObject({ ErrorCode: 0 });
  });
});

describe("cors: 'documented' over HTTP (startEmulator)", () => {
  const running: RunningEmulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });
  async function serve(): Promise<RunningEmulator> {
    const server = await startEmulator({ ...app, cors: 'documented' });
    running.push(server);
    server.store.addFriend('alice', 'bob');
    return server;
  }

  it('answers a real preflight with exactly the sample CORS headers and counts it', async () => {
    const server = await serve();
    const response = await fetch(`${server.url}/v4/sns/friend_check?sdkappid=1`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(corsOf(response)).toEqual(documented);
    expect(server.stats).toMatchObject({ requests: 0, preflights: 1 });
  });

  it('serves the real client with either content type, each answer carrying exactly the sample headers', async () => {
    const server = await serve();
    const seen: Record<string, string>[] = [];
    // A fetch that keeps the answer's CORS headers, to check what came over the wire.
    const keeping: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      seen.push(corsOf(response));
      return response;
    };
    for (const contentType of ['text/plain', 'application/json'] as const) {
      const tim = createClient({ ...app, identifier: admin, baseUrl: server.url, contentType, fetch: keeping });
      await expect(tim.friendCheck(body)).resolves.toMatchObject({ InfoItem: [{ Relation: 'CheckResult_Type_AWithB' }] });
    }
    expect(seen).toEqual([documented, documented]);
    expect(server.stats).toMatchObject({ requests: 2, preflights: 0 });
  });
});
