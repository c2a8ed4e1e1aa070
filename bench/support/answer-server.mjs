// A server that answers every request at once with one prepared body, run in a child process
// (forked with IPC) so its CPU is not counted in the client's. The parent sends { body } and
// gets { port } back; it ends the child with kill().
import { createServer } from 'node:http';

process.once('message', ({ body }) => {
  const answer = Buffer.from(body);
  const headers = { 'content-type': 'application/json', 'content-length': String(answer.length) };
  const server = createServer((request, response) => {
    // Read the request to its end, as a real server does, then answer.
    request.on('data', () => undefined);
    request.on('end', () => response.writeHead(200, headers).end(answer));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
});
