import * as v from 'valibot';
import { arrayItem, objectEntries } from '../endpoints/schema-shape.js';
import { friendImport, type ImportFriendEntry } from '../endpoints/sns/friend-import.js';
import { userIdSchema } from '../endpoints/user-id.js';
import { toValidationIssues } from '../util/validate.js';
import { textLines, type FileDigest } from './friend-import-lines.js';
import { UsageError } from './usage-error.js';

/** One relation of the file: `entry.To_Account` enters `from`'s list; `line` names it in messages. */
export interface Relation {
  readonly line: number;
  readonly from: string;
  /** The `AddFriendItem` entry, as the file gives it (with `AddSource` filled in when absent). */
  readonly entry: ImportFriendEntry;
}

/** What a line without `AddSource` gets: the relation comes from a migration. */
export const defaultAddSource = 'AddSource_Type_Import';

// The entry's schema and fields come from the endpoint's declaration: the file takes what friend_import takes.
const entrySchema = arrayItem(objectEntries(friendImport.request)?.AddFriendItem) as v.GenericSchema<unknown, ImportFriendEntry>;
const entryFields = Object.keys(objectEntries(entrySchema) ?? {});
/** The fields a line may have: `From_Account` and those of an `AddFriendItem` entry. */
export const relationFields: readonly string[] = ['From_Account', ...entryFields];
const known = new Set(relationFields);

/** What is wrong with one parsed line, or undefined. */
function problemOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a JSON object { "From_Account", "To_Account", … }';
  // A typo (`Remrak`) would otherwise be sent as an unknown field and silently ignored by the service.
  const unknown = Object.keys(value).find((field) => !known.has(field));
  if (unknown !== undefined) return `unknown field ${JSON.stringify(unknown)} (a relation has ${relationFields.join(', ')})`;
  return undefined;
}

/** The first issue of a failed parse as `Field: reason`. */
function issueText(issues: readonly v.BaseIssue<unknown>[]): string {
  const [first] = toValidationIssues(issues);
  return first === undefined ? 'is invalid' : `${first.path === '' ? '' : `${first.path}: `}${first.reason}`;
}

/** One line's relation, or a usage error naming `name:line`. */
function relationOf(text: string, line: number, name: string): Relation {
  const refuse = (problem: string) => new UsageError(`${name}:${line}: ${problem}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw refuse(`not JSON: ${(error as Error).message}`);
  }
  const problem = problemOf(value);
  if (problem !== undefined) throw refuse(problem);
  const { From_Account: from, ...rest } = value as Record<string, unknown>;
  const owner = v.safeParse(userIdSchema, from);
  if (!owner.success) throw refuse(`From_Account: ${from === undefined ? 'is required' : issueText(owner.issues)}`);
  const entry = v.safeParse(entrySchema, { AddSource: defaultAddSource, ...rest });
  if (!entry.success) throw refuse(issueText(entry.issues));
  if (entry.output.To_Account === owner.output) throw refuse('To_Account is From_Account (an account cannot be its own friend)');
  return { line, from: owner.output, entry: entry.output };
}

/**
 * The relations of an NDJSON file, streamed (one line held at a time): one JSON object per line,
 * `From_Account`, `To_Account` and the other `AddFriendItem` fields of friend_import (`AddSource`
 * defaults to {@link defaultAddSource}); blank lines are skipped. A line that is not JSON, has an
 * unknown field or a bad value is a usage error naming `name:line` (see textLines for the file's
 * own checks). `digest` hears the file's size and SHA-256 once it was read to the end.
 */
export async function* relationsOf(path: string, name: string, digest?: (digest: FileDigest) => void): AsyncGenerator<Relation> {
  for await (const { text, line } of textLines(path, name, 'a relations file', digest)) {
    if (text.trim() === '') continue;
    yield relationOf(text, line, name);
  }
}
