import { tableLayout, type ResultRecord, type ResultTable } from './result-table.js';

/**
 * Where an endpoint command's answers go, as they arrive: a batch call's one answer, or a walk's
 * pages one by one, so that the first lines print before the last page is fetched.
 */
export interface CommandOutput {
  /** One answer: the whole answer of a batch call, or one page of a walk. */
  readonly page: (answer: ResultRecord) => void;
  /** After the last answer; `accounts` are the ids given, to tell collapsed duplicates. */
  readonly end: (accounts: readonly string[] | undefined) => void;
}

/**
 * `5 ids, 2 duplicates` when the ids given repeat accounts, else undefined: the SDK answers each
 * account once, and an operator should hear that some were collapsed rather than lose them silently.
 */
function duplicatesNote(ids: readonly string[] | undefined): string | undefined {
  const duplicates = ids === undefined ? 0 : ids.length - new Set(ids).size;
  if (ids === undefined || duplicates === 0) return undefined;
  return `${ids.length} ids, ${duplicates} duplicate${duplicates === 1 ? '' : 's'}`;
}

/**
 * `--json`: each answer as the API's JSON, one document per answer (a walk prints one per page).
 * Collapsed duplicates are told on stderr (`note`), so stdout stays the API's answer.
 */
export function jsonOutput(print: (text: string) => void, note: (text: string) => void): CommandOutput {
  return {
    page: (answer) => print(JSON.stringify(answer, null, 2)),
    end: (accounts) => {
      const duplicates = duplicatesNote(accounts);
      if (duplicates !== undefined) note(`${duplicates}: the answer lists each account once`);
    },
  };
}

/**
 * `--ndjson`: one JSON line per result as its part or page arrives (a walk's items, a batch
 * call's per-account results), so that a pipe can start on the first before the last is fetched.
 */
export function ndjsonOutput(items: string, print: (text: string) => void): CommandOutput {
  return {
    page: (answer) => {
      const list = answer[items];
      if (Array.isArray(list)) for (const item of list) print(JSON.stringify(item));
    },
    end: () => undefined,
  };
}

/** A table of the results, page by page, then the summary: `3 accounts, 1 failed (4 ids, 1 duplicate)`. */
export function tableOutput(table: ResultTable, print: (text: string) => void): CommandOutput {
  const layout = tableLayout(table.header);
  let results = 0;
  let failed = 0;
  return {
    page: (answer) => {
      const list = answer[table.items];
      const items = Array.isArray(list) ? (list as ResultRecord[]) : [];
      results += items.length;
      if (table.failed !== undefined) failed += items.filter(table.failed).length;
      const lines = layout(items.map(table.row));
      if (lines.length > 0) print(lines.join('\n'));
    },
    end: (accounts) => {
      const duplicates = duplicatesNote(accounts);
      const failures = table.failed === undefined ? '' : `, ${failed} failed`;
      print(`${results} account${results === 1 ? '' : 's'}${failures}${duplicates === undefined ? '' : ` (${duplicates})`}`);
    },
  };
}
