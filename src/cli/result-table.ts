import type { AnyEndpoint } from '../endpoints/define-endpoint.js';
import { arrayItem, objectEntries } from '../endpoints/schema-shape.js';
import { isStringList } from './request-flags.js';

/** One result as the table reads it: a batch answer's per-account result, or a page's item. */
export type ResultRecord = Readonly<Record<string, unknown>>;

/** How an endpoint's results become the rows of a table. */
export interface ResultTable {
  /** The answer field holding the results: `InfoItem`, `ResultItem`, `UserDataItem` … */
  readonly items: string;
  readonly header: readonly string[];
  readonly row: (item: ResultRecord) => string[];
  /** Whether a result failed; undefined when results carry no `ResultCode`. */
  readonly failed: ((item: ResultRecord) => boolean) | undefined;
}

interface Column {
  readonly header: string;
  readonly cell: (item: ResultRecord) => string;
}

/** A list of `{ Tag, Value }` pairs: friend and profile fields. */
const isTagList = (schema: unknown) => {
  const entries = objectEntries(arrayItem(schema));
  return entries !== undefined && 'Tag' in entries && 'Value' in entries;
};

const shortTag = (tag: string) => tag.replace(/^Tag_(Profile|SNS)_(IM_)?/, '');

const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

const tagsOf = (item: ResultRecord, field: string) => {
  const list = item[field];
  return Array.isArray(list) ? (list as readonly { readonly Tag?: unknown; readonly Value?: unknown }[]) : [];
};

const isFailed = (item: ResultRecord) => item.ResultCode !== 0;

/**
 * A result field's columns: a tag/value list gives one column per tag asked (`asked`, the
 * request's list of tag names), or without one a single column of `Tag=value` pairs; any other
 * field one column, its API enum values (`CheckResult_Type_BothWay`) without their `…_Type_`
 * prefix, `-` on a failed result, where the value means nothing.
 */
function fieldColumns(field: string, schema: unknown, asked: readonly string[] | undefined, coded: boolean): Column[] {
  if (isTagList(schema)) {
    if (asked === undefined) {
      const pairs = (item: ResultRecord) => tagsOf(item, field).map(({ Tag, Value }) => `${shortTag(String(Tag))}=${text(Value)}`);
      return [{ header: field, cell: (item) => pairs(item).join(' · ') }];
    }
    return asked.map((tag) => ({ header: shortTag(tag), cell: (item) => text(tagsOf(item, field).find(({ Tag }) => Tag === tag)?.Value) }));
  }
  const shown = (value: unknown) => (typeof value === 'string' ? value.replace(/^\w*?_Type_(?=\w)/, '') : text(value));
  return [{ header: field, cell: (item) => (coded && isFailed(item) ? '-' : shown(item[field])) }];
}

/**
 * The table of an endpoint's results, for a request `body`: the results' key column, their own
 * fields (friend_check's `Relation`, friend_get_list's asked tags), and `Result` (`ok` or the
 * code and its text) when results carry a `ResultCode`. Undefined for an endpoint without a
 * list of results (neither batch nor paged): its answer is printed as JSON.
 */
export function resultTable(endpoint: AnyEndpoint, body: ResultRecord): ResultTable | undefined {
  const items = endpoint.batch?.results ?? endpoint.paged?.items;
  if (items === undefined) return undefined;
  const key = endpoint.batch?.key ?? 'To_Account';
  const entries = objectEntries(arrayItem(objectEntries(endpoint.response)?.[items])) ?? {};
  const coded = 'ResultCode' in entries;
  // The tags asked: the request's list of strings that is not the list of accounts (TagList).
  const request = objectEntries(endpoint.request) ?? {};
  const tagField = Object.keys(request).find((field) => field !== endpoint.batch?.list && isStringList(request[field]));
  const asked = tagField === undefined ? undefined : (body[tagField] as readonly string[] | undefined);
  const own = Object.entries(entries).filter(([field]) => ![key, 'ResultCode', 'ResultInfo'].includes(field));
  const columns: Column[] = [
    { header: key, cell: (item) => text(item[key]) },
    ...own.flatMap(([field, schema]) => fieldColumns(field, schema, asked, coded)),
    ...(coded ? [{ header: 'Result', cell: (item: ResultRecord) => (isFailed(item) ? `${text(item.ResultCode)} ${text(item.ResultInfo)}`.trim() : 'ok') }] : []),
  ];
  return {
    items,
    header: columns.map((column) => column.header),
    row: (item) => columns.map((column) => column.cell(item)),
    failed: coded ? isFailed : undefined,
  };
}

/**
 * Lays out rows as left-aligned columns two spaces apart, the header underlined. The widths are
 * those of the header and the first rows: later rows (a walk's next pages) print as they come,
 * a longer cell pushing the rest of its row right. Each call returns the lines to print.
 */
export function tableLayout(header: readonly string[]): (rows: readonly (readonly string[])[]) => string[] {
  let widths: number[] | undefined;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
      .join('  ')
      .trimEnd();
  return (rows) => {
    if (widths !== undefined) return rows.map(line);
    // A fold, not Math.max(...lengths): a table has a row per account, too many to spread as arguments.
    widths = header.map((title, column) => rows.reduce((width, row) => Math.max(width, (row[column] ?? '').length), title.length));
    return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
  };
}
