import type { StudyStepView, StudyView } from '@spillover/contracts';
import type { StudyEntity } from '@spillover/db';

/** A study with its steps (each joined with its analysis's status, progress and error). */
export function studyView(study: StudyEntity, steps: StudyStepView[]): StudyView {
  const estimation = steps.filter((step) => step.phase === 'estimation');
  return {
    id: study.id,
    teamId: study.teamId,
    name: study.name,
    template: study.template,
    status: study.status,
    stage: study.stage,
    options: study.options,
    createdAt: study.createdAt.toISOString(),
    startedAt: study.startedAt?.toISOString() ?? null,
    finishedAt: study.finishedAt?.toISOString() ?? null,
    createdBy: study.createdBy,
    error: study.error,
    steps,
    failedSteps: estimation
      .filter((step) => step.status === 'failed' || step.status === 'cancelled')
      .map((step) => step.stepId),
    datasets: study.datasetIds,
    weights: study.weightsIds,
    report: { available: study.reportTables !== null, tables: study.reportTables ?? [] },
  };
}
