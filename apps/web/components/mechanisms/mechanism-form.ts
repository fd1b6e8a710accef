import type { AnalysisSpecInput } from '@spillover/contracts';
import { parseInteger } from '../../lib/regression-form';

export type MechanismKind = 'mediation' | 'heterogeneity' | 'threshold';
export type MechanismSpecInput = Extract<AnalysisSpecInput, { kind: MechanismKind }>;
type Effects = 'none' | 'unit' | 'time' | 'twoways';
type Vcov = 'classical' | 'robust' | 'cluster';

/** Everything the composer edits, as text where the user types. */
export interface MechanismForm {
  kind: MechanismKind;
  y: string;
  controls: string[];
  model: 'ols' | 'fe';
  effects: Effects;
  vcov: Vcov;
  reps: string;
  seed: string;
  // mediation
  treatment: string;
  mediators: string[];
  // heterogeneity
  groupMode: 'column' | 'median';
  groupColumn: string;
  medianOf: string;
  medianWithin: 'pooled' | 'period';
  tested: string[];
  suest: boolean;
  interaction: boolean;
  // threshold
  thresholdVariable: string;
  regimeVariable: string;
  thresholds: '1' | '2' | '3';
  trim: string;
  grid: string;
}

export function initialMechanismForm(kind: MechanismKind, variables: string[]): MechanismForm {
  return {
    kind,
    y: variables[0] ?? '',
    controls: [],
    model: 'fe',
    effects: kind === 'threshold' ? 'unit' : 'twoways',
    vcov: 'cluster',
    reps: kind === 'heterogeneity' ? '1000' : '500',
    seed: '1',
    treatment: variables[1] ?? '',
    mediators: [],
    groupMode: 'median',
    groupColumn: '',
    medianOf: variables[1] ?? '',
    medianWithin: 'pooled',
    tested: [],
    suest: true,
    interaction: true,
    thresholdVariable: variables[2] ?? '',
    regimeVariable: variables[1] ?? '',
    thresholds: '1',
    trim: '0.05',
    grid: 'all',
  };
}

/** Problems the form can see before submitting, keyed by field. */
export function mechanismFormErrors(form: MechanismForm): Record<string, string | undefined> {
  const reps = parseInteger(form.reps);
  const trim = Number(form.trim);
  const grid = parseInteger(form.grid);
  const errors: Record<string, string | undefined> = {
    y: form.y ? undefined : 'Choose the outcome.',
    reps:
      reps === undefined || reps < 0 || reps > 100_000
        ? 'Replications: a whole number from 0 to 100,000.'
        : undefined,
    seed: parseInteger(form.seed) === undefined ? 'Seed: a whole number.' : undefined,
  };
  if (form.kind === 'mediation') {
    errors.treatment = form.treatment ? undefined : 'Choose the treatment.';
    errors.mediators = form.mediators.length > 0 ? undefined : 'Choose at least one mediator.';
  } else if (form.kind === 'heterogeneity') {
    errors.x = form.controls.length > 0 ? undefined : 'Choose at least one regressor.';
    errors.groupBy = (form.groupMode === 'column' ? form.groupColumn : form.medianOf)
      ? undefined
      : 'Choose how to form groups.';
  } else {
    errors.thresholdVariable = form.thresholdVariable ? undefined : 'Choose the threshold variable.';
    errors.regimeVariable = form.regimeVariable ? undefined : 'Choose the regime-dependent regressor.';
    errors.trim = trim > 0 && trim < 0.5 ? undefined : 'Trim: a share above 0 and below 0.5.';
    errors.grid =
      form.grid === 'all' || (grid !== undefined && grid >= 3)
        ? undefined
        : 'Grid: "all" or a whole number of at least 3.';
  }
  return errors;
}

/** The spec the form describes, in the field order of the contract. */
export function mechanismSpec(form: MechanismForm, unit: string, time: string): MechanismSpecInput {
  const resampling = { reps: parseInteger(form.reps) ?? 0, seed: parseInteger(form.seed) ?? 1 };
  const effects = form.model === 'ols' ? 'none' : form.effects;
  switch (form.kind) {
    case 'mediation':
      return {
        kind: 'mediation',
        unit,
        time,
        y: form.y,
        treatment: form.treatment,
        mediators: form.mediators,
        x: form.controls,
        model: form.model,
        effects,
        vcov: form.vcov,
        bootstrap: resampling,
      };
    case 'heterogeneity':
      return {
        kind: 'heterogeneity',
        unit,
        time,
        y: form.y,
        x: form.controls,
        model: form.model,
        effects,
        vcov: form.vcov,
        groupBy:
          form.groupMode === 'column'
            ? form.groupColumn
            : { median: form.medianOf, within: form.medianWithin },
        test: {
          ...(form.tested.length > 0 ? { coefficients: form.tested } : {}),
          permutation: resampling,
          suest: form.suest,
          interaction: form.interaction,
        },
      };
    case 'threshold':
      return {
        kind: 'threshold',
        unit,
        time,
        y: form.y,
        x: form.controls,
        regimeVariable: form.regimeVariable,
        thresholdVariable: form.thresholdVariable,
        thresholds: Number(form.thresholds) as 1 | 2 | 3,
        trim: Number(form.trim),
        grid: form.grid === 'all' ? 'all' : (parseInteger(form.grid) ?? 'all'),
        bootstrap: resampling,
        vcov: form.vcov,
      };
  }
}
