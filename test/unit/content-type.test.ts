// The contentType client option: requests are CORS-simple by default (no preflight in a browser),
// application/json on request for proxies, and nothing else is accepted.
import { describe, expect, it } from 'vitest';
import { createClient, type ClientOptions } from '../../src/index.js';
import { asValidationError, thrown } from '../support/caught.js';
import { ok } from '../support/fake-fetch.js';
import { testApp } from '../support/test-app.js';

const body = { From_Account: 'alice', To_Account: ['bob'], CheckType: 'CheckResult_Type_Single' } as const;

interface Sent {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A fetch that records what the transport hands it (init as given, not rebuilt into a Request). */
function recordingFetch(): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    sent.push({ url: String(input), headers: Object.fromEntries(new Headers(init?.headers)), body: init?.body });
    return ok({ InfoItem: [{ To_Account: 'bob', Relation: 'CheckResult_Type_NoRelation', ResultCode: 0, ResultInfo: '' }] });
  };
  return { fetch: fetchImpl as typeof fetch, sent };
}

async function headersSent(options: Partial<ClientOptions> = {}): Promise<Sent> {
  const recorder = recordingFetch();
  await createClient({ ...testApp, fetch: recorder.fetch, ...options } as ClientOptions).friendCheck({ ...body, To_Account: [...body.To_Account] });
  expect(recorder.sent).toHaveLength(1);
  return recorder.sent[0] as Sent;
}

describe('contentType', () => {
  it.each([['by default', {}], ["with contentType: 'text/plain'", { contentType: 'text/plain' }]] as const)('sends text/plain %s, and no header but it and accept (both CORS-safelisted)', async (_, options) => {
    const sent = await headersSent(options);
    expect(sent.headers).toEqual({ accept: 'application/json', 'content-type': 'text/plain;charset=UTF-8' });
    // The body is JSON all the same, and the query tells the service to read it as JSON.
    expect(typeof sent.body).toBe('string');
    expect(JSON.parse(sent.body as string)).toEqual(body);
    expect(new URL(sent.url).searchParams.get('contenttype')).toBe('json');
  });

  it("sends application/json with contentType: 'application/json' (for proxies that want it)", async () => {
    const sent = await headersSent({ contentType: 'application/json' });
    expect(sent.headers).toEqual({ accept: 'application/json', 'content-type': 'application/json' });
    expect(JSON.parse(sent.body as string)).toEqual(body);
  });

  it.each([['json'], ['application/json; charset=utf-8'], ['TEXT/PLAIN'], [''], [1], [null], [false]])('refuses %j with TimValidationError', (contentType) => {
    const error = asValidationError(thrown(() => createClient({ ...testApp, contentType } as unknown as ClientOptions)));
    expect(error.path).toBe('contentType');
    expect(error.reason).toBe("must be 'text/plain' or 'application/json'");
    expect(error.message).toContain('Invalid client options');
  });
});
