/** The command could not do its work for a reason outside the SDK (a port in use): exit code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}
