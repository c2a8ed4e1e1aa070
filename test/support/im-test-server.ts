// A scripted IM REST server on 127.0.0.1 for tests: records every request (query, headers, body,
// whether its UserSig verifies) and answers with what the test scripts. Not the emulator: it
// knows no accounts, only what each test tells it to say.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyUserSig } from '../../src/usersig/verify-user-sig.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly queryOrder: string[];
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
  readonly userSigValid: boolean;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Send the headers, then stall forever. */
  stallBody?: boolean;
  /** Send the headers and the first byte, then the rest of the body this much later. */
  bodyDelayMs?: number;
  /** Send the body in chunks without a Content-Length (chunked transfer encoding). */
  chunked?: boolean;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

export type Handler = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface TestServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replaces the handler; the default answers every account of To_Account with a success item. */
  respond(handler: Handler): void;
  close(): Promise<void>;
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  // x-request-id: the per-attempt header the browser tests' plugins set (ctx.headers).
  'access-control-allow-headers': 'content-type, x-request-id',
};

/** Answers each account of `To_Account` with ResultCode 0 (and `NoRelation`). */
export const answerAllAccounts: Handler = (request) => {
  const body = request.body as { To_Account?: string[] };
  return {
    body: {
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
      InfoItem: (body.To_Account ?? []).map((account) => ({
        To_Account: account,
        Relation: 'CheckResult_Type_NoRelation',
        ResultCode: 0,
        ResultInfo: '',
      })),
    },
  };
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startTestServer(app: { sdkAppId: number; secretKey: string }): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  let handler: Handler = answerAllAccounts;

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, corsHeaders).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const verification = await verifyUserSig({
      sdkAppId: app.sdkAppId,
      secretKey: app.secretKey,
      identifier: query.identifier ?? '',
      userSig: query.usersig ?? '',
    }).catch(() => ({ valid: false }));
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query,
      queryOrder: [...url.searchParams.keys()],
      headers: req.headers,
      body: await readBody(req),
      userSigValid: verification.valid,
    };
    requests.push(recorded);
    const reply = await handler(recorded, requests.length - 1);
    // unref'd: a held answer must not keep the test process alive after the tests end.
    if (reply.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, reply.delayMs).unref());
    if (reply.destroy === true) {
      req.socket.destroy();
      return;
    }
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    const length = reply.chunked === true ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...length, ...corsHeaders, ...reply.headers });
    if (reply.stallBody === true) {
      res.write(body.slice(0, 1));
      return;
    }
    if (reply.bodyDelayMs !== undefined) {
      res.write(body.slice(0, 1));
      await new Promise((resolve) => setTimeout(resolve, reply.bodyDelayMs).unref());
      res.end(body.slice(1));
      return;
    }
    res.end(body);
  };
  // A client that gives up mid-request (timeouts, aborts) makes reading the body throw.
  const server = createServer((req, res) => {
    answer(req, res).catch(() => req.socket.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(next) {
      handler = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
