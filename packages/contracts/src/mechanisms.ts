import { z } from 'zod';
import { WeightsSpec } from './weights-spec.js';

/**
 * Mechanism analyses (contract version 1): mediation (stepwise paths, Sobel/Aroian/Goodman and a
 * cluster bootstrap), Hansen (1999) panel thresholds and heterogeneity (split samples and tests of
 * coefficient differences). Formulas: packages/core/src/mechanisms (each function's comment).
 */

const columnName = z.string().min(1, 'a column name cannot be empty');
const title = z.string().max(200).optional();
const panelFields = {
  /** Path of the panel CSV relative to the spec file (CLI); the platform supplies the dataset instead. */
  data: z.string().min(1).optional(),
  unit: columnName,
  time: columnName,
};
const FixedEffects = z.enum(['none', 'unit', 'time', 'twoways']);
const VcovType = z.enum(['classical', 'cluster', 'robust']);

/** Resampling: `reps` replications (0 skips them), replication r draws from the stream (seed, r). */
export const ReplicationSpec = z.strictObject({
  reps: z.number().int().min(0).max(100_000),
  seed: z.number().int().default(1),
});
export type ReplicationSpec = z.infer<typeof ReplicationSpec>;

// ---------------------------------------------------------------- mediation

export const MediationSpec = z.strictObject({
  kind: z.literal('mediation'),
  ...panelFields,
  y: columnName,
  treatment: columnName,
  /** Each mediator is analysed on its own (single-mediator model). */
  mediators: z.array(columnName).min(1, 'mediators needs at least one column'),
  /** Controls, in every path. */
  x: z.array(columnName).default([]),
  /**
   * `sdm`: path a by fixed effects, the outcome equations (c and b, c′) as spatial Durbin models with
   * W-lags of treatment, mediator and controls; needs `weights`. Each mediator's indirect effect is split
   * into direct and spillover parts (result `mediators.<m>.spatial`).
   */
  model: z.enum(['ols', 'fe', 'sdm']).default('fe'),
  effects: FixedEffects.default('none'),
  vcov: VcovType.default('classical'),
  weights: WeightsSpec.optional(),
  /**
   * Cluster bootstrap over units of the indirect effects (95 % intervals); absent or reps 0 skips it.
   * With model `sdm`: a parametric (Monte Carlo) bootstrap from the estimated covariances instead.
   */
  bootstrap: ReplicationSpec.optional(),
  title,
});
export type MediationSpec = z.infer<typeof MediationSpec>;

// ---------------------------------------------------------------- threshold

export const ThresholdSpec = z.strictObject({
  kind: z.literal('threshold'),
  ...panelFields,
  y: columnName,
  /** Regime-independent regressors. */
  x: z.array(columnName).default([]),
  /** The regressor whose slope changes at the thresholds. */
  regimeVariable: columnName,
  thresholdVariable: columnName,
  thresholds: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  /** Share of observations trimmed at each end of the threshold variable, and the smallest regime share. */
  trim: z.number().gt(0).lt(0.5).default(0.05),
  /** `all` distinct trimmed values, or that many quantile points of them. */
  grid: z.union([z.literal('all'), z.number().int().min(3)]).default('all'),
  /** Hansen's fixed-regressor residual bootstrap of each test (p-values and critical values); absent or reps 0 skips it. */
  bootstrap: ReplicationSpec.optional(),
  model: z.literal('fe').default('fe'),
  effects: z.literal('unit').default('unit'),
  vcov: VcovType.default('classical'),
  /** At most this many points per threshold in the result's `lrCurve` (evenly thinned, keeping the estimate). */
  lrCurvePoints: z.number().int().min(10).default(1000),
  title,
});
export type ThresholdSpec = z.infer<typeof ThresholdSpec>;

// ---------------------------------------------------------------- heterogeneity

