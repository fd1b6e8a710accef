/**
 * What an upload learns about a panel (ValidationReport) and the check of a spec's columns against it.
 */
import {
  SpilloverError,
  referencedColumns,
  type AnalysisSpec,
  type ColumnReport,
  type ValidationReport,
} from '@spillover/contracts';
import { parseCell, parsePanelCsv, type Panel } from '../data/panel.js';

/** Missing unit-periods listed in a report (the count covers all of them). */
const MISSING_LISTED = 20;

/** The ValidationReport of a parsed panel. */
export function panelReport(panel: Panel): ValidationReport {
  const nunits = panel.units.length;
  const nperiods = panel.times.length;
  const present = new Uint8Array(nunits * nperiods);
  for (let r = 0; r < panel.nrows; r++) present[panel.unitIndex[r]! * nperiods + panel.timeIndex[r]!] = 1;
  const missingUnitPeriods: ValidationReport['missingUnitPeriods'] = [];
  let missingUnitPeriodCount = 0;
  for (let u = 0; u < nunits; u++) {
    for (let t = 0; t < nperiods; t++) {
      if (present[u * nperiods + t]) continue;
      missingUnitPeriodCount++;
      if (missingUnitPeriods.length < MISSING_LISTED) {
        missingUnitPeriods.push({ unit: panel.units[u]!, time: panel.times[t]! });
      }
    }
  }
  const columns: ColumnReport[] = panel.columnNames.map((name) => {
    if (name === panel.unitColumn) {
      return {
        name,
        type: panel.units.every((u) => parseCell(u) !== undefined) ? 'numeric' : 'text',
        missing: 0,
      };
    }
    if (name === panel.timeColumn) {
      return { name, type: panel.times.every((t) => typeof t === 'number') ? 'numeric' : 'text', missing: 0 };
    }
    const text = panel.textColumns.get(name);
    const report: ColumnReport = {
      name,
      type: text ? 'text' : 'numeric',
      missing: panel.missing.get(name) ?? 0,
    };
    if (text) report.firstTextCell = text;
    return report;
  });
  return {
    rows: panel.nrows,
    unitColumn: panel.unitColumn,
    timeColumn: panel.timeColumn,
    units: nunits,
    periods: nperiods,
    timeValues: panel.times,
    balanced: missingUnitPeriodCount === 0,
    missingUnitPeriods,
    missingUnitPeriodCount,
    columns,
  };
}

/**
 * Parses and validates a panel CSV and describes it: columns typed numeric/text with missing
 * counts, balance and the missing unit-periods. Throws EMPTY_FILE | MALFORMED_CSV | MISSING_COLUMN | DUPLICATE_ROW.
 */
export function describePanel(csv: string, unitColumn: string, timeColumn: string): ValidationReport {
  return panelReport(parsePanelCsv(csv, unitColumn, timeColumn));
}

/**
 * Checks that every column a spec names exists in the panel and is numeric where it is a variable.
 * Throws INVALID_SPEC (unit/time differ from the dataset's), UNKNOWN_COLUMN or NON_NUMERIC_CELL, naming the field.
 */
export function checkSpecColumns(spec: AnalysisSpec, report: ValidationReport): void {
  const byName = new Map(report.columns.map((c) => [c.name, c]));
  for (const { field, column } of referencedColumns(spec)) {
    if (field === 'unit' || field === 'time') {
      const expected = field === 'unit' ? report.unitColumn : report.timeColumn;
      if (column !== expected) {
        throw new SpilloverError(
          'INVALID_SPEC',
          `${field}: the dataset's ${field} column is "${expected}", not "${column}"`,
          {
            field,
            column,
          },
        );
      }
      continue;
    }
    const info = byName.get(column);
    if (!info) {
      throw new SpilloverError('UNKNOWN_COLUMN', `${field}: column "${column}" is not in the panel`, {
        field,
        column,
      });
    }
    if (column === report.unitColumn || column === report.timeColumn) {
      throw new SpilloverError(
        'INVALID_SPEC',
        `${field}: column "${column}" is the panel's id column and cannot be a variable`,
        {
          field,
          column,
        },
      );
    }
    if (info.type === 'text') {
      const cell = info.firstTextCell;
      throw new SpilloverError(
        'NON_NUMERIC_CELL',
        `${field}: column "${column}" is not numeric${cell ? `: line ${cell.row} holds "${cell.value}"` : ''}`,
        { field, column, row: cell?.row },
      );
    }
  }
}
