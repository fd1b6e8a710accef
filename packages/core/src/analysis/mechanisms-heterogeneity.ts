/**
 * Heterogeneity analysis (kind `heterogeneity`): the spec's regression (pooled OLS or fixed effects)
 * estimated separately in each group — the values of a numeric column, or a median split of a
 * variable over the pooled sample or within each period (`low` ≤ median < `high`) — and, for each
 * tested coefficient and each group against the first (reference) group, the difference with
 *   permutation  Fisher's permutation test (../mechanisms/permutation.ts),
 *   suest        seemingly-unrelated Wald test, cluster-robust by unit (../mechanisms/split-sample.ts),
 *   interaction  the coefficient of x × 1{group} in the pooled model y ~ x + x×1{group} + 1{group}
 *                with the same fixed effects and covariance (1{group} left out when the effects absorb it).
 * A text grouping column is coded by its sorted labels (at most 20). Models `sar` and `sdm`:
 * split-sample spatial models on sub-W (./mechanisms-heterogeneity-spatial.ts).
 */
import {
  SpilloverError,
  type GroupDifference,
  type HeterogeneityResult,
  type HeterogeneitySpec,
} from '@spillover/contracts';
import { selectSample, type Panel, type PanelSample } from '../data/panel.js';
import { totalSumOfSquares } from '../estimators/least-squares.js';
import { withinTransform } from '../estimators/within.js';
import { labelsConstantWithinUnits, permutationP, permuteLabels } from '../mechanisms/permutation.js';
import { isReplicationFailure } from '../mechanisms/resampling.js';
import {
  fitGroupSlopes,
  subStructure,
  suestCovariance,
  suestDifferenceTest,
  type GroupSlopes,
} from '../mechanisms/split-sample.js';
import type { ReplicationValues } from '../mechanisms/mediation-bootstrap.js';
import { buildUnitGram, regressionFromGram, weightedGram, type UnitGram } from '../mechanisms/unit-gram.js';
import { createRng } from '../stats/random.js';
import {
  checkDistinctRoles,
  checkModelEffects,
  coefficientEntries,
  coefficientOf,
  fitPanelRegression,
} from './mechanisms-models.js';
import { codeTextGroups, MAX_GROUPS } from '../mechanisms/group-weights.js';
import {
  prepareSpatialHeterogeneity,
  spatialHeterogeneityProcedure,
} from './mechanisms-heterogeneity-spatial.js';
import type { MechanismProcedure } from './mechanisms-replications.js';
import type { AnalysisInputs } from './run-analysis.js';

interface PreparedHeterogeneity {
  spec: LinearHeterogeneitySpec;
  sample: PanelSample;
  y: Float64Array;
  x: Float64Array[];
  labels: Int32Array;
  groupNames: string[];
  /** Tested coefficients and the groups compared with the reference, in result order. */
  pairs: { coefficient: string; group: number }[];
  /** Split-sample differences of the pairs. */
  observed: number[];
  byUnit: boolean;
  /** Unit Gram blocks of [intercept?, x, y] when whole units form the groups (fast refits). */
  gram: UnitGram | null;
  result: HeterogeneityResult;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
}

/** Group index per observation and the group names (see the module comment). */
function groupLabels(
  spec: HeterogeneitySpec,
  sample: PanelSample,
  textLabels: string[] | null,
): { labels: Int32Array; names: string[]; description: string } {
  const n = sample.rows.length;
  if (typeof spec.groupBy === 'string') {
    const values = sample.column(spec.groupBy);
    const distinct = [...new Set(values)].sort((a, b) => a - b);
    const index = new Map(distinct.map((v, g) => [v, g]));
    return {
      labels: Int32Array.from(values, (v) => index.get(v)!),
      names: distinct.map((v) => (textLabels ? textLabels[v]! : String(v))),
      description: spec.groupBy,
    };
  }
  const { median: variable, within } = spec.groupBy;
  const values = sample.column(variable);
  const cut = new Float64Array(sample.nperiods);
  if (within === 'pooled') cut.fill(median(Array.from(values)));
  else {
    const byPeriod: number[][] = Array.from({ length: sample.nperiods }, () => []);
    for (let i = 0; i < n; i++) byPeriod[sample.timeIndex[i]!]!.push(values[i]!);
    byPeriod.forEach((list, t) => (cut[t] = median(list)));
  }
  const labels = Int32Array.from(values, (v, i) => (v > cut[sample.timeIndex[i]!]! ? 1 : 0));
  return {
    labels,
    names: ['low', 'high'],
    description: `median of ${variable} (${within === 'pooled' ? 'pooled' : 'within each period'})`,
  };
}

