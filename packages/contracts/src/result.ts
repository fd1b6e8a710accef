import { z } from 'zod';
import {
  EntropyIndexResult,
  KeywordCountResult,
  LocationQuotientResult,
  TransformResult,
} from './measurement.js';
import { HeterogeneityResult, MediationResult, ThresholdResult } from './mechanisms.js';

/** Result JSON, contract version 1 (../shared/docs/analysis-spec.md). Fields may be added; these keep their meaning. */

export const Estimate = z.object({
  estimate: z.number(),
  se: z.number().optional(),
  stat: z.number().optional(),
  p: z.number().optional(),
});
export type Estimate = z.infer<typeof Estimate>;

export const TestStatistic = z.object({ stat: z.number(), df: z.number(), p: z.number() });
export type TestStatistic = z.infer<typeof TestStatistic>;

const EffectsTable = z.record(z.string(), Estimate);
export const Impacts = z.object({ direct: EffectsTable, indirect: EffectsTable, total: EffectsTable });
export type Impacts = z.infer<typeof Impacts>;

/** Diagnostics of an instrumental-variables fit (formulas: packages/core/src/estimators/iv-diagnostics.ts). */
export const IvDiagnostics = z.object({
  /** Per endogenous regressor: Wald F of its excluded instruments in the first stage, with the fit's covariance. */
  firstStage: z.record(
    z.string(),
    z.object({ F: z.number(), df1: z.number(), df2: z.number(), p: z.number(), partialR2: z.number() }),
  ),
  craggDonaldF: z.number(),
  /** Robust and cluster covariances only (Kleibergen-Paap rk Wald F). */
  kleibergenPaapF: z.number().optional(),
  /** H0: the equation is under-identified (Anderson LM when classical, Kleibergen-Paap rk LM otherwise). */
  underidentification: TestStatistic.extend({ name: z.string() }),
  /** H0: the over-identifying restrictions hold (df 0 when exactly identified). */
  overidentification: TestStatistic.extend({ name: z.enum(['Hansen J', 'Sargan']) }),
});
export type IvDiagnostics = z.infer<typeof IvDiagnostics>;

export const RegressionResult = z.object({
  kind: z.literal('regression'),
  model: z.string(),
  effects: z.string().optional(),
  vcov: z.string().optional(),
  nobs: z.number(),
  nunits: z.number(),
  nperiods: z.number(),
  /** Rows dropped by listwise deletion of missing values. */
  droppedRows: z.number().optional(),
  balanced: z.boolean().optional(),
  coefficients: z.record(z.string(), Estimate),
  rho: Estimate.optional(),
  lambda: Estimate.optional(),
  sigma2: z.number().optional(),
  logLik: z.number().optional(),
  aic: z.number().optional(),
  bic: z.number().optional(),
  df: z.number().optional(),
  r2: z.number().optional(),
  r2Adj: z.number().optional(),
  r2Within: z.number().optional(),
  fStat: z.object({ stat: z.number(), df1: z.number(), df2: z.number(), p: z.number() }).optional(),
  ercomp: z.object({ sigma2Idios: z.number(), sigma2Unit: z.number(), theta: z.number() }).optional(),
  hausman: TestStatistic.optional(),
  lmTests: z.record(z.string(), TestStatistic).optional(),
  /**
   * Tests of model restrictions: `sdmVsSarWald`, `sdmVsSarLr`, `sdmVsSemWald`, `sdmVsSemLr` (common factor),
   * `unitEffectsLr`, `timeEffectsLr` (joint significance of the fixed effects, Elhorst 2014).
   */
  tests: z.record(z.string(), TestStatistic).optional(),
  impacts: Impacts.optional(),
  /** Instrumental-variables fits. */
  iv: IvDiagnostics.optional(),
  impactsLongRun: Impacts.optional(),
  /** Dynamic models: stationarity of y_t = A y_{t-1} + …, A = (I − ρW)⁻¹(τI + ηW); stable when maxModulus < 1. */
  stability: z
    .object({
      stable: z.boolean(),
      tauPlusRhoPlusEta: z.number(),
      maxModulus: z.number(),
      condition: z.string(),
    })
    .optional(),
  /** Dynamic models with leeYu and reportUncorrected: the quasi-ML estimates before the bias correction. */
  uncorrected: z
    .object({ coefficients: z.record(z.string(), Estimate), rho: Estimate, sigma2: z.number() })
    .optional(),
  warnings: z.array(z.string()).optional(),
});
export type RegressionResult = z.infer<typeof RegressionResult>;

export const MoranPeriod = z.object({
  time: z.union([z.number(), z.string()]),
  I: z.number(),
  expectation: z.number(),
  variance: z.number(),
  z: z.number(),
  p: z.number(),
  pTwoSided: z.number(),
  pPermutation: z.number().optional(),
  /** Geary's C with its randomisation moments; z > 0 means positive autocorrelation (C < 1). */
  geary: z
    .object({
      C: z.number(),
      expectation: z.number(),
      variance: z.number(),
      z: z.number(),
      p: z.number(),
      pTwoSided: z.number(),
    })
    .optional(),
});
export type MoranPeriod = z.infer<typeof MoranPeriod>;

export const MoranResult = z.object({
  kind: z.literal('moran'),
  variable: z.string(),
  nunits: z.number(),
  nperiods: z.number(),
  byTime: z.array(MoranPeriod),
  pooled: MoranPeriod.omit({ time: true }).optional(),
  /**
   * Moran scatter plot data per period, in period order: each unit's standardised value z = (x − x̄)/s
   * (s the population standard deviation of the period) against its spatial lag Wz.
   */
  scatter: z
    .array(
      z.object({
        time: z.union([z.number(), z.string()]),
        points: z.array(z.object({ unit: z.string(), z: z.number(), wz: z.number() })),
      }),
    )
    .optional(),
  /** Local Moran (LISA) of one period: per unit I_i, z, p and the cluster (quadrant if p < alpha). */
  lisa: z
    .object({
      time: z.union([z.number(), z.string()]),
      alpha: z.number(),
      /** Conditional permutations behind `pPermutation` (absent: normal approximation only). */
      permutations: z.number().optional(),
      units: z.array(
        z.object({
          unit: z.string(),
          I: z.number(),
          expectation: z.number(),
          variance: z.number(),
          z: z.number(),
          p: z.number(),
          pPermutation: z.number().optional(),
          quadrant: z.enum(['HH', 'LL', 'HL', 'LH']),
          cluster: z.enum(['HH', 'LL', 'HL', 'LH', 'not significant']),
        }),
      ),
    })
    .optional(),
  warnings: z.array(z.string()).optional(),
});
export type MoranResult = z.infer<typeof MoranResult>;

export const AnalysisResult = z.discriminatedUnion('kind', [
  RegressionResult,
  MoranResult,
  EntropyIndexResult,
  LocationQuotientResult,
  KeywordCountResult,
  TransformResult,
  MediationResult,
  ThresholdResult,
  HeterogeneityResult,
]);
export type AnalysisResult = z.infer<typeof AnalysisResult>;
