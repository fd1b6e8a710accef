/**
 * Spatial heterogeneity (kind `heterogeneity`, model `sar` or `sdm`): the spatial lag model estimated
 * separately on each group of whole units, each with its own sub-W (W among the group's units,
 * re-row-standardised: ../mechanisms/group-weights.ts) and the spec's fixed effects and covariance
 * (../mechanisms/spatial-lag-fit.ts). Groups must keep every unit in one group (a numeric or text
 * column constant within units, or a pooled median split of such a column).
 * Each tested coefficient is compared between every group and the first (reference) group through
 * its coefficient and its LeSage-Pace direct, indirect and total effects (delta-method SEs), with
 *   wald         independent samples (disjoint units): χ²(1) = d² / (V_group + V_reference);
 *   permutation  group labels permuted across units (createRng(seed, r) for replication r), every
 *                group refitted on its permuted sub-W; islands created by a permutation keep a zero
 *                row of W; p = (1 + #{|d*| ≥ |d|}) / (1 + B) (../mechanisms/permutation.ts).
 * The `suest` and `interaction` tests of the non-spatial analysis need pooled observations of one
 * W and are not computed here.
 */
import {
  SpilloverError,
  type GroupDifference,
  type GroupFit,
  type HeterogeneityResult,
  type HeterogeneitySpec,
} from '@spillover/contracts';
import type { Panel, PanelSample } from '../data/panel.js';
import { chiSquareSf } from '../stats/distributions.js';
import { createRng } from '../stats/random.js';
import { groupWeights } from '../mechanisms/group-weights.js';
import type { ReplicationValues } from '../mechanisms/mediation-bootstrap.js';
import { labelsConstantWithinUnits, permutationP, permuteLabels } from '../mechanisms/permutation.js';
import { isReplicationFailure } from '../mechanisms/resampling.js';
import {
  effectsOf,
  fitSpatialLag,
  spatialCoefficient,
  spatialRho,
  type SpatialLagFit,
} from '../mechanisms/spatial-lag-fit.js';
import type { SpatialWeights } from '../spatial/weights/types.js';
import type { MechanismProcedure } from './mechanisms-replications.js';
import type { AnalysisInputs } from './run-analysis.js';
import { spatialPanelData, type SpatialPanelData } from './spatial-inputs.js';

const EFFECTS = ['coefficient', 'direct', 'indirect', 'total'] as const;
type Effect = (typeof EFFECTS)[number];

interface Comparison {
  coefficient: string;
  group: number;
  effect: Effect;
}

interface PreparedSpatialHeterogeneity {
  data: SpatialPanelData;
  /** Group of each unit (W order). */
  unitLabels: Int32Array;
  labels: Int32Array;
  groupNames: string[];
  comparisons: Comparison[];
  observed: number[];
  result: HeterogeneityResult;
}

/** The estimate and variance of a comparison's quantity in one group's fit. */
function quantity(
  fit: SpatialLagFit,
  coefficient: string,
  effect: Effect,
): { estimate: number; variance: number } {
  const entry =
    effect === 'coefficient' ? spatialCoefficient(fit, coefficient) : effectsOf(fit, coefficient)[effect];
  return { estimate: entry.estimate, variance: entry.se! * entry.se! };
}

/** Units of each group (W order) and the groups' spatial lag fits. */
function fitGroups(
  spec: HeterogeneitySpec,
  data: SpatialPanelData,
  unitLabels: Int32Array,
  groupNames: string[],
  allowIslands: boolean,
): SpatialLagFit[] {
  const { w, periods } = data;
  return groupNames.map((name, g) => {
    const units = Int32Array.from(Array.from(unitLabels.keys()).filter((u) => unitLabels[u] === g));
    const sub: SpatialWeights = groupWeights(w, units, {
      style: spec.weights!.style,
      allowIslands,
      label: `weights matrix restricted to group "${name}"`,
    });
    const pick = (column: Float64Array): Float64Array => {
      const out = new Float64Array(units.length * periods);
      for (let t = 0; t < periods; t++) {
        units.forEach((u, k) => (out[t * units.length + k] = column[t * w.n + u]!));
      }
      return out;
    };
    return fitSpatialLag({
      w: sub,
      periods,
      y: pick(data.column(spec.y)),
      x: spec.x.map((x) => pick(data.column(x))),
      names: spec.x,
      durbin: spec.model === 'sdm',
      effects: spec.effects,
      vcov: spec.vcov,
    });
  });
}

