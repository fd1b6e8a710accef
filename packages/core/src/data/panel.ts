/**
 * Long-format panel data: one CSV row per unit and period. Parsing checks the unit and time
 * columns, rejects duplicate unit-periods and types every other column (numeric, or text when a
 * cell is not a number). `selectSample` then takes the rows an analysis needs.
 */
import { SpilloverError } from '@spillover/contracts';
import { parseCsv } from './csv.js';

export interface Panel {
  unitColumn: string;
  timeColumn: string;
  /** Distinct unit ids, in order of first appearance. */
  units: string[];
  /** Distinct periods, sorted ascending (numbers when every value is numeric). */
  times: (number | string)[];
  /** Per CSV row: index into `units`. */
  unitIndex: Int32Array;
  /** Per CSV row: index into `times`. */
  timeIndex: Int32Array;
  /** Every non-id column parsed as numbers; NaN = missing (empty, NA, NaN, ., null) or text. */
  columns: Map<string, Float64Array>;
  /** Columns holding a non-numeric cell → the first such cell (CSV line number, 1-based incl. header). */
  textColumns: Map<string, { row: number; value: string }>;
  /** The cells (trimmed) of every text column, per CSV row: lets an analysis use text labels (e.g. groups). */
  textValues?: Map<string, string[]>;
  /** Missing cells per non-id column. */
  missing: Map<string, number>;
  /** Header names in file order. */
  columnNames: string[];
  /** Per CSV row: its line number in the file (for messages). */
  lines: Int32Array;
  nrows: number;
}

