/**
 * Fixed-effects (within) transformations of panel columns.
 *
 * Unit:     ỹ_it = y_it − ȳ_i
 * Time:     ỹ_it = y_it − ȳ_t
 * Two-way:  ỹ_it = y_it − ȳ_i − ȳ_t + ȳ          (balanced panel, closed form)
 *           alternating projections otherwise     (von Neumann 1950; Guimarães & Portugal 2010)
 * The two-way projection of an unbalanced panel is the limit of alternately sweeping out unit and
 * time means; it equals the residual of a regression on unit and time dummies.
 */
import { EstimationError } from './errors.js';

export type FixedEffectsKind = 'none' | 'unit' | 'time' | 'twoways';

/** Where each observation sits in the panel. `PanelSample` of the data layer satisfies this. */
export interface PanelStructure {
  /** Per observation: unit index in [0, nunits). */
  unitIndex: Int32Array;
  /** Per observation: period index in [0, nperiods). */
  timeIndex: Int32Array;
  nunits: number;
  nperiods: number;
  /** Every unit observed in every period. */
  balanced: boolean;
}

export interface WithinOptions {
  /** Relative convergence tolerance of the alternating projections (default 1e-13). */
  tolerance?: number;
  /** Maximum number of sweeps (default 100,000). */
  maxIterations?: number;
}

/** Group means of v (length ngroups). O(n). */
export function groupMeans(v: Float64Array, group: Int32Array, ngroups: number): Float64Array {
  const sums = new Float64Array(ngroups);
  const counts = new Float64Array(ngroups);
  for (let i = 0; i < v.length; i++) {
    sums[group[i]!]! += v[i]!;
    counts[group[i]!]!++;
  }
  for (let g = 0; g < ngroups; g++) sums[g] = counts[g]! > 0 ? sums[g]! / counts[g]! : 0;
  return sums;
}

/** v minus its group means, written into `out`; returns the largest absolute mean removed. */
function sweepGroupMeans(v: Float64Array, group: Int32Array, ngroups: number, out: Float64Array): number {
  const means = groupMeans(v, group, ngroups);
  let largest = 0;
  for (let g = 0; g < ngroups; g++) largest = Math.max(largest, Math.abs(means[g]!));
  for (let i = 0; i < v.length; i++) out[i] = v[i]! - means[group[i]!]!;
  return largest;
}

/**
 * Within transformation of one column (length n) for the given fixed effects.
 * Balanced two-way panels use the closed form; unbalanced ones alternate unit and time sweeps until
 * the removed means fall below `tolerance` × the column's scale, O(n) per sweep.
 * Throws EstimationError('NON_CONVERGENCE') after `maxIterations` sweeps.
 */
export function withinTransform(
  v: Float64Array,
  structure: PanelStructure,
  effects: FixedEffectsKind,
  options: WithinOptions = {},
): Float64Array {
  const out = new Float64Array(v.length);
  const { unitIndex, timeIndex, nunits, nperiods } = structure;
  switch (effects) {
    case 'none':
      out.set(v);
      return out;
    case 'unit':
      sweepGroupMeans(v, unitIndex, nunits, out);
      return out;
    case 'time':
      sweepGroupMeans(v, timeIndex, nperiods, out);
      return out;
    case 'twoways':
      return structure.balanced
        ? balancedTwoWay(v, structure)
        : alternatingProjections(v, structure, options);
  }
}

function balancedTwoWay(v: Float64Array, structure: PanelStructure): Float64Array {
  const unitMeans = groupMeans(v, structure.unitIndex, structure.nunits);
  const timeMeans = groupMeans(v, structure.timeIndex, structure.nperiods);
  let grand = 0;
  for (let i = 0; i < v.length; i++) grand += v[i]!;
  grand /= v.length;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    out[i] = v[i]! - unitMeans[structure.unitIndex[i]!]! - timeMeans[structure.timeIndex[i]!]! + grand;
  }
  return out;
}

function alternatingProjections(
  v: Float64Array,
  structure: PanelStructure,
  options: WithinOptions,
): Float64Array {
  const tolerance = options.tolerance ?? 1e-13;
  const maxIterations = options.maxIterations ?? 100_000;
  const out = new Float64Array(v.length);
  const removedUnit = sweepGroupMeans(v, structure.unitIndex, structure.nunits, out);
  let scale = removedUnit;
  for (let i = 0; i < v.length; i++) scale = Math.max(scale, Math.abs(out[i]!));
  if (scale === 0) return out;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const removedTime = sweepGroupMeans(out, structure.timeIndex, structure.nperiods, out);
    const removedUnitAgain = sweepGroupMeans(out, structure.unitIndex, structure.nunits, out);
    if (Math.max(removedTime, removedUnitAgain) <= tolerance * scale) return out;
  }
  throw new EstimationError(
    'NON_CONVERGENCE',
    `two-way within transformation did not converge in ${maxIterations} alternating projections (tolerance ${tolerance})`,
    { iterations: maxIterations, tolerance },
  );
}

/**
 * Number of parameters the fixed effects absorb: N (unit), T (time), or N + T − C for two-way
 * effects, with C the number of connected components of the bipartite unit–period graph
 * (C = 1 for any panel where units are linked through shared periods).
 */
export function absorbedParameters(structure: PanelStructure, effects: FixedEffectsKind): number {
  switch (effects) {
    case 'none':
      return 0;
    case 'unit':
      return structure.nunits;
    case 'time':
      return structure.nperiods;
    case 'twoways':
      return structure.nunits + structure.nperiods - connectedComponents(structure);
  }
}

/** Connected components of the graph linking each unit to its periods (union-find). */
function connectedComponents(structure: PanelStructure): number {
  const { nunits, nperiods, unitIndex, timeIndex } = structure;
  const parent = Int32Array.from({ length: nunits + nperiods }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let r = 0; r < unitIndex.length; r++) {
    const a = find(unitIndex[r]!);
    const b = find(nunits + timeIndex[r]!);
    if (a !== b) parent[a] = b;
  }
  let count = 0;
  for (let i = 0; i < parent.length; i++) if (find(i) === i) count++;
  return count;
}