/** Groups: the values of a column (numbers or text labels, at most 20), or a median split of a variable (over the pooled sample or within each period). */
export const GroupBySpec = z.union([
  columnName,
  z.strictObject({
    median: columnName,
    within: z.enum(['pooled', 'period']).default('pooled'),
  }),
]);
export type GroupBySpec = z.infer<typeof GroupBySpec>;

export const HeterogeneityTestSpec = z.strictObject({
  /** Coefficients whose group difference is tested (default: every x). */
  coefficients: z.array(columnName).optional(),
  /** Fisher's permutation test: group labels permuted across units (reps 0 or absent skips it). */
  permutation: ReplicationSpec.optional(),
  /** Seemingly-unrelated Wald test with a cluster-robust (by unit) joint covariance, as Stata `suest`. */
  suest: z.boolean().default(true),
  /** Interaction model: x × group dummy with the same fixed effects and covariance. */
  interaction: z.boolean().default(true),
});
export type HeterogeneityTestSpec = z.infer<typeof HeterogeneityTestSpec>;

export const HeterogeneitySpec = z.strictObject({
  kind: z.literal('heterogeneity'),
  ...panelFields,
  y: columnName,
  x: z.array(columnName).min(1, 'x needs at least one regressor'),
  /** `sar` / `sdm`: split-sample spatial models on each group's own sub-W (needs `weights`; groups of whole units). */
  model: z.enum(['ols', 'fe', 'sar', 'sdm']).default('fe'),
  effects: FixedEffects.default('none'),
  vcov: VcovType.default('classical'),
  weights: WeightsSpec.optional(),
  groupBy: GroupBySpec,
  test: HeterogeneityTestSpec.default({ suest: true, interaction: true }),
  title,
});
export type HeterogeneitySpec = z.infer<typeof HeterogeneitySpec>;

// ---------------------------------------------------------------- results

const Estimate = z.object({
  estimate: z.number(),
  se: z.number().optional(),
  stat: z.number().optional(),
  p: z.number().optional(),
});
const Interval = z.tuple([z.number(), z.number()]);
const NormalTest = z.object({ se: z.number(), stat: z.number(), p: z.number() });

export const BootstrapSummary = z.object({
  reps: z.number(),
  /** Replications that could not be estimated (e.g. a singular resample); left out of the summaries. */
  failed: z.number(),
  se: z.number(),
  percentile: Interval,
  bc: Interval,
  bca: Interval,
  /** The distribution of the estimated replications: `counts` in equal-width bins from `min` to `max`. */
  histogram: z.object({ min: z.number(), max: z.number(), counts: z.array(z.number()) }).optional(),
});
export type BootstrapSummary = z.infer<typeof BootstrapSummary>;

/** Monte Carlo (parametric bootstrap) summary of a simulated effect: SD of the draws and 95 % percentile interval. */
export const MonteCarloSummary = z.object({
  reps: z.number(),
  failed: z.number(),
  se: z.number(),
  percentile: Interval,
});
export type MonteCarloSummary = z.infer<typeof MonteCarloSummary>;

const SpatialEffect = Estimate.extend({ monteCarlo: MonteCarloSummary.optional() });

export const MediatorResult = z.object({
  a: Estimate,
  b: Estimate,
  cPrime: Estimate,
  indirect: z.object({ estimate: z.number(), sobel: NormalTest, aroian: NormalTest, goodman: NormalTest }),
  proportionMediated: z.number(),
  bootstrap: BootstrapSummary.optional(),
  /** Model `sdm`: a × the mediator's LeSage-Pace direct, indirect (spillover) and total effects in the outcome SDM. */
  spatial: z.object({ direct: SpatialEffect, indirect: SpatialEffect, total: SpatialEffect }).optional(),
});
export type MediatorResult = z.infer<typeof MediatorResult>;

export const MediationResult = z.object({
  kind: z.literal('mediation'),
  model: z.string(),
  effects: z.string().optional(),
  vcov: z.string().optional(),
  nobs: z.number(),
  nunits: z.number(),
  nperiods: z.number(),
  droppedRows: z.number().optional(),
  total: Estimate,
  mediators: z.record(z.string(), MediatorResult),
  warnings: z.array(z.string()).optional(),
});
export type MediationResult = z.infer<typeof MediationResult>;

