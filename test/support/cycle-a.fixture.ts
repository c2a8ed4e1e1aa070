// Half of a deliberate import cycle, for the architecture test's check of its own cycle finder.
import type { B } from './cycle-b.fixture.js';

export type A = { b?: B };
