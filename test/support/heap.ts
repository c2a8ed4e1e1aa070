// The heap as the memory tests' children (run with node --expose-gc) measure it: live objects only.

const collect =
  globalThis.gc ??
  ((): never => {
    throw new Error('run with node --expose-gc');
  })();

/** heapUsed after full GCs around a turn of the event loop, so that finalizers run too. */
export async function heapAfterGc(): Promise<number> {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 1));
  collect();
  return process.memoryUsage().heapUsed;
}
