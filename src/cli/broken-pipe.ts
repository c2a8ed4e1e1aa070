/**
 * Lets a reader that stops early (`timfetch … | head -1`) end the output quietly: without a
 * listener, the EPIPE of the next write would crash the command with a stack trace. The rest of
 * the output is dropped; the exit code stays the command's own.
 */
export function ignoreBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
