import { z } from 'zod';

/**
 * Measurement analyses (contract version 1): composite indices by the entropy-weight method,
 * location quotients, keyword counts of policy texts and the variable transformations of a panel.
 * Formulas: packages/core/src/measurement (each function's comment).
 */

const columnName = z.string().min(1, 'a column name cannot be empty');
const title = z.string().max(200).optional();
const panelFields = {
  /** Path of the panel CSV relative to the spec file (CLI); the platform supplies the dataset instead. */
  data: z.string().min(1).optional(),
  unit: columnName,
  time: columnName,
};
/** Name prefix of the columns an analysis adds to the panel (letters, digits, `_`, `.`). */
const outputName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'use letters, digits, "_" or "." and start with a letter or "_"');
const time = z.union([z.number(), z.string()]);

// ---------------------------------------------------------------- entropy-weight composite index

export const EntropyIndicator = z.strictObject({
  column: columnName,
  /** `+`: more is better; `-`: less is better. */
  direction: z.enum(['+', '-']),
  /** Dimension (sub-index) the indicator belongs to. */
  group: z.string().min(1, 'a group name cannot be empty').default('index'),
});
export type EntropyIndicator = z.infer<typeof EntropyIndicator>;

export const EntropyIndexSpec = z.strictObject({
  kind: z.literal('entropy-index'),
  ...panelFields,
  indicators: z.array(EntropyIndicator).min(2, 'indicators needs at least two indicators'),
  /**
   * `pooled`: one set of weights from all unit-periods; `per-period`: weights and min-max
   * normalisation within each period; `global`: the time-stacked global entropy method
   * (pooled min-max, values shifted by 0.0001 before the entropy and the scores).
   */
  weighting: z.enum(['pooled', 'per-period', 'global']).default('pooled'),
  /** `entropy`: weighted sum of the normalised indicators; `topsis`: entropy-weighted TOPSIS closeness. */
  method: z.enum(['entropy', 'topsis']).default('entropy'),
  /** Missing indicator cells: an error naming the cell (default), or listwise deletion of the unit-period. */
  missing: z.enum(['error', 'listwise']).default('error'),
  /** Name of the score column written to a new panel version (`<output>` and `<output>_<group>`). */
  output: outputName.default('index'),
  title,
});
export type EntropyIndexSpec = z.infer<typeof EntropyIndexSpec>;

export const EntropyScore = z.object({
  unit: z.string(),
  time,
  score: z.number(),
  groups: z.record(z.string(), z.number()),
});
export type EntropyScore = z.infer<typeof EntropyScore>;

const IndicatorTable = z.record(z.string(), z.number());

export const EntropyPeriod = z.object({
  time,
  nobs: z.number(),
  weights: IndicatorTable,
  entropy: IndicatorTable,
  divergence: IndicatorTable,
});
export type EntropyPeriod = z.infer<typeof EntropyPeriod>;

export const EntropyIndexResult = z.object({
  kind: z.literal('entropy-index'),
  weighting: z.enum(['pooled', 'per-period', 'global']).optional(),
  method: z.enum(['entropy', 'topsis']).optional(),
  nobs: z.number(),
  nunits: z.number(),
  nperiods: z.number(),
  droppedRows: z.number().optional(),
  /** Per indicator. With per-period weighting: the mean over the periods (each period under `byPeriod`). */
  weights: IndicatorTable,
  entropy: IndicatorTable,
  divergence: IndicatorTable,
  /** Group → indicator → weight renormalised within the group. */
  groupWeights: z.record(z.string(), IndicatorTable),
  /** In the panel's (unit, time) order. */
  scores: z.array(EntropyScore),
  byPeriod: z.array(EntropyPeriod).optional(),
  warnings: z.array(z.string()).optional(),
});
export type EntropyIndexResult = z.infer<typeof EntropyIndexResult>;

// ---------------------------------------------------------------- location quotient

export const LocationQuotientSpec = z.strictObject({
  kind: z.literal('location-quotient'),
  ...panelFields,
  /** Employment (or output) of the sector in the unit, e_it. */
  sector: columnName,
  /** Total employment (or output) of the unit, E_it. */
  total: columnName,
  /** National sector and total per period as columns; by default both are summed over the panel's units. */
  nationalSector: columnName.optional(),
  nationalTotal: columnName.optional(),
  /** Land area (km²): adds the density e_it / area_it. */
  area: columnName.optional(),
  output: outputName.default('lq'),
  title,
});
export type LocationQuotientSpec = z.infer<typeof LocationQuotientSpec>;

export const LocationQuotientRow = z.object({
  unit: z.string(),
  time,
  lq: z.number(),
  /** Sector per km² (with `area`). */
  density: z.number().optional(),
});

export const LocationQuotientResult = z.object({
  kind: z.literal('location-quotient'),
  nobs: z.number(),
  nunits: z.number(),
  nperiods: z.number(),
  /** National sector and total of each period, and its share e_Nt / E_Nt. */
  national: z.array(z.object({ time, sector: z.number(), total: z.number(), share: z.number() })),
  /** In the panel's (unit, time) order. */
  values: z.array(LocationQuotientRow),
  warnings: z.array(z.string()).optional(),
});
export type LocationQuotientResult = z.infer<typeof LocationQuotientResult>;

