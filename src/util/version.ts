/**
 * This build's version of timfetch (package.json `version`), for instrumentation scopes and
 * user agents: `trace.getTracer('timfetch', version)`. A test keeps it equal to package.json.
 *
 * @example
 * ```ts
 * import { version } from 'timfetch/plugin-kit';
 *
 * console.log(`timfetch ${version}`); // 'timfetch 0.1.0'
 * ```
 */
export const version = '0.1.0';
