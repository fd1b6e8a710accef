/**
 * Matching weights to a panel's units by id (never by position), validation and row standardisation.
 */
import { SpilloverError } from '@spillover/contracts';
import type { SpatialWeights, WeightTriplets } from './types.js';

export interface WeightsOptions {
  /** `row` (default): divide each row by its sum; `none`: use as given. */
  style?: 'row' | 'none';
  /** Units without neighbours are an error unless true (their rows stay zero). */
  allowIslands?: boolean;
}

const MAX_LISTED = 20;

function listUnits(units: string[]): string {
  const shown = units.slice(0, MAX_LISTED).join(', ');
  return units.length > MAX_LISTED ? `${shown} … (${units.length} in all)` : shown;
}

/**
 * Builds W (CSR) with rows and columns in the order of `units`. Throws INVALID_WEIGHTS naming the units:
 * ids of the panel missing from W and ids of W missing from the panel, a non-zero diagonal, negative
 * or non-finite weights, and units without neighbours (unless allowIslands).
 */
export function matchWeights(
  t: WeightTriplets,
  units: string[],
  options: WeightsOptions = {},
): SpatialWeights {
  const style = options.style ?? 'row';
  const n = units.length;
  const position = new Map<string, number>();
  units.forEach((u, i) => position.set(u, i));
  const inWeights = new Set(t.ids);
  const missing = units.filter((u) => !inWeights.has(u));
  const extra = t.ids.filter((u) => !position.has(u));
  if (missing.length > 0 || extra.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`units in the panel but not in ${t.label}: ${listUnits(missing)}`);
    if (extra.length > 0) parts.push(`units in ${t.label} but not in the panel: ${listUnits(extra)}`);
    throw new SpilloverError('INVALID_WEIGHTS', parts.join('; '), {
      units: [...missing, ...extra],
      missing,
      extra,
    });
  }
  const map = Int32Array.from(t.ids, (id) => position.get(id)!);
  const counts = new Int32Array(n + 1);
  const diagonal: string[] = [];
  for (let e = 0; e < t.from.length; e++) {
    const i = map[t.from[e]!]!;
    const j = map[t.to[e]!]!;
    const w = t.weight[e]!;
    if (!Number.isFinite(w) || w < 0) {
      throw new SpilloverError(
        'INVALID_WEIGHTS',
        `${t.label}: weight ${units[i]} → ${units[j]} is ${w}; weights must be finite and non-negative`,
        {
          units: [units[i]!, units[j]!],
        },
      );
    }
    if (i === j) diagonal.push(units[i]!);
    counts[i + 1]!++;
  }
  if (diagonal.length > 0) {
    throw new SpilloverError(
      'INVALID_WEIGHTS',
      `${t.label}: the diagonal must be zero (a unit is not its own neighbour): ${listUnits(diagonal)}`,
      {
        units: diagonal,
      },
    );
  }
  for (let i = 0; i < n; i++) counts[i + 1]! += counts[i]!;
  const rowPtr = Int32Array.from(counts);
  const col = new Int32Array(t.from.length);
  const val = new Float64Array(t.from.length);
  const fill = Int32Array.from(counts.subarray(0, n));
  for (let e = 0; e < t.from.length; e++) {
    const i = map[t.from[e]!]!;
    const p = fill[i]!++;
    col[p] = map[t.to[e]!]!;
    val[p] = t.weight[e]!;
  }
  sortRows(rowPtr, col, val, n);
  const islands = units.filter((_, i) => rowPtr[i + 1] === rowPtr[i]);
  if (islands.length > 0 && !options.allowIslands) {
    throw new SpilloverError(
      'INVALID_WEIGHTS',
      `${t.label}: units without neighbours (islands): ${listUnits(islands)}; set weights.allowIslands to keep them`,
      { units: islands },
    );
  }
  const w: SpatialWeights = { ids: units.slice(), n, rowPtr, col, val, style: 'none' };
  const symmetric = isSymmetric(w);
  if (style === 'row') {
    const sums = rowSumsOf(w);
    for (let i = 0; i < n; i++) {
      const s = sums[i]!;
      if (s > 0) for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) val[p]! /= s;
    }
    w.style = 'row';
    if (symmetric && islands.length === 0) w.symmetricRowSums = sums;
  } else if (symmetric) {
    w.symmetricRowSums = new Float64Array(n).fill(1);
  }
  return w;
}

export function rowSumsOf(w: SpatialWeights): Float64Array {
  const sums = new Float64Array(w.n);
  for (let i = 0; i < w.n; i++) for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) sums[i]! += w.val[p]!;
  return sums;
}

/** Sorts each row's entries by column (insertion sort: rows are short). */
function sortRows(rowPtr: Int32Array, col: Int32Array, val: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i]! + 1; p < rowPtr[i + 1]!; p++) {
      const c = col[p]!;
      const v = val[p]!;
      let q = p - 1;
      while (q >= rowPtr[i]! && col[q]! > c) {
        col[q + 1] = col[q]!;
        val[q + 1] = val[q]!;
        q--;
      }
      col[q + 1] = c;
      val[q + 1] = v;
    }
  }
}

/** Exact symmetry (w_ij = w_ji for all pairs) of a CSR matrix with sorted rows. */
export function isSymmetric(w: SpatialWeights): boolean {
  const { rowPtr, col, val, n } = w;
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
      const j = col[p]!;
      let lo = rowPtr[j]!;
      let hi = rowPtr[j + 1]! - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (col[mid]! === i) {
          found = mid;
          break;
        }
        if (col[mid]! < i) lo = mid + 1;
        else hi = mid - 1;
      }
      if (found < 0 || val[found] !== val[p]) return false;
    }
  }
  return true;
}