const MISSING_TOKENS = new Set(['', 'na', 'nan', '.', 'null', 'n/a']);
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number a cell holds, NaN when missing, or undefined when it is text. */
export function parseCell(raw: string): number | undefined {
  // fast path for a plain decimal number: starts with a digit, sign or point, ends with a digit or point
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  if (
    ((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46) &&
    ((last >= 48 && last <= 57) || last === 46) &&
    !/[xXbBoO_]/.test(raw)
  ) {
    const value = Number(raw);
    if (Number.isFinite(value)) return value;
  }
  const value = raw.trim();
  if (MISSING_TOKENS.has(value.toLowerCase())) return NaN;
  return NUMBER_PATTERN.test(value) ? Number(value) : undefined;
}

function isMissing(raw: string): boolean {
  return MISSING_TOKENS.has(raw.trim().toLowerCase());
}

/**
 * Parses a panel CSV. Throws EMPTY_FILE, MALFORMED_CSV (line), MISSING_COLUMN (unit or time column,
 * listing the available columns), DUPLICATE_ROW (both lines, the unit and period).
 */
export function parsePanelCsv(csv: string, unitColumn: string, timeColumn: string): Panel {
  const { header, records } = parseCsv(csv, 'panel CSV');
  if (records.length === 0) throw new SpilloverError('EMPTY_FILE', 'panel CSV has a header but no data rows');
  const unitPosition = header.indexOf(unitColumn);
  const timePosition = header.indexOf(timeColumn);
  for (const [role, name, position] of [
    ['unit', unitColumn, unitPosition],
    ['time', timeColumn, timePosition],
  ] as const) {
    if (position < 0) {
      throw new SpilloverError(
        'MISSING_COLUMN',
        `the ${role} column "${name}" is not in the panel; available columns: ${header.join(', ')}`,
        { column: name, field: role, available: header },
      );
    }
  }
  const nrows = records.length;
  const lines = new Int32Array(nrows);

  // unit ids in order of first appearance
  const units: string[] = [];
  const unitLookup = new Map<string, number>();
  const unitIndex = new Int32Array(nrows);
  const rawTimes: string[] = new Array(nrows);
  records.forEach((record, r) => {
    lines[r] = record.line;
    const unit = record.fields[unitPosition]!.trim();
    const time = record.fields[timePosition]!.trim();
    if (unit === '') {
      throw new SpilloverError(
        'MALFORMED_CSV',
        `panel CSV line ${record.line}: the unit column "${unitColumn}" is empty`,
        {
          row: record.line,
          column: unitColumn,
        },
      );
    }
    if (isMissing(time)) {
      throw new SpilloverError(
        'MALFORMED_CSV',
        `panel CSV line ${record.line}: the time column "${timeColumn}" is empty`,
        {
          row: record.line,
          column: timeColumn,
          unit,
        },
      );
    }
    let u = unitLookup.get(unit);
    if (u === undefined) {
      u = units.length;
      units.push(unit);
      unitLookup.set(unit, u);
    }
    unitIndex[r] = u;
    rawTimes[r] = time;
  });

  const { times, timeIndex } = indexTimes(rawTimes);
  rejectDuplicates(units, times, unitIndex, timeIndex, lines);

  const columns = new Map<string, Float64Array>();
  const textColumns = new Map<string, { row: number; value: string }>();
  const missing = new Map<string, number>();
  const textValues = new Map<string, string[]>();
  header.forEach((name, c) => {
    if (c === unitPosition || c === timePosition) return;
    const values = new Float64Array(nrows);
    let missingCount = 0;
    for (let r = 0; r < nrows; r++) {
      const raw = records[r]!.fields[c]!;
      const value = parseCell(raw);
      if (value === undefined) {
        values[r] = NaN;
        if (!textColumns.has(name)) textColumns.set(name, { row: lines[r]!, value: raw.trim() });
      } else {
        values[r] = value;
        if (Number.isNaN(value)) missingCount++;
      }
    }
    columns.set(name, values);
    missing.set(name, missingCount);
    if (textColumns.has(name)) {
      textValues.set(
        name,
        records.map((record) => record.fields[c]!.trim()),
      );
    }
  });

  return {
    unitColumn,
    timeColumn,
    units,
    times,
    unitIndex,
    timeIndex,
    columns,
    textColumns,
    textValues,
    missing,
    columnNames: header,
    lines,
    nrows,
  };
}

/** Distinct periods sorted ascending (numerically when every period is a number). */
function indexTimes(rawTimes: string[]): { times: (number | string)[]; timeIndex: Int32Array } {
  const distinct = [...new Set(rawTimes)];
  const numeric = distinct.every((t) => NUMBER_PATTERN.test(t));
  let times: (number | string)[];
  const lookup = new Map<string, number>();
  if (numeric) {
    const pairs = distinct.map((raw) => ({ raw, value: Number(raw) })).sort((a, b) => a.value - b.value);
    // "2000" and "2000.0" are the same period
    times = [];
    for (const { raw, value } of pairs) {
      if (times.length === 0 || times[times.length - 1] !== value) times.push(value);
      lookup.set(raw, times.length - 1);
    }
  } else {
    times = distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    times.forEach((t, i) => lookup.set(t as string, i));
  }
  const timeIndex = Int32Array.from(rawTimes, (t) => lookup.get(t)!);
  return { times, timeIndex };
}

function rejectDuplicates(
  units: string[],
  times: (number | string)[],
  unitIndex: Int32Array,
  timeIndex: Int32Array,
  lines: Int32Array,
): void {
  const nperiods = times.length;
  const seen = new Int32Array(units.length * nperiods).fill(-1);
  for (let r = 0; r < unitIndex.length; r++) {
    const cell = unitIndex[r]! * nperiods + timeIndex[r]!;
    const first = seen[cell]!;
    if (first >= 0) {
      const unit = units[unitIndex[r]!]!;
      const time = times[timeIndex[r]!]!;
      throw new SpilloverError(
        'DUPLICATE_ROW',
        `panel CSV lines ${lines[first]} and ${lines[r]} both hold unit "${unit}" in period ${time}`,
        { row: lines[r]!, rows: [lines[first]!, lines[r]!], unit, time },
      );
    }
    seen[cell] = r;
  }
}

/** Throws UNKNOWN_COLUMN or NON_NUMERIC_CELL unless `name` is a numeric column of the panel. */
export function requireNumericColumn(panel: Panel, name: string, field?: string): Float64Array {
  const where = field ? `${field}: ` : '';
  if (name === panel.unitColumn || name === panel.timeColumn) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `${where}column "${name}" is the panel's ${name === panel.unitColumn ? 'unit' : 'time'} id and cannot be a variable`,
      {
        field,
        column: name,
      },
    );
  }
  const values = panel.columns.get(name);
  if (!values) {
    throw new SpilloverError(
      'UNKNOWN_COLUMN',
      `${where}column "${name}" is not in the panel; available columns: ${panel.columnNames.join(', ')}`,
      { field, column: name },
    );
  }
  const text = panel.textColumns.get(name);
  if (text) {
    throw new SpilloverError(
      'NON_NUMERIC_CELL',
      `${where}column "${name}" is not numeric: line ${text.row} holds "${text.value}"`,
      { field, column: name, row: text.row, value: text.value },
    );
  }
  return values;
}

/** Rows of the variables needed by an analysis, listwise-deleted, sorted by (unit, time). */
export interface PanelSample {
  /** CSV row (0-based data row) of each sample observation, in (unit, time) order. */
  rows: Int32Array;
  /** Per observation: index into the sample's `units`. */
  unitIndex: Int32Array;
  /** Per observation: index into the sample's `times`. */
  timeIndex: Int32Array;
  nunits: number;
  nperiods: number;
  /** Units with at least one observation, in panel order. */
  units: string[];
  /** Periods with at least one observation, ascending. */
  times: (number | string)[];
  /** True when every unit is observed in every period of the sample. */
  balanced: boolean;
  /** Panel rows dropped because a needed variable is missing. */
  droppedRows: number;
  /** The values of a column at the sample's observations. */
  column(name: string): Float64Array;
}

