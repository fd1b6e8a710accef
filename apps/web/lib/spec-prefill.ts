import type { AnalysisSpec } from '@spillover/contracts';
import { defaultSpatialOptions, formModels, type FormModel, type RegressionForm } from './regression-form';

/** sessionStorage key of the spec "Edit and run" hands to the composer. */
const prefillKey = 'spillover.prefill';

interface Prefill {
  datasetId: string;
  spec: AnalysisSpec;
  title: string | null;
}

/** Remembers a spec for the composer of `datasetId` (read once by `takePrefill`). */
export function storePrefill(prefill: Prefill): void {
  window.sessionStorage.setItem(prefillKey, JSON.stringify(prefill));
}

/** The form a stored regression spec describes. */
export function regressionFormOf(spec: Extract<AnalysisSpec, { kind: 'regression' }>): RegressionForm {
  const model = formModels.some((m) => m.value === spec.model) ? (spec.model as FormModel) : 'fe';
  return {
    ...defaultSpatialOptions,
    y: spec.y,
    x: [...spec.x],
    model,
    effects: spec.effects,
    vcov: spec.vcov,
    weightsId: spec.weights?.id ?? '',
    style: spec.weights?.style ?? 'row',
    leeYu: spec.leeYu,
    impacts: spec.impacts !== undefined,
    draws: String(spec.impacts?.draws ?? defaultSpatialOptions.draws),
    seed: String(spec.impacts?.seed ?? defaultSpatialOptions.seed),
    timeLag: spec.dynamic?.timeLag ?? true,
    spaceTimeLag: spec.dynamic?.spaceTimeLag ?? true,
  };
}

/** The regression form and title remembered for `datasetId`; undefined when none. */
export function readPrefill(datasetId: string): { form: RegressionForm; title: string } | undefined {
  if (typeof window === 'undefined') return undefined;
  const text = window.sessionStorage.getItem(prefillKey);
  if (!text) return undefined;
  const prefill = JSON.parse(text) as Prefill;
  if (prefill.datasetId !== datasetId || prefill.spec.kind !== 'regression') return undefined;
  return { form: regressionFormOf(prefill.spec), title: prefill.title ?? '' };
}

/** Forgets the handed-over spec once the composer has taken it (after mount: strict mode reads twice). */
export function clearPrefill(): void {
  window.sessionStorage.removeItem(prefillKey);
}