function rowsOf(labels: Int32Array, group: number): Int32Array {
  const rows: number[] = [];
  labels.forEach((label, i) => {
    if (label === group) rows.push(i);
  });
  return Int32Array.from(rows);
}

function splitFits(
  prepared: Pick<PreparedHeterogeneity, 'spec' | 'sample' | 'y' | 'x' | 'groupNames'>,
  labels: Int32Array,
): GroupSlopes[] {
  const { spec, sample, y, x } = prepared;
  return prepared.groupNames.map((_, g) =>
    fitGroupSlopes(y, x, spec.x, sample, spec.effects, rowsOf(labels, g)),
  );
}

/**
 * b_group − b_reference of each pair for the labels. When whole units form the groups, each
 * group's regression comes from the unit Gram blocks (../mechanisms/unit-gram.ts), else from refits.
 */
function differences(
  prepared: Omit<PreparedHeterogeneity, 'result' | 'observed'>,
  labels: Int32Array,
): number[] {
  const { spec, pairs, gram } = prepared;
  if (gram) {
    const intercept = spec.effects === 'none' ? 1 : 0;
    const regressors = Array.from({ length: gram.p - 1 }, (_, j) => j);
    const unitLabel = new Int32Array(gram.nunits);
    labels.forEach((label, i) => (unitLabel[prepared.sample.unitIndex[i]!] = label));
    const betas = prepared.groupNames.map((_, g) => {
      const weights = Float64Array.from(unitLabel, (label) => (label === g ? 1 : 0));
      return regressionFromGram(weightedGram(gram, weights), gram.p, regressors, gram.p - 1);
    });
    return pairs.map(({ coefficient, group }) => {
      const j = intercept + spec.x.indexOf(coefficient);
      return betas[group]![j]! - betas[0]![j]!;
    });
  }
  const fits = splitFits(prepared, labels);
  return pairs.map(({ coefficient, group }) => {
    const j = fits[group]!.names.indexOf(coefficient);
    const j0 = fits[0]!.names.indexOf(coefficient);
    return fits[group]!.beta[j]! - fits[0]!.beta[j0]!;
  });
}

/** The pooled interaction model: the coefficient of each pair's x × 1{group}. */
function interactionEstimates(
  prepared: Omit<PreparedHeterogeneity, 'result' | 'observed'>,
): GroupDifference['interaction'][] {
  const { spec, sample, y, x, labels, groupNames, pairs } = prepared;
  const columns = [...x];
  const names = [...spec.x];
  const dummies = groupNames.map((_, g) => Float64Array.from(labels, (label) => (label === g ? 1 : 0)));
  const termOf = (pair: { coefficient: string; group: number }): string =>
    `${pair.coefficient}×${groupNames[pair.group]}`;
  for (const pair of pairs) {
    columns.push(
      Float64Array.from(dummies[pair.group]!, (d, i) => d * x[spec.x.indexOf(pair.coefficient)]![i]!),
    );
    names.push(termOf(pair));
  }
  for (let g = 1; g < groupNames.length; g++) {
    const transformed = withinTransform(dummies[g]!, sample, spec.effects);
    if (totalSumOfSquares(transformed, false) > 1e-10 * totalSumOfSquares(dummies[g]!, true)) {
      columns.push(dummies[g]!);
      names.push(`group=${groupNames[g]}`);
    }
  }
  const fit = fitPanelRegression(y, columns, names, sample, spec);
  return pairs.map((pair) => coefficientOf(fit, termOf(pair)));
}

/** A heterogeneity spec with a linear model (models `sar`, `sdm`: ./mechanisms-heterogeneity-spatial.ts). */
type LinearHeterogeneitySpec = HeterogeneitySpec & { model: 'ols' | 'fe' };

/** The panel with a text grouping column coded 0..K−1 (sorted labels), and the labels (null when numeric). */
function codedPanel(spec: HeterogeneitySpec, panel: Panel): { panel: Panel; textLabels: string[] | null } {
  if (typeof spec.groupBy !== 'string') return { panel, textLabels: null };
  const coded = codeTextGroups(panel, spec.groupBy, 'groupBy');
  return coded ? { panel: coded.panel, textLabels: coded.labels } : { panel, textLabels: null };
}

