import { catalogue } from '../endpoints/catalogue.js';
import type { Command } from './command.js';
import { demoCommand } from './demo.js';
import { emulatorCommand } from './emulator-command.js';
import { commandName, endpointCommand } from './endpoint-command.js';
import { friendImportCommand } from './friend-import-command.js';

// Endpoints whose command does more than one call: it takes the place of the one the catalogue would make.
const ownCommands: ReadonlyMap<string, Command> = new Map([['friend-import', friendImportCommand]]);

/**
 * Every `timfetch` command by name (a Map: a name like `constructor` finds nothing): one per
 * endpoint of the catalogue, made from its declaration (or its own, for friend-import's
 * migration), then the emulator and the demo.
 */
export const commands: ReadonlyMap<string, Command> = new Map([
  ...Object.values(catalogue).map((endpoint) => {
    const name = commandName(endpoint);
    return [name, ownCommands.get(name) ?? endpointCommand(endpoint)] as const;
  }),
  ['emulator', emulatorCommand],
  ['demo', demoCommand],
]);
