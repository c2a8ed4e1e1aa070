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
//
// Beside it, two emulator servers answering CORS as the service documents it (`cors:
// 'documented'`): one for calls that must get through without a preflight, one for calls a
// browser must refuse; a third small server tells the page how many requests and OPTIONS
// preflights each has seen, since a test in a page cannot read `stats` itself.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProvidedContext } from 'vitest';
import type { TestProject } from 'vitest/node';
import { startEmulator, type Relation, type RunningEmulator } from '../../src/emulator/index.js';
import { answerAllAccounts, startTestServer, type Handler } from './im-test-server.js';
import { testApp } from './test-app.js';

/** What an emulator server has seen, as the stats server reports it. */
export interface EmulatorCounts {
  requests: number;
  preflights: number;
}

/** The stats server's answer: the counts of each documented-CORS emulator, and of the server without CORS. */
export type DocumentedCorsCounts = Record<'documented' | 'refusing' | 'noCors', EmulatorCounts>;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the project's scripted IM REST server, such as `http://127.0.0.1:41234`. */
    imServerUrl: string;
    /** Base URL of an emulator with `cors: 'documented'`, for calls that must need no preflight. */
    documentedEmulatorUrl: string;
    /** Another one, for calls a browser must refuse, so the first one's OPTIONS count stays 0. */
    refusingEmulatorUrl: string;
    /** Base URL of a server that knows nothing of CORS: it answers IM envelopes without one CORS header. */
    noCorsUrl: string;
    /** GET it for the {@link DocumentedCorsCounts} of both emulators and the server without CORS. */
    emulatorCountsUrl: string;
    /** `From_Account` of the documented emulator's graph, and its friend_check answer (Both) for each peer. */
    documentedGraph: { from: string; peers: [account: string, relation: Relation][] };
    /** A base URL on the scripted server that answers every request with a 307 to another host. */
    redirectingUrl: string;
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
  /** Every request header, by its lower-case name. */
  headers: Record<string, string>;
  body: unknown;
}

function header(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}

/** The base URL path under which the scripted server redirects (see `redirectingUrl`). */
const redirectingPath = '/redirecting';

const handler: Handler = async (request, index) => {
  // Never followed by the client: the target (the discard port) only has to be another host.
  if (request.path.startsWith(`${redirectingPath}/`)) return { status: 307, headers: { location: 'http://localhost:9/elsewhere' } };
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
    headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, header(value) ?? ''])),
    body: request.body,
  };
  const from = (request.body as { From_Account?: unknown } | null)?.From_Account;
  return {
    ...reply,
    ...(from === slowAccount ? { delayMs: slowDelayMs } : {}),
    body: { ...(reply.body as Record<string, unknown>), TestServerEcho: echo },
  };
};

// 2,500 peers of alice (three friend_check requests of 1,000 at most): alice lists every second
// one, every third one lists alice.
function documentedGraph(emulator: RunningEmulator): ProvidedContext['documentedGraph'] {
  const from = 'alice';
  const peers = Array.from({ length: 2500 }, (_, index): [string, Relation] => {
    const peer = `peer_${index + 1}`;
    const listed = (index + 1) % 2 === 0;
    const listsBack = (index + 1) % 3 === 0;
    emulator.store.addAccount(peer);
    if (listed) emulator.store.addFriend(from, peer, { Tag_SNS_IM_Remark: `remark ${peer}` });
    if (listsBack) emulator.store.addFriend(peer, from);
    const relation = listed ? (listsBack ? 'CheckResult_Type_BothWay' : 'CheckResult_Type_AWithB') : listsBack ? 'CheckResult_Type_BWithA' : 'CheckResult_Type_NoRelation';
    return [peer, relation];
  });
  return { from, peers };
}

/** A server as one without CORS support answers: a success envelope to every POST, 204 to OPTIONS, and no CORS header on either. */
async function startNoCorsServer(): Promise<{ url: string; stats: EmulatorCounts; close(): Promise<void> }> {
  const stats: EmulatorCounts = { requests: 0, preflights: 0 };
  const server = createServer((request, response) => {
    if (request.method === 'OPTIONS') {
      stats.preflights++;
      response.writeHead(204).end();
      return;
    }
    stats.requests++;
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', InfoItem: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function startCountsServer(emulators: Record<keyof DocumentedCorsCounts, { readonly stats: EmulatorCounts }>): Promise<{ url: string; close(): Promise<void> }> {
  // A GET without custom headers: CORS-simple itself, so asking adds no preflight anywhere.
  const server = createServer((_request, response) => {
    const counts = Object.fromEntries(
      Object.entries(emulators).map(([name, { stats }]) => [name, { requests: stats.requests, preflights: stats.preflights }]),
    );
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' }).end(JSON.stringify(counts));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const app = { sdkAppId: testApp.sdkAppId, secretKey: testApp.secretKey };
  const server = await startTestServer(app);
  server.respond(handler);
  project.provide('imServerUrl', server.url);
  project.provide('redirectingUrl', `${server.url}${redirectingPath}`);

  const documented = await startEmulator({ ...app, cors: 'documented' });
  const refusing = await startEmulator({ ...app, cors: 'documented' });
  refusing.store.addFriend('alice', 'bob');
  const noCors = await startNoCorsServer();
  const counts = await startCountsServer({ documented, refusing, noCors });
  project.provide('noCorsUrl', noCors.url);
  project.provide('documentedEmulatorUrl', documented.url);
  project.provide('refusingEmulatorUrl', refusing.url);
  project.provide('emulatorCountsUrl', counts.url);
  project.provide('documentedGraph', documentedGraph(documented));
  return async () => {
    await Promise.all([server.close(), documented.close(), refusing.close(), noCors.close(), counts.close()]);
  };
}
