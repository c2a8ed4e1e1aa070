// Vitest globalSetup of the happy-dom and chromium projects: one scripted IM REST server per
// project, on 127.0.0.1, whose URL tests read with `inject('imServerUrl')`.
//
// Tests in a browser (or a happy-dom worker) cannot read `server.requests`, so the server
// answers with what it saw:
// - a UserSig that does not verify against `testApp` is answered with IM error 70003, so a
//   successful call proves the request was signed correctly;
// - every successful answer carries a `TestServerEcho` field (the response schemas are loose
//   objects, so it reaches the caller) describing the request as the server received it;
// - `From_Account: slowAccount` delays the answer by `slowDelayMs`, to abort calls in flight.
import type { TestProject } from 'vitest/node';
import { answerAllAccounts, startTestServer, type Handler } from './im-test-server.js';
import { testApp } from './test-app.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the project's scripted IM REST server, such as `http://127.0.0.1:41234`. */
    imServerUrl: string;
  }
}

/** An account whose calls the server answers only after {@link slowDelayMs}. */
export const slowAccount = 'slow-account';
/** How long the server holds calls made for {@link slowAccount}, in milliseconds. */
export const slowDelayMs = 5_000;

/** What the server saw of one request, as echoed in `TestServerEcho`. */
export interface TestServerEcho {
  method: string;
  path: string;
  queryOrder: string[];
  query: Record<string, string>;
  /** Whether `usersig` verified for `identifier` with the app's secret key. */
  userSigValid: boolean;
  contentType: string | null;
  origin: string | null;
  body: unknown;
}

function header(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}

const handler: Handler = async (request, index) => {
  if (!request.userSigValid) {
    return { body: { ActionStatus: 'FAIL', ErrorCode: 70003, ErrorInfo: 'usersig invalid', ErrorDisplay: '' } };
  }
  const reply = await answerAllAccounts(request, index);
  // The query's usersig is a credential: echo only whether it verified.
  const { usersig: _usersig, ...query } = request.query;
  const echo: TestServerEcho = {
    method: request.method,
    path: request.path,
    queryOrder: request.queryOrder,
    query,
    userSigValid: request.userSigValid,
    contentType: header(request.headers['content-type']),
    origin: header(request.headers.origin),
    body: request.body,
  };
  const from = (request.body as { From_Account?: unknown } | null)?.From_Account;
  return {
    ...reply,
    ...(from === slowAccount ? { delayMs: slowDelayMs } : {}),
    body: { ...(reply.body as Record<string, unknown>), TestServerEcho: echo },
  };
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestServer({ sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey });
  server.respond(handler);
  project.provide('imServerUrl', server.url);
  return () => server.close();
}
