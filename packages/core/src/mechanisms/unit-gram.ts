/**
 * Cross products of fixed-effects-transformed columns for weighted resamples of units, without
 * rebuilding the resampled panel: a unit drawn w times enters as w distinct units.
 *
 * Per unit i keep C_i = Σ_t z̈_it z̈_it' of the unit-demeaned columns (unit, two-way effects) or of
 * the raw columns (none, time). For weights w_i the Gram matrix of the resample is
 *   G = Σ_i w_i C_i − Σ_t S_t S_t' / m_t,   S_t = Σ_i w_i z̈_it,  m_t = Σ_i w_i [i observed at t]
 * where the second term (time and two-way effects) sweeps out the period means of the resample.
 * For two-way effects this equals the two-way within transformation only on a balanced panel
 * (the projections commute); unbalanced two-way panels rebuild the resample and use the
 * alternating projections of ../estimators/within.ts instead.
 */
import { crossProduct, solveSpd } from '../linalg/dense.js';
import {
  groupMeans,
  withinTransform,
  type FixedEffectsKind,
  type PanelStructure,
} from '../estimators/within.js';

export interface UnitGram {
  /** Number of columns. */
  p: number;
  nunits: number;
  nperiods: number;
  /** N blocks of p×p row-major: C_i. */
  blocks: Float64Array;
  /** Base-transformed values, n×p row-major (for the period sums S_t). */
  base: Float64Array;
  /** Period means still to be swept out of each resample (time, two-way). */
  timeCorrection: boolean;
  structure: PanelStructure;
  /** Rows of unit i: rowsByUnit[unitStart[i] .. unitStart[i + 1]). */
  unitStart: Int32Array;
  rowsByUnit: Int32Array;
  /** Scratch for the period sums (reused: a UnitGram serves one replication at a time). */
  scratch: { sums: Float64Array; mass: Float64Array };
  /** Raw columns and effects, kept when a resample has to be rebuilt (unbalanced two-way). */
  rebuild?: { columns: Float64Array[]; effects: FixedEffectsKind };
}

/** Prepares C_i for `columns` (each of length n, rows in any order). O(n p²). */
export function buildUnitGram(
  columns: Float64Array[],
  structure: PanelStructure,
  effects: FixedEffectsKind,
): UnitGram {
  const p = columns.length;
  const n = structure.unitIndex.length;
  const { nunits, nperiods, unitIndex } = structure;
  const demean = effects === 'unit' || effects === 'twoways';
  const base = new Float64Array(n * p);
  columns.forEach((column, j) => {
    const means = demean ? groupMeans(column, unitIndex, nunits) : null;
    for (let r = 0; r < n; r++) base[r * p + j] = column[r]! - (means ? means[unitIndex[r]!]! : 0);
  });
  const blocks = new Float64Array(nunits * p * p);
  for (let r = 0; r < n; r++) {
    const offset = unitIndex[r]! * p * p;
    const row = r * p;
    for (let a = 0; a < p; a++) {
      const va = base[row + a]!;
      for (let b = 0; b <= a; b++) blocks[offset + a * p + b]! += va * base[row + b]!;
    }
  }
  for (let i = 0; i < nunits; i++) {
    const offset = i * p * p;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < a; b++) blocks[offset + b * p + a] = blocks[offset + a * p + b]!;
    }
  }
  const timeCorrection = effects === 'time' || effects === 'twoways';
  const unitStart = new Int32Array(nunits + 1);
  for (let r = 0; r < n; r++) unitStart[unitIndex[r]! + 1]!++;
  for (let i = 0; i < nunits; i++) unitStart[i + 1]! += unitStart[i]!;
  const rowsByUnit = new Int32Array(n);
  const fill = unitStart.slice(0, nunits);
  for (let r = 0; r < n; r++) rowsByUnit[fill[unitIndex[r]!]!++] = r;
  const scratch = { sums: new Float64Array(nperiods * p), mass: new Float64Array(nperiods) };
  const gram: UnitGram = {
    p,
    nunits,
    nperiods,
    blocks,
    base,
    timeCorrection,
    structure,
    unitStart,
    rowsByUnit,
    scratch,
  };
  if (effects === 'twoways' && !structure.balanced) gram.rebuild = { columns, effects };
  return gram;
}

/** G for unit weights w (multiplicities ≥ 0), p×p row-major. O(N p² + n p) (see the module comment). */
export function weightedGram(gram: UnitGram, weights: ArrayLike<number>): Float64Array {
  if (gram.rebuild) return rebuiltGram(gram, weights);
  const { p, nunits, nperiods, blocks, base } = gram;
  const pp = p * p;
  const out = new Float64Array(pp);
  for (let i = 0; i < nunits; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    const offset = i * pp;
    for (let e = 0; e < pp; e++) out[e]! += w * blocks[offset + e]!;
  }
  if (!gram.timeCorrection) return out;
  const { timeIndex } = gram.structure;
  const { unitStart, rowsByUnit } = gram;
  const { sums, mass } = gram.scratch;
  sums.fill(0);
  mass.fill(0);
  for (let i = 0; i < nunits; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    for (let k = unitStart[i]!; k < unitStart[i + 1]!; k++) {
      const r = rowsByUnit[k]!;
      const t = timeIndex[r]!;
      mass[t]! += w;
      for (let j = 0; j < p; j++) sums[t * p + j]! += w * base[r * p + j]!;
    }
  }
  for (let t = 0; t < nperiods; t++) {
    if (mass[t]! === 0) continue;
    const inverse = 1 / mass[t]!;
    for (let a = 0; a < p; a++) {
      const sa = sums[t * p + a]! * inverse;
      if (sa === 0) continue;
      for (let b = 0; b < p; b++) out[a * p + b]! -= sa * sums[t * p + b]!;
    }
  }
  return out;
}