export const ThresholdTest = z.object({
  hypothesis: z.string(),
  F: z.number(),
  /** Bootstrap p-value (share of bootstrap F above F), when bootstrapped. */
  p: z.number().optional(),
  crit: z.record(z.string(), z.number()).optional(),
  reps: z.number().optional(),
  failed: z.number().optional(),
});
export type ThresholdTest = z.infer<typeof ThresholdTest>;

export const ThresholdResult = z.object({
  kind: z.literal('threshold'),
  model: z.string(),
  effects: z.string().optional(),
  vcov: z.string().optional(),
  nobs: z.number(),
  nunits: z.number(),
  nperiods: z.number(),
  droppedRows: z.number().optional(),
  thresholds: z.array(z.object({ estimate: z.number(), ci: Interval })),
  tests: z.array(ThresholdTest),
  ssr: z.number(),
  sigma2: z.number(),
  df: z.number().optional(),
  coefficients: z.record(z.string(), Estimate),
  /** Candidates of the grid. */
  candidates: z.number().optional(),
  /** LR(γ) curves; `threshold` is the 1-based position of the threshold it belongs to. */
  lrCurve: z.array(z.object({ threshold: z.number(), gamma: z.number(), lr: z.number() })),
  /** LR critical value of the 95 % intervals, −2 ln(1 − √0.95). */
  lrCritical: z.number().optional(),
  warnings: z.array(z.string()).optional(),
});
export type ThresholdResult = z.infer<typeof ThresholdResult>;

export const GroupFit = z.object({
  group: z.string(),
  nobs: z.number(),
  nunits: z.number(),
  nperiods: z.number(),
  coefficients: z.record(z.string(), Estimate),
  sigma2: z.number().optional(),
  df: z.number().optional(),
  r2: z.number().optional(),
  r2Within: z.number().optional(),
  /** Spatial models: the group's spatial lag parameter and LeSage-Pace effects (delta-method SEs). */
  rho: Estimate.optional(),
  impacts: z
    .object({
      direct: z.record(z.string(), Estimate),
      indirect: z.record(z.string(), Estimate),
      total: z.record(z.string(), Estimate),
    })
    .optional(),
});
export type GroupFit = z.infer<typeof GroupFit>;

export const GroupDifference = z.object({
  coefficient: z.string(),
  /** What is compared (spatial models): the coefficient (default), or its direct, indirect or total effect. */
  effect: z.enum(['coefficient', 'direct', 'indirect', 'total']).optional(),
  /** The group compared with the reference (the first group). */
  group: z.string(),
  reference: z.string(),
  /** b(group) − b(reference) from the split samples. */
  estimate: z.number(),
  permutation: z.object({ p: z.number(), reps: z.number(), failed: z.number() }).optional(),
  suest: z.object({ stat: z.number(), df: z.number(), p: z.number(), se: z.number() }).optional(),
  interaction: Estimate.optional(),
  /** Spatial models: Wald test with independent samples, (d)²/(V_group + V_reference) ~ χ²(1). */
  wald: z.object({ stat: z.number(), df: z.number(), p: z.number(), se: z.number() }).optional(),
});
export type GroupDifference = z.infer<typeof GroupDifference>;

export const HeterogeneityResult = z.object({
  kind: z.literal('heterogeneity'),
  model: z.string(),
  effects: z.string().optional(),
  vcov: z.string().optional(),
  nobs: z.number(),
  nunits: z.number(),
  nperiods: z.number(),
  droppedRows: z.number().optional(),
  groupBy: z.string(),
  groups: z.array(GroupFit),
  differences: z.array(GroupDifference),
  warnings: z.array(z.string()).optional(),
});
export type HeterogeneityResult = z.infer<typeof HeterogeneityResult>;
