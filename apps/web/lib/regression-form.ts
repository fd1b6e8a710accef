import type { AnalysisSpecInput, FixedEffects, VcovType } from '@spillover/contracts';

export type RegressionSpecInput = Extract<AnalysisSpecInput, { kind: 'regression' }>;

/** The models the regression form composes, and the fixed effects that make sense for each. */
export const formModels = [
  { value: 'ols', label: 'Pooled OLS', effects: ['none'] },
  { value: 'fe', label: 'Fixed effects (within)', effects: ['unit', 'time', 'twoways'] },
  { value: 're', label: 'Random effects (Swamy–Arora)', effects: ['unit'] },
] as const satisfies readonly { value: string; label: string; effects: readonly FixedEffects[] }[];

export type FormModel = (typeof formModels)[number]['value'];

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

export function effectsFor(model: FormModel): readonly FixedEffects[] {
  return formModels.find((m) => m.value === model)?.effects ?? ['none'];
}

export interface RegressionForm {
  y: string;
  x: string[];
  model: FormModel;
  effects: FixedEffects;
  vcov: VcovType;
}

/** The spec the form describes, in the field order of the contract (defaults left out). */
export function regressionSpec(form: RegressionForm, unit: string, time: string): RegressionSpecInput {
  return {
    kind: 'regression',
    unit,
    time,
    y: form.y,
    x: form.x,
    model: form.model,
    effects: form.effects,
    vcov: form.vcov,
  };
}
