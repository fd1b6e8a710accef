/**
 * Cluster bootstrap of indirect effects a·b over units (resampling units with replacement; a unit
 * drawn twice becomes two units, so its fixed effects and clusters are separate), and the jackknife
 * over units for the BCa acceleration (leave-one-unit-out Grams by downdating the full sample's).
 * Each replication solves the two path regressions
 *   a: m ~ t + x        b: y ~ t + m + x        (with the analysis's fixed effects)
 * from the resample's Gram matrix (./unit-gram.ts), O(N p² + n p) per replication instead of
 * re-transforming the panel. Replication r draws from createRng(seed, r), so any split of the
 * replications into chunks gives the same numbers.
 */
import type { FixedEffectsKind, PanelStructure } from '../estimators/within.js';
import { createRng } from '../stats/random.js';
import { drawUnitWeights, isReplicationFailure } from './resampling.js';
import {
  buildUnitGram,
  leaveOneUnitOutGrams,
  regressionFromGram,
  weightedGram,
  type UnitGram,
} from './unit-gram.js';

export interface MediationData {
  y: Float64Array;
  treatment: Float64Array;
  mediators: Float64Array[];
  controls: Float64Array[];
}

export interface MediationBootstrapPlan {
  gram: UnitGram;
  nmediators: number;
  /** Regressors of path a (intercept?, treatment, controls) as Gram indices. */
  pathA: number[];
  /** Position of the treatment among them. */
  treatmentPosition: number;
  /** Gram index of each mediator and of y. */
  mediatorIndex: number[];
  yIndex: number;
}

/** Lays out [intercept (effects none), treatment, controls, mediators, y] and their unit Gram blocks. */
export function prepareMediationBootstrap(
  data: MediationData,
  structure: PanelStructure,
  effects: FixedEffectsKind,
): MediationBootstrapPlan {
  const n = data.y.length;
  const columns = [
    ...(effects === 'none' ? [new Float64Array(n).fill(1)] : []),
    data.treatment,
    ...data.controls,
  ];
  const pathA = columns.map((_, j) => j);
  const mediatorIndex = data.mediators.map((_, m) => pathA.length + m);
  columns.push(...data.mediators, data.y);
  return {
    gram: buildUnitGram(columns, structure, effects),
    nmediators: data.mediators.length,
    pathA,
    treatmentPosition: effects === 'none' ? 1 : 0,
    mediatorIndex,
    yIndex: columns.length - 1,
  };
}

/**
 * a·b of every mediator for unit weights w. Throws SINGULAR_DESIGN on a singular resample.
 */
export function indirectEffects(plan: MediationBootstrapPlan, weights: ArrayLike<number>): Float64Array {
  return indirectEffectsOfGram(plan, weightedGram(plan.gram, weights));
}

/** a·b of every mediator from the Gram matrix g of a resample. */
function indirectEffectsOfGram(plan: MediationBootstrapPlan, g: Float64Array): Float64Array {
  const { p } = plan.gram;
  const out = new Float64Array(plan.nmediators);
  plan.mediatorIndex.forEach((mediator, m) => {
    const a = regressionFromGram(g, p, plan.pathA, mediator)[plan.treatmentPosition]!;
    const pathB = [...plan.pathA, mediator];
    const b = regressionFromGram(g, p, pathB, plan.yIndex)[pathB.length - 1]!;
    out[m] = a * b;
  });
  return out;
}

export interface ReplicationValues {
  /** (to − from) × statistics, row-major; NaN for a failed replication. */
  values: Float64Array;
  failed: number;
}

/** a·b of the resample, or null when it is singular or gives a non-finite value. */
function tryIndirectEffects(plan: MediationBootstrapPlan, gram: () => Float64Array): Float64Array | null {
  try {
    const effects = indirectEffectsOfGram(plan, gram());
    return effects.every(Number.isFinite) ? effects : null;
  } catch (error) {
    if (isReplicationFailure(error)) return null;
    throw error;
  }
}

/** Replications from ≤ r < to of the cluster bootstrap: unit weights from createRng(seed, r). */
export function mediationReplications(
  plan: MediationBootstrapPlan,
  seed: number,
  from: number,
  to: number,
): ReplicationValues {
  const k = plan.nmediators;
  const values = new Float64Array((to - from) * k).fill(NaN);
  const weights = new Float64Array(plan.gram.nunits);
  let failed = 0;
  for (let r = from; r < to; r++) {
    drawUnitWeights(createRng(seed, r), plan.gram.nunits, weights);
    const effects = tryIndirectEffects(plan, () => weightedGram(plan.gram, weights));
    if (effects) values.set(effects, (r - from) * k);
    else failed++;
  }
  return { values, failed };
}

/** Leave-one-unit-out a·b (N × statistics, row-major; NaN where a fit fails), from downdated Grams. */
export function mediationJackknife(plan: MediationBootstrapPlan): Float64Array {
  const { nunits } = plan.gram;
  const k = plan.nmediators;
  const out = new Float64Array(nunits * k).fill(NaN);
  const without = leaveOneUnitOutGrams(plan.gram);
  for (let j = 0; j < nunits; j++) {
    const effects = tryIndirectEffects(plan, () => without(j));
    if (effects) out.set(effects, j * k);
  }
  return out;
}
