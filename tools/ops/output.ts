/** How the ops CLI answers: aligned text tables for people, `--json` for scripts. */

/** A mistake in how the CLI was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | undefined;
  align?: 'left' | 'right';
}

/** Rows as an aligned text table (a header, a rule, one line per row); `empty` when there are none. */
export function table<T>(rows: readonly T[], columns: ReadonlyArray<Column<T>>, empty = '(none)'): string {
  if (rows.length === 0) return `${empty}\n`;
  const cells = rows.map((row) => columns.map((column) => String(column.value(row) ?? '')));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((value, i) => (columns[i]!.align === 'right' ? value.padStart(widths[i]!) : value.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  return `${lines.join('\n')}\n`;
}

/** Writes `data` as JSON, or the text `render` makes of it. */
export function print<T>(data: T, asJson: boolean, render: (data: T) => string): void {
  process.stdout.write(asJson ? `${JSON.stringify(data, null, 2)}\n` : render(data));
}
