/**
 * Split-sample regressions for heterogeneity analysis: the observations of each group form their
 * own panel (units and periods re-indexed), are transformed with the analysis's fixed effects
 * (or get an intercept) and fitted by least squares; plus the seemingly-unrelated covariance of all
 * groups' coefficients (Stata `suest` with clustering by unit; Weesie 1999):
 *   V = B (Σ_u s_u s_u') B · U/(U − 1),  B = blockdiag((X̃_g'X̃_g)⁻¹),  s_u = (Σ_{t∈g} x̃_ut ê_ut)_g stacked,
 * U the number of units; the test of b_g,j = b_h,j is χ²(1) = (b_g,j − b_h,j)² / (V_gg + V_hh − 2 V_gh).
 */
import { chiSquareSf } from '../stats/distributions.js';
import { fitLeastSquares } from '../estimators/least-squares.js';
import { withinTransform, type FixedEffectsKind, type PanelStructure } from '../estimators/within.js';

/** The panel structure of a subset of observations, units and periods re-indexed densely. */
export function subStructure(
  structure: PanelStructure,
  rows: Int32Array,
): PanelStructure & { units: Int32Array } {
  const unitMap = new Int32Array(structure.nunits).fill(-1);
  const timeMap = new Int32Array(structure.nperiods).fill(-1);
  const units: number[] = [];
  let nperiods = 0;
  for (const r of rows) {
    const u = structure.unitIndex[r]!;
    if (unitMap[u]! < 0) unitMap[u] = units.push(u) - 1;
    const t = structure.timeIndex[r]!;
    if (timeMap[t]! < 0) timeMap[t] = nperiods++;
  }
  return {
    unitIndex: Int32Array.from(rows, (r) => unitMap[structure.unitIndex[r]!]!),
    timeIndex: Int32Array.from(rows, (r) => timeMap[structure.timeIndex[r]!]!),
    nunits: units.length,
    nperiods,
    balanced: rows.length === units.length * nperiods,
    units: Int32Array.from(units),
  };
}

export interface GroupSlopes {
  /** Coefficient names (the intercept `(Intercept)` first without fixed effects). */
  names: string[];
  beta: Float64Array;
  /** Transformed regressors, residuals and (X̃'X̃)⁻¹ of the group's fit. */
  columns: Float64Array[];
  residuals: Float64Array;
  xtxInverse: Float64Array;
  /** Original unit index of each of the group's observations. */
  unitOf: Int32Array;
}

/**
 * Least squares of y on x over the observations `rows`, with the fixed effects `effects` of the
 * group's own panel (or an intercept when 'none'). Throws SINGULAR_DESIGN / INSUFFICIENT_DATA.
 */
export function fitGroupSlopes(
  y: Float64Array,
  x: Float64Array[],
  names: string[],
  structure: PanelStructure,
  effects: FixedEffectsKind,
  rows: Int32Array,
): GroupSlopes {
  const sub = subStructure(structure, rows);
  const pick = (column: Float64Array): Float64Array => Float64Array.from(rows, (r) => column[r]!);
  const transform = (column: Float64Array): Float64Array => withinTransform(pick(column), sub, effects);
  const columns = x.map(transform);
  const allNames = [...names];
  if (effects === 'none') {
    columns.unshift(new Float64Array(rows.length).fill(1));
    allNames.unshift('(Intercept)');
  }
  const fit = fitLeastSquares(columns, allNames, transform(y));
  return {
    names: allNames,
    beta: fit.beta,
    columns,
    residuals: fit.residuals,
    xtxInverse: fit.xtxInverse,
    unitOf: Int32Array.from(rows, (r) => structure.unitIndex[r]!),
  };
}

/** Joint covariance of the stacked coefficients of all groups, clustered by unit (see the module comment). */
export function suestCovariance(
  groups: GroupSlopes[],
  nunits: number,
): { vcov: Float64Array; offsets: number[]; size: number } {
  const offsets: number[] = [];
  let size = 0;
  for (const g of groups) {
    offsets.push(size);
    size += g.beta.length;
  }
  // scores per unit, each group's block (X̃_g'X̃_g)⁻¹ Σ x̃ ê applied already (B s_u)
  const scores = new Float64Array(nunits * size);
  const present = new Uint8Array(nunits);
  groups.forEach((g, index) => {
    const k = g.beta.length;
    const raw = new Float64Array(nunits * k);
    for (let i = 0; i < g.residuals.length; i++) {
      const u = g.unitOf[i]!;
      present[u] = 1;
      for (let j = 0; j < k; j++) raw[u * k + j]! += g.columns[j]![i]! * g.residuals[i]!;
    }
    for (let u = 0; u < nunits; u++) {
      for (let a = 0; a < k; a++) {
        let sum = 0;
        for (let b = 0; b < k; b++) sum += g.xtxInverse[a * k + b]! * raw[u * k + b]!;
        scores[u * size + offsets[index]! + a] = sum;
      }
    }
  });
  let clusters = 0;
  for (let u = 0; u < nunits; u++) clusters += present[u]!;
  const factor = clusters / (clusters - 1);
  const vcov = new Float64Array(size * size);
  for (let u = 0; u < nunits; u++) {
    if (!present[u]) continue;
    for (let a = 0; a < size; a++) {
      const sa = scores[u * size + a]!;
      if (sa === 0) continue;
      for (let b = 0; b < size; b++) vcov[a * size + b]! += factor * sa * scores[u * size + b]!;
    }
  }
  return { vcov, offsets, size };
}

/** χ²(1) test of b_g,j = b_h,j from the joint covariance; `a`, `b` are stacked indices. */
export function suestDifferenceTest(
  beta: number[],
  vcov: Float64Array,
  size: number,
  a: number,
  b: number,
): { stat: number; df: number; p: number; se: number } {
  const variance = vcov[a * size + a]! + vcov[b * size + b]! - 2 * vcov[a * size + b]!;
  const difference = beta[a]! - beta[b]!;
  const stat = (difference * difference) / variance;
  return { stat, df: 1, p: chiSquareSf(stat, 1), se: Math.sqrt(variance) };
}
