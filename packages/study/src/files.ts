/** File names of the study's data, and specs pointing at them (the CLI's results/NN-<id>.json). */
import type { AnalysisSpecInput } from '@spillover/contracts';
import type { StudyMeasurementStep, StudyPlannedStep, StudyPreparation } from './types.js';

/** data/ file of each panel a step reads (measurement inputs and planned datasets). */
export const studyDataFiles = {
  panel: 'panel.csv',
  texts: 'texts.csv',
  analysis: 'analysis-panel.csv',
  balanced: 'analysis-panel-balanced.csv',
} as const;

/** `05-calibration.json`: position is 1-based over the measurement steps and the plan. */
export function studyResultFileName(position: number, id: string): string {
  return `${String(position).padStart(2, '0')}-${id}.json`;
}

/**
 * The step's spec with `data` (and `weights.path`) naming the files in `dataDir`, so that it can be
 * re-run with `spillover fit` from the results/ folder.
 */
export function studySpecWithFiles(
  step: StudyPlannedStep | StudyMeasurementStep,
  preparation: StudyPreparation,
  dataDir = '../data',
): AnalysisSpecInput {
  const file = 'input' in step ? studyDataFiles[step.input] : studyDataFiles[step.dataset];
  const { kind, ...rest } = step.spec;
  const spec = { kind, data: `${dataDir}/${file}`, ...rest } as AnalysisSpecInput;
  const key = 'dataset' in step ? step.weights : undefined;
  if (key === undefined || !('weights' in spec) || !spec.weights) return spec;
  const path = `${dataDir}/${preparation.weights.find((w) => w.key === key)!.file}`;
  return { ...spec, weights: { path, ...spec.weights } } as AnalysisSpecInput;
}