// ---------------------------------------------------------------- keyword counts

export const KeywordDictionary = z.strictObject({
  /** Replaces the default dictionary. */
  terms: z.array(z.string().trim().min(1)).min(1).optional(),
  /** Added to the dictionary (default or `terms`). */
  add: z.array(z.string().trim().min(1)).optional(),
  /** Removed from it. */
  remove: z.array(z.string().trim().min(1)).optional(),
});
export type KeywordDictionary = z.infer<typeof KeywordDictionary>;

export const KeywordCountSpec = z.strictObject({
  kind: z.literal('keyword-count'),
  ...panelFields,
  /** The text column of the panel CSV (one document per unit and period). */
  text: columnName.default('text'),
  dictionary: KeywordDictionary.optional(),
  output: outputName.default('digital'),
  title,
});
export type KeywordCountSpec = z.infer<typeof KeywordCountSpec>;

export const KeywordText = z.object({
  unit: z.string(),
  time,
  /** Non-overlapping dictionary matches. */
  count: z.number(),
  /** Non-whitespace characters (Unicode code points). */
  characters: z.number(),
  /** count per 10,000 characters (0 for an empty text). */
  frequency: z.number(),
  /** ln(1 + count). */
  lnCount: z.number(),
  terms: z.record(z.string(), z.number()),
});
export type KeywordText = z.infer<typeof KeywordText>;

export const KeywordCountResult = z.object({
  kind: z.literal('keyword-count'),
  nobs: z.number(),
  nunits: z.number(),
  nperiods: z.number(),
  dictionary: z.array(z.string()),
  totals: z.record(z.string(), z.number()),
  /** In the panel's (unit, time) order. */
  texts: z.array(KeywordText),
  warnings: z.array(z.string()).optional(),
});
export type KeywordCountResult = z.infer<typeof KeywordCountResult>;

// ---------------------------------------------------------------- transformations

const newColumn = outputName;
const pooledOrPerPeriod = z.enum(['pooled', 'per-period']).default('pooled');
const lagOrder = z.number().int().min(1).max(100).default(1);
const fraction = z.number().min(0).max(1);

export const TransformStep = z.discriminatedUnion('op', [
  /** ln(x); x must be > 0. */
  z.strictObject({ op: z.literal('ln'), column: columnName, as: newColumn }),
  /** ln(1 + x); x must be > −1. */
  z.strictObject({ op: z.literal('ln1p'), column: columnName, as: newColumn }),
  /** x of the same unit `order` periods earlier. */
  z.strictObject({ op: z.literal('lag'), column: columnName, as: newColumn, order: lagOrder }),
  /** x_t − x_{t−order}. */
  z.strictObject({ op: z.literal('diff'), column: columnName, as: newColumn, order: lagOrder }),
  /** Clamp to the `lower` and `upper` quantiles (fractions, R type 7). */
  z.strictObject({
    op: z.literal('winsorize'),
    column: columnName,
    as: newColumn,
    lower: fraction.default(0.01),
    upper: fraction.default(0.99),
    by: pooledOrPerPeriod,
  }),
  /** (x − mean) / sd (sd with n − 1). */
  z.strictObject({ op: z.literal('standardize'), column: columnName, as: newColumn, by: pooledOrPerPeriod }),
  /** Product of the columns; `center` subtracts each column's mean first. */
  z.strictObject({
    op: z.literal('interact'),
    columns: z.array(columnName).min(2, 'interact needs at least two columns'),
    as: newColumn,
    center: z.boolean().default(false),
  }),
  /** 1 when x is above the median, else 0. */
  z.strictObject({ op: z.literal('median-split'), column: columnName, as: newColumn, by: pooledOrPerPeriod }),
  /** 1 for the listed units, else 0. */
  z.strictObject({ op: z.literal('membership'), units: z.array(z.string().min(1)).min(1), as: newColumn }),
]);
export type TransformStep = z.infer<typeof TransformStep>;

export const TransformSpec = z.strictObject({
  kind: z.literal('transform'),
  ...panelFields,
  steps: z.array(TransformStep).min(1, 'steps needs at least one step'),
  title,
});
export type TransformSpec = z.infer<typeof TransformSpec>;

export const ColumnSummary = z.object({
  n: z.number(),
  missing: z.number(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export type ColumnSummary = z.infer<typeof ColumnSummary>;

export const TransformResult = z.object({
  kind: z.literal('transform'),
  nobs: z.number(),
  nunits: z.number(),
  nperiods: z.number(),
  /** New column → values in the panel CSV's row order (null = missing). */
  columns: z.record(z.string(), z.array(z.number().nullable())),
  summary: z.record(z.string(), ColumnSummary),
  /** The steps as applied (defaults filled in). */
  provenance: z.array(TransformStep),
  warnings: z.array(z.string()).optional(),
});
export type TransformResult = z.infer<typeof TransformResult>;