/**
 * The complete-case sample for `variables` (listwise deletion), sorted by unit then time.
 * Throws UNKNOWN_COLUMN / NON_NUMERIC_CELL naming the column and cell; INSUFFICIENT_DATA when no row is complete.
 * `fields` optionally gives the spec field of each variable for messages.
 */
export function selectSample(panel: Panel, variables: string[], fields?: string[]): PanelSample {
  const sources = variables.map((name, i) => requireNumericColumn(panel, name, fields?.[i]));
  // walk the unit × period grid in order: rows come out sorted by (unit, time) without a sort
  const nperiods = panel.times.length;
  const rowAt = new Int32Array(panel.units.length * nperiods).fill(-1);
  for (let r = 0; r < panel.nrows; r++) rowAt[panel.unitIndex[r]! * nperiods + panel.timeIndex[r]!] = r;
  const kept: number[] = [];
  for (let cell = 0; cell < rowAt.length; cell++) {
    const r = rowAt[cell]!;
    if (r < 0) continue;
    let complete = true;
    for (const values of sources) {
      if (Number.isNaN(values[r]!)) {
        complete = false;
        break;
      }
    }
    if (complete) kept.push(r);
  }
  if (kept.length === 0) {
    throw new SpilloverError(
      'INSUFFICIENT_DATA',
      `no panel row has every variable present (${variables.join(', ')})`,
      {
        columns: variables,
      },
    );
  }
  const rows = Int32Array.from(kept);

  const unitMap = new Int32Array(panel.units.length).fill(-1);
  const timeMap = new Int32Array(panel.times.length).fill(-1);
  for (const r of kept) {
    unitMap[panel.unitIndex[r]!] = 1;
    timeMap[panel.timeIndex[r]!] = 1;
  }
  const units: string[] = [];
  const times: (number | string)[] = [];
  unitMap.forEach((used, u) => {
    if (used > 0) unitMap[u] = units.push(panel.units[u]!) - 1;
  });
  timeMap.forEach((used, t) => {
    if (used > 0) timeMap[t] = times.push(panel.times[t]!) - 1;
  });
  const unitIndex = new Int32Array(rows.length);
  const timeIndex = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    unitIndex[i] = unitMap[panel.unitIndex[rows[i]!]!]!;
    timeIndex[i] = timeMap[panel.timeIndex[rows[i]!]!]!;
  }

  const cache = new Map<string, Float64Array>();
  return {
    rows,
    unitIndex,
    timeIndex,
    nunits: units.length,
    nperiods: times.length,
    units,
    times,
    balanced: rows.length === units.length * times.length,
    droppedRows: panel.nrows - rows.length,
    column(name: string): Float64Array {
      let values = cache.get(name);
      if (!values) {
        const source = requireNumericColumn(panel, name);
        values = new Float64Array(rows.length);
        for (let i = 0; i < rows.length; i++) values[i] = source[rows[i]!]!;
        cache.set(name, values);
      }
      return values;
    },
  };
}

const LAG_PATTERN = /^L(\d*)\.(.+)$/;

/** Parses a lag term such as `L.x` or `L2.x` into (order, column); null when the name is not a lag. */
export function parseLagName(name: string): { order: number; column: string } | null {
  const match = LAG_PATTERN.exec(name);
  if (!match) return null;
  return { order: match[1] ? Number(match[1]) : 1, column: match[2]! };
}

/**
 * A copy of the panel with time-lagged columns added, e.g. `L.x` (x of the same unit in the
 * previous period of the panel's period list) or `L2.x`. A lag is missing (NaN) in a unit's first
 * periods and wherever that unit has no row in the earlier period.
 */
export function withLaggedColumns(panel: Panel, names: string[], fields?: string[]): Panel {
  const columns = new Map(panel.columns);
  const missing = new Map(panel.missing);
  const nperiods = panel.times.length;
  const rowAt = new Int32Array(panel.units.length * nperiods).fill(-1);
  for (let r = 0; r < panel.nrows; r++) rowAt[panel.unitIndex[r]! * nperiods + panel.timeIndex[r]!] = r;
  names.forEach((name, i) => {
    const lag = parseLagName(name);
    if (!lag || columns.has(name)) return;
    const source = requireNumericColumn(panel, lag.column, fields?.[i]);
    const values = new Float64Array(panel.nrows).fill(NaN);
    let count = 0;
    for (let r = 0; r < panel.nrows; r++) {
      const t = panel.timeIndex[r]! - lag.order;
      const from = t >= 0 ? rowAt[panel.unitIndex[r]! * nperiods + t]! : -1;
      if (from >= 0) values[r] = source[from]!;
      if (Number.isNaN(values[r]!)) count++;
    }
    columns.set(name, values);
    missing.set(name, count);
  });
  return {
    ...panel,
    columns,
    missing,
    columnNames: [...panel.columnNames, ...names.filter((n) => !panel.columns.has(n) && parseLagName(n))],
  };
}