/** Throws unless there are 2..MAX_GROUPS groups, naming the grouping field and column. */
function checkGroupCount(count: number, spec: HeterogeneitySpec, groupColumn: string): void {
  const groupField = typeof spec.groupBy === 'string' ? 'groupBy' : 'groupBy.median';
  if (count < 2) {
    throw new SpilloverError(
      'INSUFFICIENT_DATA',
      `${groupField}: "${groupColumn}" gives a single group; heterogeneity needs at least two`,
      { field: groupField, column: groupColumn },
    );
  }
  if (count > MAX_GROUPS) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `${groupField}: "${groupColumn}" has ${count} distinct values; group by a column with at most ${MAX_GROUPS}`,
      { field: groupField, column: groupColumn },
    );
  }
}

function prepare(spec: LinearHeterogeneitySpec, sourcePanel: Panel): PreparedHeterogeneity {
  checkModelEffects(spec);
  const { panel, textLabels } = codedPanel(spec, sourcePanel);
  const groupColumn = typeof spec.groupBy === 'string' ? spec.groupBy : spec.groupBy.median;
  const groupField = typeof spec.groupBy === 'string' ? 'groupBy' : 'groupBy.median';
  checkDistinctRoles([
    { field: 'y', column: spec.y },
    ...spec.x.map((column, i) => ({ field: `x[${i}]`, column })),
  ]);
  const tested = spec.test.coefficients ?? spec.x;
  tested.forEach((name, i) => {
    if (!spec.x.includes(name)) {
      throw new SpilloverError(
        'INVALID_SPEC',
        `test.coefficients[${i}]: "${name}" is not one of the regressors x`,
        {
          field: `test.coefficients[${i}]`,
          column: name,
        },
      );
    }
  });
  const extra = spec.x.includes(groupColumn) || spec.y === groupColumn ? [] : [groupColumn];
  const variables = [spec.y, ...spec.x, ...extra];
  const fields = ['y', ...spec.x.map((_, i) => `x[${i}]`), ...extra.map(() => groupField)];
  const sample = selectSample(panel, variables, fields);
  const y = sample.column(spec.y);
  const x = spec.x.map((name) => sample.column(name));
  const { labels, names: groupNames, description } = groupLabels(spec, sample, textLabels);
  checkGroupCount(groupNames.length, spec, groupColumn);
  const pairs = tested.flatMap((coefficient) =>
    groupNames.slice(1).map((_, g) => ({ coefficient, group: g + 1 })),
  );
  const byUnit = labelsConstantWithinUnits(labels, sample);
  const gramColumns = [...(spec.effects === 'none' ? [new Float64Array(y.length).fill(1)] : []), ...x, y];
  const gram = byUnit ? buildUnitGram(gramColumns, sample, spec.effects) : null;
  const base = { spec, sample, y, x, labels, groupNames, pairs, byUnit, gram };

  const groups = groupNames.map((group, g) => {
    const rows = rowsOf(labels, g);
    const structure = subStructure(sample, rows);
    const pick = (column: Float64Array): Float64Array => Float64Array.from(rows, (r) => column[r]!);
    const fit = fitPanelRegression(pick(y), x.map(pick), spec.x, structure, spec);
    const entry: HeterogeneityResult['groups'][number] = {
      group,
      nobs: rows.length,
      nunits: structure.nunits,
      nperiods: structure.nperiods,
      coefficients: coefficientEntries(fit),
      sigma2: fit.sigma2,
      df: Number.isFinite(fit.inferenceDf) ? fit.inferenceDf : fit.dfResidual,
    };
    if (fit.r2 !== undefined) entry.r2 = fit.r2;
    if (fit.r2Within !== undefined) entry.r2Within = fit.r2Within;
    return entry;
  });

  const fits = splitFits(base, labels);
  const observed = differences(base, labels);
  const suest = spec.test.suest ? suestCovariance(fits, sample.nunits) : null;
  const interaction = spec.test.interaction ? interactionEstimates(base) : null;
  const stacked = fits.flatMap((f) => Array.from(f.beta));
  const differencesOut: GroupDifference[] = pairs.map((pair, i) => {
    const entry: GroupDifference = {
      coefficient: pair.coefficient,
      group: groupNames[pair.group]!,
      reference: groupNames[0]!,
      estimate: observed[i]!,
    };
    if (suest) {
      const a = suest.offsets[pair.group]! + fits[pair.group]!.names.indexOf(pair.coefficient);
      const b = suest.offsets[0]! + fits[0]!.names.indexOf(pair.coefficient);
      entry.suest = suestDifferenceTest(stacked, suest.vcov, suest.size, a, b);
    }
    if (interaction) entry.interaction = interaction[i];
    return entry;
  });
  const result: HeterogeneityResult = {
    kind: 'heterogeneity',
    model: spec.model,
    effects: spec.effects,
    vcov: spec.vcov,
    nobs: y.length,
    nunits: sample.nunits,
    nperiods: sample.nperiods,
    droppedRows: sample.droppedRows,
    groupBy: description,
    groups,
    differences: differencesOut,
  };
  if (sample.droppedRows > 0) {
    result.warnings = [`${sample.droppedRows} rows with missing values were dropped`];
  }
  return { ...base, observed, result };
}