/**
 * Grams of the sample without unit j (w = 1 except w_j = 0), for the jackknife, by downdating the
 * full-sample G instead of summing all units again. With the full sample's period means μ_t = S_t / m_t,
 *   G_(j) = G − C_j                                                  (no period means to sweep out)
 *   G_(j) = G − Σ_{t ∈ T_j} m_t/(m_t − 1) (z̈_jt − μ_t)(z̈_jt − μ_t)'  (time, two-way effects)
 * (the change of a centred cross product when one observation leaves its period: C_j cancels against
 * the change of S_t S_t'/m_t; a unit alone in its period changes nothing there). O(T_j p²) per unit
 * instead of O(N p² + n p). Rebuilt resamples (unbalanced two-way) have no such update and are summed.
 */
export function leaveOneUnitOutGrams(gram: UnitGram): (unit: number) => Float64Array {
  const { p, nunits, nperiods, blocks, base, unitStart, rowsByUnit } = gram;
  const ones = new Float64Array(nunits).fill(1);
  if (gram.rebuild) {
    return (unit) => {
      ones[unit] = 0;
      const g = weightedGram(gram, ones);
      ones[unit] = 1;
      return g;
    };
  }
  const full = weightedGram(gram, ones);
  const pp = p * p;
  if (!gram.timeCorrection) {
    return (unit) => {
      const out = full.slice();
      for (let e = 0; e < pp; e++) out[e]! -= blocks[unit * pp + e]!;
      return out;
    };
  }
  const { timeIndex } = gram.structure;
  const means = new Float64Array(nperiods * p);
  const mass = new Float64Array(nperiods);
  for (let r = 0; r < timeIndex.length; r++) {
    const t = timeIndex[r]!;
    mass[t]!++;
    for (let a = 0; a < p; a++) means[t * p + a]! += base[r * p + a]!;
  }
  for (let t = 0; t < nperiods; t++) {
    for (let a = 0; a < p; a++) if (mass[t]! > 0) means[t * p + a]! /= mass[t]!;
  }
  const deviation = new Float64Array(p);
  return (unit) => {
    const out = full.slice();
    for (let k = unitStart[unit]!; k < unitStart[unit + 1]!; k++) {
      const r = rowsByUnit[k]!;
      const t = timeIndex[r]!;
      const m = mass[t]!;
      if (m <= 1) continue;
      const c = m / (m - 1);
      for (let a = 0; a < p; a++) deviation[a] = base[r * p + a]! - means[t * p + a]!;
      for (let a = 0; a < p; a++) {
        const ca = c * deviation[a]!;
        for (let b = 0; b < p; b++) out[a * p + b]! -= ca * deviation[b]!;
      }
    }
    return out;
  };
}

/** The resample written out (copy c of unit i is a unit of its own) and transformed from scratch. */
function rebuiltGram(gram: UnitGram, weights: ArrayLike<number>): Float64Array {
  const { columns, effects } = gram.rebuild!;
  const { unitIndex, timeIndex, nunits, nperiods } = gram.structure;
  const rowsOf: number[][] = Array.from({ length: nunits }, () => []);
  for (let r = 0; r < unitIndex.length; r++) rowsOf[unitIndex[r]!]!.push(r);
  const rows: number[] = [];
  const newUnit: number[] = [];
  let copies = 0;
  for (let i = 0; i < nunits; i++) {
    for (let c = 0; c < weights[i]!; c++) {
      for (const r of rowsOf[i]!) {
        rows.push(r);
        newUnit.push(copies);
      }
      copies++;
    }
  }
  const structure: PanelStructure = {
    unitIndex: Int32Array.from(newUnit),
    timeIndex: Int32Array.from(rows, (r) => timeIndex[r]!),
    nunits: copies,
    nperiods,
    balanced: false,
  };
  const transformed = columns.map((column) =>
    withinTransform(
      Float64Array.from(rows, (r) => column[r]!),
      structure,
      effects,
    ),
  );
  return crossProduct(transformed);
}

/** The block G[rows, cols] (row-major |rows|×|cols|). */
export function submatrix(g: Float64Array, p: number, rows: number[], cols: number[]): Float64Array {
  const out = new Float64Array(rows.length * cols.length);
  rows.forEach((r, a) => cols.forEach((c, b) => (out[a * cols.length + b] = g[r * p + c]!)));
  return out;
}

/** Least-squares coefficients of column `response` on columns `regressors`, from a Gram matrix. */
export function regressionFromGram(
  g: Float64Array,
  p: number,
  regressors: number[],
  response: number,
): Float64Array {
  return solveSpd(
    submatrix(g, p, regressors, regressors),
    regressors.length,
    submatrix(g, p, regressors, [response]),
  );
}
