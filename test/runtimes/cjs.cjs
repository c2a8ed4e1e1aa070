// Runtime matrix entry: the CJS build by `require()`, the ESM build by `import()` beside it.
// Relative paths, not `timfetch`: Bun maps the bare name to src/ through tsconfig.json's paths.
const main = require('../../dist/index.cjs');
const emulator = require('../../dist/emulator.cjs');
const limits = require('../../dist/plugins/rate-limit.cjs');

(async () => {
  const other = await import('../../dist/index.js');
  const { runScenario } = await import('./scenario.mjs');
  console.log(JSON.stringify(await runScenario({ format: 'cjs', main, other, emulator, limits })));
})().catch((error) => {
  // An unhandled rejection's exit code and report differ by runtime: make both the same.
  console.error(error);
  process.exitCode = 1;
});
