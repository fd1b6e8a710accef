import { SpilloverError } from '@spillover/contracts';
import { requireNumericColumn, type Panel } from '@spillover/core';

/**
 * Per-unit values of a panel column, in the order of `panel.units`. Builders need one value per unit;
 * these turn a long panel into that and name the unit when it cannot be done.
 */

function noValue(column: string, field: string, unit: string): SpilloverError {
  return new SpilloverError('INVALID_WEIGHTS', `${field}: column "${column}" has no value for unit ${unit}`, {
    field,
    column,
    unit,
  });
}

/**
 * Each unit's value of a column that must not change over time (coordinates): its first non-missing
 * value. A unit holding two different values is an error naming the unit and both lines.
 */
export function constantPerUnit(panel: Panel, column: string, field: string): Float64Array {
  const values = requireNumericColumn(panel, column, field);
  const out = new Float64Array(panel.units.length).fill(NaN);
  const firstRow = new Int32Array(panel.units.length).fill(-1);
  for (let r = 0; r < panel.nrows; r++) {
    const value = values[r]!;
    if (Number.isNaN(value)) continue;
    const u = panel.unitIndex[r]!;
    if (firstRow[u]! < 0) {
      out[u] = value;
      firstRow[u] = r;
    } else if (out[u] !== value) {
      const unit = panel.units[u]!;
      const lines = [panel.lines[firstRow[u]!]!, panel.lines[r]!];
      throw new SpilloverError(
        'INVALID_WEIGHTS',
        `${field}: column "${column}" changes over time for unit ${unit} (${out[u]} on line ${lines[0]}, ${value} on line ${lines[1]}); coordinates must be the same in every period`,
        { field, column, unit, rows: lines },
      );
    }
  }
  const missing = firstRow.findIndex((row) => row < 0);
  if (missing >= 0) throw noValue(column, field, panel.units[missing]!);
  return out;
}

/** Each unit's mean of a column over its non-missing periods. */
export function meanPerUnit(panel: Panel, column: string, field: string): Float64Array {
  const values = requireNumericColumn(panel, column, field);
  const sums = new Float64Array(panel.units.length);
  const counts = new Int32Array(panel.units.length);
  for (let r = 0; r < panel.nrows; r++) {
    const value = values[r]!;
    if (Number.isNaN(value)) continue;
    sums[panel.unitIndex[r]!]! += value;
    counts[panel.unitIndex[r]!]!++;
  }
  const missing = counts.findIndex((count) => count === 0);
  if (missing >= 0) throw noValue(column, field, panel.units[missing]!);
  return sums.map((sum, u) => sum / counts[u]!);
}
