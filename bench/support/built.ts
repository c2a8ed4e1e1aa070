// The built package (dist/, which `npm run bench` builds first), typed by its sources: the rows
// that run whole calls measure what users run, one bundled module per entry. Loaded by a
// computed URL so that type-checking a fresh clone does not need dist/.
import type * as Timfetch from '../../src/index.js';

const distIndex = new URL('../../dist/index.js', import.meta.url).href;

export const timfetch = (await import(distIndex)) as typeof Timfetch;