function differences(fits: SpatialLagFit[], comparisons: Comparison[]): number[] {
  return comparisons.map(
    (c) =>
      quantity(fits[c.group]!, c.coefficient, c.effect).estimate -
      quantity(fits[0]!, c.coefficient, c.effect).estimate,
  );
}

function unitLabelsOf(labels: Int32Array, sample: PanelSample): Int32Array {
  const out = new Int32Array(sample.nunits);
  labels.forEach((label, i) => (out[sample.unitIndex[i]!] = label));
  return out;
}

/**
 * Prepares the split-sample spatial fits. `groupLabels` gives each sample observation's group and
 * the group names (the caller's grouping rules); `groupColumn` is read with the model's variables.
 */
export function prepareSpatialHeterogeneity(
  spec: HeterogeneitySpec,
  panel: Panel,
  inputs: Partial<AnalysisInputs>,
  groupColumn: string,
  groupLabels: (sample: PanelSample) => { labels: Int32Array; names: string[]; description: string },
): PreparedSpatialHeterogeneity {
  const variables = [
    { name: spec.y, field: 'y' },
    ...spec.x.map((name, i) => ({ name, field: `x[${i}]` })),
    { name: groupColumn, field: typeof spec.groupBy === 'string' ? 'groupBy' : 'groupBy.median' },
  ];
  const data = spatialPanelData(
    panel,
    variables,
    spec.weights,
    { panelCsv: '', ...inputs },
    `heterogeneity with model ${spec.model}`,
  );
  const { sample } = data;
  const { labels, names: groupNames, description } = groupLabels(sample);
  if (!labelsConstantWithinUnits(labels, sample)) {
    const first = new Int32Array(sample.nunits).fill(-1);
    let changing = -1;
    labels.forEach((label, i) => {
      const u = sample.unitIndex[i]!;
      if (first[u]! < 0) first[u] = label;
      else if (first[u] !== label && changing < 0) changing = u;
    });
    const unit = sample.units[changing]!;
    throw new SpilloverError(
      'INVALID_SPEC',
      `groupBy: split-sample spatial models need groups of whole units, but unit "${unit}" changes group over time`,
      { field: 'groupBy', unit },
    );
  }
  const unitLabels = unitLabelsOf(labels, sample);
  const fits = fitGroups(spec, data, unitLabels, groupNames, spec.weights!.allowIslands);
  const tested = spec.test.coefficients ?? spec.x;
  const comparisons: Comparison[] = tested.flatMap((coefficient) =>
    groupNames.slice(1).flatMap((_, g) => EFFECTS.map((effect) => ({ coefficient, group: g + 1, effect }))),
  );
  const observed = differences(fits, comparisons);
  const groups: GroupFit[] = fits.map((fit, g) => {
    const impacts = { direct: {}, indirect: {}, total: {} } as NonNullable<GroupFit['impacts']>;
    for (const x of spec.x) {
      const e = effectsOf(fit, x);
      impacts.direct[x] = e.direct;
      impacts.indirect[x] = e.indirect;
      impacts.total[x] = e.total;
    }
    const nunits = unitLabels.filter((label) => label === g).length;
    return {
      group: groupNames[g]!,
      nobs: nunits * data.periods,
      nunits,
      nperiods: data.periods,
      coefficients: Object.fromEntries(fit.names.map((name) => [name, spatialCoefficient(fit, name)])),
      sigma2: fit.est.sigma2,
      rho: spatialRho(fit),
      impacts,
    };
  });
  const differencesOut: GroupDifference[] = comparisons.map((c, i) => {
    const a = quantity(fits[c.group]!, c.coefficient, c.effect);
    const b = quantity(fits[0]!, c.coefficient, c.effect);
    const variance = a.variance + b.variance;
    const stat = (observed[i]! * observed[i]!) / variance;
    return {
      coefficient: c.coefficient,
      effect: c.effect,
      group: groupNames[c.group]!,
      reference: groupNames[0]!,
      estimate: observed[i]!,
      wald: { stat, df: 1, p: chiSquareSf(stat, 1), se: Math.sqrt(variance) },
    };
  });
  const warnings = fits.flatMap((fit, g) => fit.warnings.map((m) => `group "${groupNames[g]}": ${m}`));
  if (sample.droppedRows > 0) warnings.unshift(`${sample.droppedRows} rows with missing values were dropped`);
  const result: HeterogeneityResult = {
    kind: 'heterogeneity',
    model: spec.model,
    effects: spec.effects,
    vcov: spec.vcov,
    nobs: sample.rows.length,
    nunits: sample.nunits,
    nperiods: sample.nperiods,
    droppedRows: sample.droppedRows,
    groupBy: `${description} (groups of units, each with its sub-W re-row-standardised)`,
    groups,
    differences: differencesOut,
  };
  if (warnings.length > 0) result.warnings = warnings;
  return { data, unitLabels, labels, groupNames, comparisons, observed, result };
}

