import { z } from 'zod';
import { EntropyIndexSpec, KeywordCountSpec, LocationQuotientSpec, TransformSpec } from './measurement.js';
import { HeterogeneitySpec, MediationSpec, ThresholdSpec } from './mechanisms.js';
import { WeightsSpec } from './weights-spec.js';

/** Analysis spec, contract version 1 (../shared/docs/analysis-spec.md). Unknown fields are rejected. */

export const modelNames = [
  'ols',
  'fe',
  're',
  'sar',
  'sem',
  'sac',
  'sdm',
  'sdem',
  'slx',
  'dsdm',
  'dsar',
] as const;
export const ModelName = z.enum(modelNames);
export type ModelName = z.infer<typeof ModelName>;

/** Models estimated by maximum likelihood with a spatial weights matrix. */
export const spatialModels: readonly ModelName[] = [
  'sar',
  'sem',
  'sac',
  'sdm',
  'sdem',
  'slx',
  'dsdm',
  'dsar',
];

export const FixedEffects = z.enum(['none', 'unit', 'time', 'twoways']);
export type FixedEffects = z.infer<typeof FixedEffects>;

export const VcovType = z.enum(['classical', 'cluster', 'robust']);
export type VcovType = z.infer<typeof VcovType>;

const columnName = z.string().min(1, 'a column name cannot be empty');

export { WeightsSpec } from './weights-spec.js';

export const ImpactsSpec = z.strictObject({
  draws: z.number().int().min(0).max(100_000).default(1000),
  seed: z.number().int().default(1),
});
export type ImpactsSpec = z.infer<typeof ImpactsSpec>;

const panelFields = {
  /** Path of the panel CSV relative to the spec file (CLI); the platform supplies the dataset instead. */
  data: z.string().min(1).optional(),
  unit: columnName,
  time: columnName,
};

export const RegressionSpec = z.strictObject({
  kind: z.literal('regression'),
  ...panelFields,
  y: columnName,
  x: z.array(columnName).min(1, 'x needs at least one regressor'),
  model: ModelName,
  effects: FixedEffects.default('none'),
  weights: WeightsSpec.optional(),
  durbin: z.array(columnName).optional(),
  vcov: VcovType.default('classical'),
  leeYu: z.boolean().default(false),
  /** Dynamic models (dsdm, dsar): which lags of y enter, L.y = y_{t-1} and W*L.y = W y_{t-1} (both by default). */
  dynamic: z
    .strictObject({ timeLag: z.boolean().default(true), spaceTimeLag: z.boolean().default(true) })
    .refine((d) => d.timeLag || d.spaceTimeLag, 'a dynamic model needs timeLag or spaceTimeLag')
    .optional(),
  /** Dynamic models with leeYu: also report the estimates before the bias correction (`uncorrected`). */
  reportUncorrected: z.boolean().optional(),
  impacts: ImpactsSpec.optional(),
  /**
   * Tests of restrictions (spatial ML models), reported under `tests`: `sdm-vs-sar` (θ = 0) and `sdm-vs-sem`
   * (common factor θ = −ρβ), Wald and LR, for an SDM; `fixed-effects`: LR of the unit and/or time effects
   * against the same model without them. An SDM without this field reports the two Wald tests.
   */
  tests: z.array(z.enum(['sdm-vs-sar', 'sdm-vs-sem', 'fixed-effects'])).optional(),
  /** Endogenous regressor → its instruments, e.g. `{ "lpcap": ["L.lpcap"] }`. */
  instruments: z.record(z.string(), z.array(columnName).min(1)).optional(),
  title: z.string().max(200).optional(),
});
export type RegressionSpec = z.infer<typeof RegressionSpec>;

export const MoranSpec = z.strictObject({
  kind: z.literal('moran'),
  ...panelFields,
  variable: columnName,
  weights: WeightsSpec,
  /** Permutation inference: number of random permutations and the seed. */
  permutations: z
    .strictObject({ reps: z.number().int().min(0).max(100_000), seed: z.number().int().default(1) })
    .optional(),
  /**
   * Local Moran (LISA) of one period (default: the last) with HH/LL/HL/LH clusters at level `alpha`,
   * significance by the normal approximation or, with `permutations`, by conditional permutation (seeded
   * by `seed`, default that of the global permutations or 1).
   */
  lisa: z
    .strictObject({
      time: z.union([z.number(), z.string()]).optional(),
      alpha: z.number().gt(0).lt(1).default(0.05),
      permutations: z.number().int().min(0).max(100_000).optional(),
      seed: z.number().int().optional(),
    })
    .optional(),
  title: z.string().max(200).optional(),
});
export type MoranSpec = z.infer<typeof MoranSpec>;

