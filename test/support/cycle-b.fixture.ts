// The other half of the deliberate import cycle (see cycle-a.fixture.ts).
import type { A } from './cycle-a.fixture.js';

export type B = { a?: A };
