/**
 * Variable transformations of a long panel, on columns in the panel's row order. Missing values
 * (NaN) stay missing. `group` arrays give each row its block for 'pooled' (all 0) or 'per-period'
 * (the period index) statistics. `rowLabel(r)` names a row in error messages.
 */
import { SpilloverError } from '@spillover/contracts';

export type RowLabel = (row: number) => string;

/** ln x; x ≤ 0 is an error naming the row (VALIDATION_FAILED). */
export function logValues(x: Float64Array, label: string, rowLabel: RowLabel): Float64Array {
  return Float64Array.from(x, (v, r) => {
    if (v <= 0) {
      throw new SpilloverError(
        'VALIDATION_FAILED',
        `${label}: ln needs values > 0, but ${rowLabel(r)} holds ${v}`,
        { value: v },
      );
    }
    return Math.log(v);
  });
}

/** ln(1 + x), computed with log1p; x ≤ −1 is an error naming the row. */
export function log1pValues(x: Float64Array, label: string, rowLabel: RowLabel): Float64Array {
  return Float64Array.from(x, (v, r) => {
    if (v <= -1) {
      throw new SpilloverError(
        'VALIDATION_FAILED',
        `${label}: ln(1 + x) needs values > −1, but ${rowLabel(r)} holds ${v}`,
        { value: v },
      );
    }
    return Math.log1p(v);
  });
}

/**
 * The row of each unit's value `order` periods earlier, or −1. With integer periods (years) the
 * earlier period is t − order by value (a gap in the panel gives a missing lag); otherwise it is
 * `order` positions earlier in the sorted period list. Rows are found by (unit, period), so the
 * row order does not matter; two rows with the same unit and period are a DUPLICATE_ROW error.
 */
export function laggedRows(
  unitIndex: Int32Array,
  timeIndex: Int32Array,
  times: readonly (number | string)[],
  nunits: number,
  order: number,
  rowLabel: RowLabel,
): Int32Array {
  const nperiods = times.length;
  const rowAt = new Int32Array(nunits * nperiods).fill(-1);
  for (let r = 0; r < unitIndex.length; r++) {
    const cell = unitIndex[r]! * nperiods + timeIndex[r]!;
    if (rowAt[cell]! >= 0) {
      throw new SpilloverError(
        'DUPLICATE_ROW',
        `a lag needs one row per unit and period, but ${rowLabel(rowAt[cell]!)} and ${rowLabel(r)} coincide`,
        {},
      );
    }
    rowAt[cell] = r;
  }
  const integerTimes = times.every((t) => typeof t === 'number' && Number.isInteger(t));
  const byValue = new Map<number | string, number>(times.map((t, i) => [t, i]));
  const earlier = Int32Array.from(times, (t, i) => {
    if (!integerTimes) return i - order;
    return byValue.get((t as number) - order) ?? -1;
  });
  return Int32Array.from(unitIndex, (u, r) => {
    const t = earlier[timeIndex[r]!]!;
    return t >= 0 ? rowAt[u * nperiods + t]! : -1;
  });
}

/** x at the rows given (NaN where the row is −1). */
export function takeRows(x: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (from) => (from >= 0 ? x[from]! : NaN));
}

/** Non-missing values of each block, sorted ascending. */
function sortedBlocks(x: Float64Array, group: Int32Array, ngroups: number): Float64Array[] {
  const lists: number[][] = Array.from({ length: ngroups }, () => []);
  for (let r = 0; r < x.length; r++) if (!Number.isNaN(x[r]!)) lists[group[r]!]!.push(x[r]!);
  return lists.map((list) => Float64Array.from(list).sort());
}

/**
 * Sample quantile of sorted values, Hyndman & Fan (1996) type 7 (R's default, numpy's `linear`):
 * h = (n − 1) p, Q = x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)), 0-based order statistics.
 */
export function quantileType7(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Winsorising: x clamped to [Q(lower), Q(upper)] of its block (type-7 quantiles). */
export function winsorize(
  x: Float64Array,
  group: Int32Array,
  ngroups: number,
  lower: number,
  upper: number,
): Float64Array {
  const blocks = sortedBlocks(x, group, ngroups);
  const lo = blocks.map((b) => quantileType7(b, lower));
  const hi = blocks.map((b) => quantileType7(b, upper));
  return Float64Array.from(x, (v, r) =>
    Number.isNaN(v) ? NaN : Math.min(Math.max(v, lo[group[r]!]!), hi[group[r]!]!),
  );
}

/** Mean and sample standard deviation (n − 1) of each block's non-missing values. */
export function blockMoments(
  x: Float64Array,
  group: Int32Array,
  ngroups: number,
): { n: Int32Array; mean: Float64Array; sd: Float64Array } {
  const n = new Int32Array(ngroups);
  const mean = new Float64Array(ngroups);
  const ss = new Float64Array(ngroups);
  // Welford's update, stable for large levels
  for (let r = 0; r < x.length; r++) {
    const v = x[r]!;
    if (Number.isNaN(v)) continue;
    const g = group[r]!;
    const count = ++n[g]!;
    const delta = v - mean[g]!;
    mean[g] += delta / count;
    ss[g] += delta * (v - mean[g]!);
  }
  const sd = Float64Array.from(ss, (s, g) => (n[g]! > 1 ? Math.sqrt(s / (n[g]! - 1)) : NaN));
  return { n, mean, sd };
}

/** z = (x − mean) / sd within the block; a block with sd = 0 or fewer than 2 values is an error naming it. */
export function standardize(
  x: Float64Array,
  group: Int32Array,
  ngroups: number,
  label: string,
  blockLabel: (g: number) => string,
): Float64Array {
  const { n, mean, sd } = blockMoments(x, group, ngroups);
  for (let g = 0; g < ngroups; g++) {
    if (n[g]! > 0 && !(sd[g]! > 0)) {
      throw new SpilloverError(
        'INSUFFICIENT_DATA',
        `${label}: cannot standardise ${blockLabel(g)}: ${n[g]! < 2 ? 'fewer than 2 values' : 'zero variance'}`,
        {},
      );
    }
  }
  return Float64Array.from(x, (v, r) => (v - mean[group[r]!]!) / sd[group[r]!]!);
}

/** 1 when x is above its block's median (type 7, i.e. the usual median), 0 otherwise. */
export function medianSplit(x: Float64Array, group: Int32Array, ngroups: number): Float64Array {
  const medians = sortedBlocks(x, group, ngroups).map((b) => quantileType7(b, 0.5));
  return Float64Array.from(x, (v, r) => (Number.isNaN(v) ? NaN : v > medians[group[r]!]! ? 1 : 0));
}

/** Product of the columns, each centred on its mean over its non-missing rows when `center`. */
export function interact(columns: Float64Array[], center: boolean): Float64Array {
  const n = columns[0]!.length;
  const out = new Float64Array(n).fill(1);
  for (const column of columns) {
    const shift = center ? blockMoments(column, new Int32Array(n), 1).mean[0]! : 0;
    for (let r = 0; r < n; r++) out[r] *= column[r]! - shift;
  }
  return out;
}
