// A server for whole jobs (issue 20), run in a child process (forked with IPC) so its CPU is not
// counted in the client's. The parent sends { template, width, quota? } and gets { port } back:
// each request is answered with `template`, its `@` run (`width` long) replaced by the digits
// that follow the first `"To_Account":["c` of the request, so that every chunk gets its own
// accounts' results. With `quota` ({ limit, windowMs }) it enforces a sliding window per path as
// the service does, answering ErrorCode 60007 beyond it. A { stats: true } message gets back
// { requests, refused }. The parent ends the child with kill().
import { createServer } from 'node:http';

const firstAccount = '"To_Account":["c';

process.once('message', ({ template, width, quota }) => {
  const marker = '@'.repeat(width);
  const refusal = Buffer.from(JSON.stringify({ ActionStatus: 'FAIL', ErrorCode: 60007, ErrorInfo: 'over the frequency limit', ErrorDisplay: '' }));
  const window = [];
  let requests = 0;
  let refused = 0;
  const admitted = () => {
    if (quota === undefined) return true;
    const now = performance.now();
    while (window.length > 0 && window[0] <= now - quota.windowMs) window.shift();
    if (window.length >= quota.limit) return false;
    window.push(now);
    return true;
  };
  const server = createServer((request, response) => {
    const parts = [];
    request.on('data', (part) => parts.push(part));
    request.on('end', () => {
      requests++;
      const text = Buffer.concat(parts).toString();
      const at = text.indexOf(firstAccount) + firstAccount.length;
      const ok = admitted();
      if (!ok) refused++;
      const body = ok ? Buffer.from(template.replaceAll(marker, text.slice(at, at + width))) : refusal;
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) }).end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
  process.on('message', (message) => {
    if (message?.stats === true) process.send?.({ requests, refused });
  });
});