export const AnalysisSpec = z.discriminatedUnion('kind', [
  RegressionSpec,
  MoranSpec,
  EntropyIndexSpec,
  LocationQuotientSpec,
  KeywordCountSpec,
  TransformSpec,
  MediationSpec,
  ThresholdSpec,
  HeterogeneitySpec,
]);
export type AnalysisSpec = z.infer<typeof AnalysisSpec>;
/** The spec as written by a user, before defaults are filled in. */
export type AnalysisSpecInput = z.input<typeof AnalysisSpec>;
export type AnalysisKind = AnalysisSpec['kind'];

/** Columns of the panel a spec refers to, with the spec field that names each (for error messages). */
export function referencedColumns(spec: AnalysisSpec): { field: string; column: string }[] {
  const out: { field: string; column: string }[] = [
    { field: 'unit', column: spec.unit },
    { field: 'time', column: spec.time },
  ];
  switch (spec.kind) {
    case 'regression':
      out.push({ field: 'y', column: spec.y });
      spec.x.forEach((column, i) => out.push({ field: `x[${i}]`, column }));
      (spec.durbin ?? []).forEach((column, i) => out.push({ field: `durbin[${i}]`, column }));
      for (const [endogenous, list] of Object.entries(spec.instruments ?? {})) {
        out.push({ field: `instruments`, column: endogenous });
        list.forEach((column, i) =>
          out.push({ field: `instruments.${endogenous}[${i}]`, column: column.replace(/^L\d*\./, '') }),
        );
      }
      break;
    case 'moran':
      out.push({ field: 'variable', column: spec.variable });
      break;
    case 'entropy-index':
      spec.indicators.forEach((indicator, i) =>
        out.push({ field: `indicators[${i}].column`, column: indicator.column }),
      );
      break;
    case 'location-quotient':
      for (const field of ['sector', 'total', 'nationalSector', 'nationalTotal', 'area'] as const) {
        const column = spec[field];
        if (column !== undefined) out.push({ field, column });
      }
      break;
    case 'keyword-count':
      // its `text` column holds text, not numbers: the analysis checks it
      break;
    case 'transform':
      // a step may use a column written by an earlier step: only columns not created before count
      {
        const created = new Set<string>();
        spec.steps.forEach((step, i) => {
          const used = step.op === 'interact' ? step.columns : step.op === 'membership' ? [] : [step.column];
          used.forEach((column, j) => {
            if (!created.has(column)) {
              out.push({
                field: step.op === 'interact' ? `steps[${i}].columns[${j}]` : `steps[${i}].column`,
                column,
              });
            }
          });
          created.add(step.as);
        });
      }
      break;
    case 'mediation':
      out.push({ field: 'y', column: spec.y }, { field: 'treatment', column: spec.treatment });
      spec.mediators.forEach((column, i) => out.push({ field: `mediators[${i}]`, column }));
      spec.x.forEach((column, i) => out.push({ field: `x[${i}]`, column }));
      break;
    case 'threshold':
      out.push({ field: 'y', column: spec.y });
      spec.x.forEach((column, i) => out.push({ field: `x[${i}]`, column }));
      out.push(
        { field: 'regimeVariable', column: spec.regimeVariable },
        { field: 'thresholdVariable', column: spec.thresholdVariable },
      );
      break;
    case 'heterogeneity':
      out.push({ field: 'y', column: spec.y });
      spec.x.forEach((column, i) => out.push({ field: `x[${i}]`, column }));
      out.push(
        typeof spec.groupBy === 'string'
          ? { field: 'groupBy', column: spec.groupBy }
          : { field: 'groupBy.median', column: spec.groupBy.median },
      );
      break;
  }
  return out;
}
