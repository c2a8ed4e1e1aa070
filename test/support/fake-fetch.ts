// An injected fetch for tests that need no socket: records each request and answers with a
// scripted Response (or throws, to play a network failure).
export interface FakeCall {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: unknown;
}

export type FakeAnswer = (call: FakeCall, index: number) => Response | Promise<Response>;

export interface FakeFetch {
  readonly fetch: typeof fetch;
  readonly calls: FakeCall[];
}

/** A JSON Response. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' }, ...init });
}

/** The success envelope with the given extra fields. */
export function ok(fields: Record<string, unknown> = {}): Response {
  return json({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '', ...fields });
}

/** An error envelope. */
export function fail(code: number, info = 'error'): Response {
  return json({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info, ErrorDisplay: '' });
}

/** Answers every To_Account with ResultCode 0. */
export const okForEachAccount: FakeAnswer = (call) => {
  const accounts = (call.body as { To_Account?: string[] }).To_Account ?? [];
  return ok({ InfoItem: accounts.map((To_Account) => ({ To_Account, ResultCode: 0, ResultInfo: '', Relation: 'CheckResult_Type_NoRelation' })) });
};

export function fakeFetch(answer: FakeAnswer = okForEachAccount): FakeFetch {
  const calls: FakeCall[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const text = await request.text();
    const call: FakeCall = { url: new URL(request.url), method: request.method, headers: request.headers, body: text === '' ? undefined : JSON.parse(text) };
    calls.push(call);
    return answer(call, calls.length - 1);
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}
