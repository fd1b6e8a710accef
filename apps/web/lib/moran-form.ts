import type { AnalysisSpecInput } from '@spillover/contracts';
import { parseInteger } from './regression-form';

export type MoranSpecInput = Extract<AnalysisSpecInput, { kind: 'moran' }>;

export interface MoranForm {
  variable: string;
  weightsId: string;
  style: 'row' | 'none';
  permutations: boolean;
  reps: string;
  seed: string;
}

export function moranFormErrors(form: MoranForm): Record<string, string | undefined> {
  const reps = parseInteger(form.reps);
  return {
    variable: form.variable ? undefined : 'Choose the variable.',
    weights: form.weightsId ? undefined : "Moran's I needs a weights matrix.",
    reps:
      form.permutations && (reps === undefined || reps < 1 || reps > 100_000)
        ? 'Permutations: a whole number from 1 to 100,000.'
        : undefined,
    seed: form.permutations && parseInteger(form.seed) === undefined ? 'Seed: a whole number.' : undefined,
  };
}

/** The Moran spec the form describes, in the field order of the contract. */
export function moranSpec(form: MoranForm, unit: string, time: string): MoranSpecInput {
  return {
    kind: 'moran',
    unit,
    time,
    variable: form.variable,
    weights: { id: form.weightsId, style: form.style },
    ...(form.permutations
      ? { permutations: { reps: parseInteger(form.reps) ?? 999, seed: parseInteger(form.seed) ?? 1 } }
      : {}),
  };
}