function replicate(
  prepared: PreparedHeterogeneity,
  seed: number,
  from: number,
  to: number,
): ReplicationValues {
  const k = prepared.pairs.length;
  const values = new Float64Array((to - from) * k).fill(NaN);
  let failed = 0;
  for (let r = from; r < to; r++) {
    const labels = permuteLabels(createRng(seed, r), prepared.labels, prepared.sample, prepared.byUnit);
    try {
      values.set(differences(prepared, labels), (r - from) * k);
    } catch (error) {
      if (!isReplicationFailure(error)) throw error;
      failed++;
    }
  }
  return { values, failed };
}

function finish(prepared: PreparedHeterogeneity, values: Float64Array, failed: number): HeterogeneityResult {
  const { spec, result, pairs, observed } = prepared;
  const reps = spec.test.permutation?.reps ?? 0;
  if (reps === 0) return result;
  const k = pairs.length;
  result.differences.forEach((entry, i) => {
    const { p } = permutationP(
      observed[i]!,
      Float64Array.from({ length: reps }, (_, r) => values[r * k + i]!),
    );
    entry.permutation = { p, reps, failed };
  });
  if (failed > 0) {
    (result.warnings ??= []).push(
      `${failed} of ${reps} permutations gave a singular group regression and were left out`,
    );
  }
  return result;
}

/** The heterogeneity analysis as a replication procedure (see ./mechanisms-replications.ts). */
export function heterogeneityProcedure(
  spec: HeterogeneitySpec,
  inputs: Partial<AnalysisInputs> = {},
): MechanismProcedure<unknown, HeterogeneityResult> {
  if (spec.model === 'sar' || spec.model === 'sdm') {
    if (!spec.weights) {
      throw new SpilloverError(
        'INVALID_SPEC',
        `weights: heterogeneity with model "${spec.model}" needs a spatial weights matrix`,
        {
          field: 'weights',
        },
      );
    }
    const groupColumn = typeof spec.groupBy === 'string' ? spec.groupBy : spec.groupBy.median;
    return spatialHeterogeneityProcedure(spec, (sourcePanel) => {
      const { panel, textLabels } = codedPanel(spec, sourcePanel);
      return prepareSpatialHeterogeneity(spec, panel, inputs, groupColumn, (sample) => {
        const groups = groupLabels(spec, sample, textLabels);
        checkGroupCount(groups.names.length, spec, groupColumn);
        return groups;
      });
    }) as MechanismProcedure<unknown, HeterogeneityResult>;
  }
  if (spec.weights) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `weights: model "${spec.model}" does not use weights; use model "sar" or "sdm"`,
      {
        field: 'weights',
      },
    );
  }
  return linearHeterogeneityProcedure(spec as LinearHeterogeneitySpec) as MechanismProcedure<
    unknown,
    HeterogeneityResult
  >;
}

function linearHeterogeneityProcedure(
  spec: LinearHeterogeneitySpec,
): MechanismProcedure<PreparedHeterogeneity, HeterogeneityResult> {
  return {
    prepare: (panel) => prepare(spec, panel),
    replications: () => ({ reps: spec.test.permutation?.reps ?? 0, seed: spec.test.permutation?.seed ?? 1 }),
    statistics: (prepared) => prepared.pairs.map((p) => `${p.coefficient}:${prepared.groupNames[p.group]}`),
    replicate: (prepared, from, to) => replicate(prepared, spec.test.permutation!.seed, from, to),
    finish,
  };
}
