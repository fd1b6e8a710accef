/** Running planned steps in process with core's runAnalysis (the CLI; the platform queues them instead). */
import type { AnalysisResult } from '@spillover/contracts';
import { parseAnalysisSpec, runAnalysis, type AnalysisInputs, type RunHooks } from '@spillover/core';
import { stepProgress } from './progress.js';
import type { StudyLog, StudyPlannedStep, StudyPreparation, StudyRun, StudyStepOutcome } from './types.js';

/** The panel (and weights) a planned step reads. */
export function studyStepInputs(preparation: StudyPreparation, step: StudyPlannedStep): AnalysisInputs {
  const panelCsv =
    step.dataset === 'balanced' ? preparation.data.balancedPanelCsv : preparation.data.analysisPanelCsv;
  if (step.weights === undefined) return { panelCsv };
  const weights = preparation.weights.find((w) => w.key === step.weights)!;
  return { panelCsv, weightsText: weights.text, weightsName: weights.file };
}

export function runStudyStep(
  preparation: StudyPreparation,
  step: StudyPlannedStep,
  hooks?: RunHooks,
): AnalysisResult {
  return runAnalysis(parseAnalysisSpec(step.spec), studyStepInputs(preparation, step), hooks);
}

export interface StudyPlanHooks {
  log?: StudyLog;
  /** After each step; `position` is 1-based over the measurement steps and the plan. */
  onStep?: (
    step: StudyPlannedStep,
    outcome: StudyStepOutcome & { result: AnalysisResult; seconds: number },
    position: number,
  ) => void;
}

/** Runs the plan in order; a step that throws stops the run (its error propagates). */
export function runStudyPlan(preparation: StudyPreparation, hooks: StudyPlanHooks = {}): StudyRun {
  const started = Date.now();
  const first = preparation.measurement.length + 1;
  const progress = stepProgress(hooks.log, preparation.measurement.length + preparation.plan.length, first);
  const steps: Record<string, StudyStepOutcome> = {};
  preparation.plan.forEach((step, k) => {
    progress.before(step.title);
    const t0 = Date.now();
    const result = runStudyStep(preparation, step);
    const outcome = { result, seconds: (Date.now() - t0) / 1000 };
    steps[step.id] = outcome;
    progress.after(outcome.seconds);
    hooks.onStep?.(step, outcome, first + k);
  });
  return { preparation, steps, seconds: (Date.now() - started) / 1000 };
}
