/** Rows as left-aligned columns separated by two spaces, the header underlined. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // A fold, not Math.max(...lengths): a table has a row per account, too many to spread as arguments.
  const widths = header.map((title, column) => rows.reduce((width, row) => Math.max(width, (row[column] ?? '').length), title.length));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
