import type { ComparisonTable, TableCell, TableRow } from '@spillover/contracts';
import { formatFixed, formatFull, formatInteger } from './number-format.js';

/** First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * A text cell: a leading apostrophe where a spreadsheet would run it as a formula, then RFC 4180 quoting.
 * Numbers are written by `numberCell` and never get the apostrophe, so -0.03 stays a number.
 */
export function textCell(text: string): string {
  const safe = formulaStart.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface CsvOptions {
  /** Every number at full precision (round-trips to the stored double) instead of `table.digits` decimals. */
  raw?: boolean;
}

/**
 * The table as CSV, one line per number so it can be read back and checked: columns
 * `section,key,label,statistic,<one per model>`; an estimate gives lines `estimate`, `se`, `p` and `stars`,
 * a statistic one line `value`; the notes follow as `note` lines.
 */
export function renderCsv(table: ComparisonTable, options: CsvOptions = {}): string {
  const number = (row: TableRow, value: number | undefined) =>
    row.format === 'integer'
      ? formatInteger(value)
      : options.raw
        ? formatFull(value)
        : formatFixed(value, table.digits);
  const lines: string[] = [
    ['section', 'key', 'label', 'statistic', ...table.columns.map((c) => `${c.label} ${c.title}`)]
      .map(textCell)
      .join(','),
  ];
  const line = (section: string, row: TableRow, statistic: string, cells: string[]) =>
    lines.push(
      [textCell(section), textCell(row.key), textCell(row.label), textCell(statistic), ...cells].join(','),
    );
  const numbers = (row: TableRow, pick: (cell: TableCell) => number | undefined) =>
    row.cells.map((cell) => (cell ? number(row, pick(cell)) : ''));

  for (const section of table.sections) {
    for (const row of section.rows) {
      if (row.format === 'estimate') {
        line(
          section.id,
          row,
          'estimate',
          numbers(row, (c) => c.value),
        );
        line(
          section.id,
          row,
          'se',
          numbers(row, (c) => c.se),
        );
        line(
          section.id,
          row,
          'p',
          numbers(row, (c) => c.p),
        );
        line(
          section.id,
          row,
          'stars',
          row.cells.map((cell) => textCell(cell?.stars ?? '')),
        );
      } else if (row.format === 'text') {
        line(
          section.id,
          row,
          'value',
          row.cells.map((cell) => textCell(cell?.text ?? '')),
        );
      } else {
        line(
          section.id,
          row,
          'value',
          numbers(row, (c) => c.value),
        );
      }
    }
  }
  const padding = table.columns.slice(1).map(() => '');
  for (const note of table.notes) lines.push(['note', '', '', '', textCell(note), ...padding].join(','));
  return `${lines.join('\r\n')}\r\n`;
}
