import { parseArgs, type ParseArgsConfig } from 'node:util';

type Flags = NonNullable<ParseArgsConfig['options']>;

// A negative number: never a flag of this command (no flag is a digit), always a value.
const negativeNumber = /^-\.?\d/;

/** The flag an argument names (`--retries`, `-r`), when it takes a value and does not carry one. */
function valueFlag(arg: string, flags: Flags): boolean {
  if (arg.startsWith('--')) return !arg.includes('=') && flags[arg.slice(2)]?.type === 'string';
  return /^-\w$/.test(arg) && Object.values(flags).some((flag) => flag.short === arg.slice(1) && flag.type === 'string');
}

/**
 * `args` with each negative number that follows a flag taking a value joined to it
 * (`--retries -1` → `--retries=-1`). parseArgs would read `-1` as a flag and refuse the line in
 * its own words; joined, the value reaches the flag's own check, which names the flag.
 */
export function joinNegativeValues(args: readonly string[], flags: Flags): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') return [...joined, ...args.slice(i)];
    const next = args[i + 1];
    if (next !== undefined && negativeNumber.test(next) && valueFlag(arg, flags)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** A command's flags parsed strictly (no positionals, no unknown flag), negative values included. */
export function parseFlags<const T extends Flags>(args: readonly string[], flags: T) {
  return parseArgs({ args: joinNegativeValues(args, flags), options: flags, strict: true });
}
