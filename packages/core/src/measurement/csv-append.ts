/**
 * Writes a new version of a CSV with columns appended (RFC 4180: a field holding a comma, quote or
 * line break is quoted, quotes doubled). Numbers are written in JavaScript's shortest round-trip
 * form; NaN and ±Infinity become empty (missing) cells. Line ends are LF.
 */
import { SpilloverError } from '@spillover/contracts';
import { parseCsv } from '../data/csv.js';

export interface AppendedColumn {
  name: string;
  /** One value per data row, in the CSV's row order. */
  values: ArrayLike<number>;
}

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** CSV text of a header and rows of fields (quoted where needed, LF line ends). */
export function formatCsv(header: string[], rows: string[][]): string {
  return `${[header, ...rows].map((fields) => fields.map(quoteField).join(',')).join('\n')}\n`;
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** The CSV text with `columns` appended; a name already in the header or a wrong length is an error. */
export function appendColumnsToCsv(csv: string, columns: AppendedColumn[], fileLabel = 'panel CSV'): string {
  const { header, records } = parseCsv(csv, fileLabel);
  const names = new Set(header);
  for (const column of columns) {
    if (names.has(column.name)) {
      throw new SpilloverError(
        'CONFLICT',
        `${fileLabel} already has a column "${column.name}"; choose another output name`,
        {
          column: column.name,
        },
      );
    }
    names.add(column.name);
    if (column.values.length !== records.length) {
      throw new SpilloverError(
        'VALIDATION_FAILED',
        `column "${column.name}" has ${column.values.length} values for ${records.length} rows`,
        {
          column: column.name,
        },
      );
    }
  }
  return formatCsv(
    [...header, ...columns.map((c) => c.name)],
    records.map((record, r) => [...record.fields, ...columns.map((c) => formatNumber(c.values[r]!))]),
  );
}
