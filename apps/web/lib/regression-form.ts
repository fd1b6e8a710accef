import type { AnalysisSpecInput, FixedEffects, ModelName, VcovType } from '@spillover/contracts';

export type RegressionSpecInput = Extract<AnalysisSpecInput, { kind: 'regression' }>;

const allEffects = ['unit', 'time', 'twoways', 'none'] as const satisfies readonly FixedEffects[];

/** The models the regression form composes, and the fixed effects that make sense for each. */
export const formModels = [
  { value: 'ols', label: 'Pooled OLS', effects: ['none'] },
  { value: 'fe', label: 'Fixed effects (within)', effects: ['unit', 'time', 'twoways'] },
  { value: 're', label: 'Random effects (Swamy–Arora)', effects: ['unit'] },
  { value: 'sar', label: 'Spatial lag (SAR)', effects: allEffects },
  { value: 'sem', label: 'Spatial error (SEM)', effects: allEffects },
  { value: 'sac', label: 'Spatial lag and error (SAC)', effects: allEffects },
  { value: 'sdm', label: 'Spatial Durbin (SDM)', effects: allEffects },
  { value: 'sdem', label: 'Spatial Durbin error (SDEM)', effects: allEffects },
  { value: 'slx', label: 'Spatially lagged X (SLX)', effects: allEffects },
  { value: 'dsdm', label: 'Dynamic spatial Durbin (DSDM)', effects: ['twoways', 'unit'] },
  { value: 'dsar', label: 'Dynamic spatial lag (DSAR)', effects: ['twoways', 'unit'] },
] as const satisfies readonly { value: ModelName; label: string; effects: readonly FixedEffects[] }[];

export type FormModel = (typeof formModels)[number]['value'];

const spatial: ReadonlySet<FormModel> = new Set(['sar', 'sem', 'sac', 'sdm', 'sdem', 'slx', 'dsdm', 'dsar']);
const dynamic: ReadonlySet<FormModel> = new Set(['dsdm', 'dsar']);
/** Models with LeSage–Pace effects: a spatial lag of y or of x (SEM's effects are its coefficients). */
const withImpacts: ReadonlySet<FormModel> = new Set(['sar', 'sac', 'sdm', 'sdem', 'slx', 'dsdm', 'dsar']);
/** Lee–Yu (2010) bias correction: spatial-lag models with unit effects. */
const withLeeYu: ReadonlySet<FormModel> = new Set(['sar', 'sdm', 'dsdm', 'dsar']);
/** Non-spatial models that report LM tests when given weights. */
const withLmTests: ReadonlySet<FormModel> = new Set(['ols', 'fe']);

export const isSpatialModel = (model: FormModel) => spatial.has(model);
export const isDynamicModel = (model: FormModel) => dynamic.has(model);
export const hasImpacts = (model: FormModel) => withImpacts.has(model);
export const takesWeights = (model: FormModel) => spatial.has(model) || withLmTests.has(model);
export const allowsLeeYu = (model: FormModel, effects: FixedEffects) =>
  withLeeYu.has(model) && effects !== 'none';

export const effectLabels: Record<FixedEffects, string> = {
  none: 'None',
  unit: 'Unit',
  time: 'Time',
  twoways: 'Two-way (unit and time)',
};

export const vcovOptions: { value: VcovType; label: string }[] = [
  { value: 'classical', label: 'Classical' },
  { value: 'robust', label: 'Heteroskedasticity-robust' },
  { value: 'cluster', label: 'Clustered by unit' },
];

export const styleOptions: { value: 'row' | 'none'; label: string }[] = [
  { value: 'row', label: 'Row-standardised' },
  { value: 'none', label: 'As given' },
];

export function effectsFor(model: FormModel): readonly FixedEffects[] {
  return formModels.find((m) => m.value === model)?.effects ?? ['none'];
}

export interface RegressionForm {
  y: string;
  x: string[];
  model: FormModel;
  effects: FixedEffects;
  vcov: VcovType;
  /** Id of a stored weights matrix, '' for none. */
  weightsId: string;
  style: 'row' | 'none';
  leeYu: boolean;
  impacts: boolean;
  /** Kept as typed; checked by `regressionFormErrors`. */
  draws: string;
  seed: string;
  timeLag: boolean;
  spaceTimeLag: boolean;
}

export const defaultSpatialOptions = {
  weightsId: '',
  style: 'row',
  leeYu: false,
  impacts: true,
  draws: '1000',
  seed: '1',
  timeLag: true,
  spaceTimeLag: true,
} as const satisfies Partial<RegressionForm>;

/** A whole number typed into a form, or undefined. */
export function parseInteger(text: string): number | undefined {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : undefined;
}

/** Problems the form can see before submitting, keyed by field. */
export function regressionFormErrors(form: RegressionForm): Record<string, string | undefined> {
  const draws = parseInteger(form.draws);
  return {
    y: form.y ? undefined : 'Choose the dependent variable.',
    x: form.x.length > 0 ? undefined : 'Choose at least one regressor.',
    weights:
      isSpatialModel(form.model) && !form.weightsId ? 'A spatial model needs a weights matrix.' : undefined,
    draws:
      hasImpacts(form.model) && form.impacts && (draws === undefined || draws < 0 || draws > 100_000)
        ? 'Draws: a whole number from 0 to 100,000.'
        : undefined,
    seed:
      hasImpacts(form.model) && form.impacts && parseInteger(form.seed) === undefined
        ? 'Seed: a whole number.'
        : undefined,
    dynamic:
      isDynamicModel(form.model) && !form.timeLag && !form.spaceTimeLag
        ? 'A dynamic model needs the time lag or the spatial-time lag.'
        : undefined,
  };
}

/** The spec the form describes, in the field order of the contract (defaults left out). */
export function regressionSpec(form: RegressionForm, unit: string, time: string): RegressionSpecInput {
  const spec: RegressionSpecInput = {
    kind: 'regression',
    unit,
    time,
    y: form.y,
    x: form.x,
    model: form.model,
    effects: form.effects,
  };
  if (takesWeights(form.model) && form.weightsId) spec.weights = { id: form.weightsId, style: form.style };
  spec.vcov = form.vcov;
  if (allowsLeeYu(form.model, form.effects) && form.leeYu) spec.leeYu = true;
  if (isDynamicModel(form.model)) spec.dynamic = { timeLag: form.timeLag, spaceTimeLag: form.spaceTimeLag };
  if (hasImpacts(form.model) && form.impacts) {
    spec.impacts = { draws: parseInteger(form.draws) ?? 1000, seed: parseInteger(form.seed) ?? 1 };
  }
  return spec;
}
