import type { Command } from './command.js';
import { demoCommand } from './demo.js';
import { emulatorCommand } from './emulator-command.js';
import { friendCheckCommand, friendGetListCommand } from './friend-commands.js';

/** Every `timfetch` command by name (a Map: a name like `constructor` finds nothing). */
export const commands: ReadonlyMap<string, Command> = new Map([
  ['friend-check', friendCheckCommand],
  ['friend-get-list', friendGetListCommand],
  ['emulator', emulatorCommand],
  ['demo', demoCommand],
]);
