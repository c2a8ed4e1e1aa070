// Runtime matrix entry: the ESM build by `import`, the CJS build by `require()` beside it.
import { createRequire } from 'node:module';
import * as emulator from '../../dist/emulator.js';
import * as main from '../../dist/index.js';
import * as limits from '../../dist/plugins/rate-limit.js';
import { runScenario } from './scenario.mjs';

// Relative paths, not `timfetch`: Bun maps the bare name to src/ through tsconfig.json's paths.
const other = createRequire(import.meta.url)('../../dist/index.cjs');
console.log(JSON.stringify(await runScenario({ format: 'esm', main, other, emulator, limits })));
