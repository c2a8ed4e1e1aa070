import { catalogue } from '../endpoints/catalogue.js';
import type { Command } from './command.js';
import { demoCommand } from './demo.js';
import { emulatorCommand } from './emulator-command.js';
import { commandName, endpointCommand } from './endpoint-command.js';

/**
 * Every `timfetch` command by name (a Map: a name like `constructor` finds nothing): one per
 * endpoint of the catalogue, made from its declaration, then the emulator and the demo.
 */
export const commands: ReadonlyMap<string, Command> = new Map([
  ...Object.values(catalogue).map((endpoint) => [commandName(endpoint), endpointCommand(endpoint)] as const),
  ['emulator', emulatorCommand],
  ['demo', demoCommand],
]);