function replicate(
  spec: HeterogeneitySpec,
  prepared: PreparedSpatialHeterogeneity,
  seed: number,
  from: number,
  to: number,
): ReplicationValues {
  const k = prepared.comparisons.length;
  const values = new Float64Array((to - from) * k).fill(NaN);
  let failed = 0;
  const { sample } = prepared.data;
  for (let r = from; r < to; r++) {
    const labels = permuteLabels(createRng(seed, r), prepared.labels, sample, true);
    try {
      const fits = fitGroups(spec, prepared.data, unitLabelsOf(labels, sample), prepared.groupNames, true);
      values.set(differences(fits, prepared.comparisons), (r - from) * k);
    } catch (error) {
      if (!isReplicationFailure(error)) throw error;
      failed++;
    }
  }
  return { values, failed };
}

function finish(
  spec: HeterogeneitySpec,
  prepared: PreparedSpatialHeterogeneity,
  values: Float64Array,
  failed: number,
): HeterogeneityResult {
  const { result, observed } = prepared;
  const reps = spec.test.permutation?.reps ?? 0;
  if (reps === 0) return result;
  const k = prepared.comparisons.length;
  result.differences.forEach((entry, i) => {
    const { p } = permutationP(
      observed[i]!,
      Float64Array.from({ length: reps }, (_, r) => values[r * k + i]!),
    );
    entry.permutation = { p, reps, failed };
  });
  if (failed > 0) {
    (result.warnings ??= []).push(
      `${failed} of ${reps} permutations could not be estimated and were left out`,
    );
  }
  return result;
}

/** Spatial heterogeneity as a replication procedure (see ./mechanisms-replications.ts). */
export function spatialHeterogeneityProcedure(
  spec: HeterogeneitySpec,
  prepare: (panel: Panel) => PreparedSpatialHeterogeneity,
): MechanismProcedure<PreparedSpatialHeterogeneity, HeterogeneityResult> {
  return {
    prepare,
    replications: () => ({ reps: spec.test.permutation?.reps ?? 0, seed: spec.test.permutation?.seed ?? 1 }),
    statistics: (prepared) =>
      prepared.comparisons.map((c) => `${c.effect}:${c.coefficient}:${prepared.groupNames[c.group]}`),
    replicate: (prepared, from, to) => replicate(spec, prepared, spec.test.permutation?.seed ?? 1, from, to),
    finish: (prepared, values, failed) => finish(spec, prepared, values, failed),
  };
}
