import type { SerializedError, StudyReportTableView } from '@spillover/contracts';
import type { StoredStudyTable } from '@spillover/db';
import { buildStudyReport, type StudyPreparation, type StudyStepOutcome } from '@spillover/study';
import type { StudyReportRecord, StudyStepOutcomeRow } from './study.store.js';

/** The error of a study whose report was written but some estimation step did not succeed. */
export function failedStepsError(failed: StudyStepOutcomeRow[]): SerializedError {
  const reasons = failed.map((step) => `${step.stepId} (${step.error?.message ?? step.status})`);
  return {
    code: failed.find((step) => step.error)?.error?.code ?? 'CANCELLED',
    message: `${failed.length} step(s) did not succeed: ${reasons.join('; ')}`,
    details: { failedSteps: failed.map((step) => step.stepId) },
  };
}

/**
 * The report of a study from its rebuilt preparation and its steps' analyses: every table and step links
 * to `/analyses/<id>`; a step whose analysis did not succeed is reported as failed (the report says why).
 * The study succeeds only when every step did.
 */
export function studyReportRecord(
  preparation: StudyPreparation,
  steps: StudyStepOutcomeRow[],
): StudyReportRecord {
  const byStep = new Map(steps.map((step) => [step.stepId, step]));
  const outcomes: Record<string, StudyStepOutcome> = {};
  for (const planned of preparation.plan) {
    const step = byStep.get(planned.id);
    if (!step) continue;
    outcomes[planned.id] =
      step.status === 'succeeded' && step.result
        ? { result: step.result, analysisId: step.analysisId, seconds: step.seconds ?? undefined }
        : { error: step.error?.message ?? `analysis ${step.status}`, analysisId: step.analysisId };
  }
  const report = buildStudyReport(
    { preparation, steps: outcomes },
    {
      linkOf: (stepId) => {
        const analysisId = byStep.get(stepId)?.analysisId;
        return analysisId ? `/analyses/${analysisId}` : undefined;
      },
      reproduction: 'platform',
    },
  );
  const files: StoredStudyTable[] = report.tables.map((table) => ({
    ...table,
    analysisId: byStep.get(table.stepId)?.analysisId ?? '',
  }));
  const tables: StudyReportTableView[] = files.map(({ id, stepId, analysisId }) => ({
    id,
    stepId,
    analysisId,
  }));
  const failed = preparation.plan
    .map((planned) => byStep.get(planned.id) ?? missingStep(planned.id))
    .filter((step) => step.status !== 'succeeded');
  return {
    status: failed.length === 0 ? 'succeeded' : 'failed',
    error: failed.length === 0 ? null : failedStepsError(failed),
    html: report.html,
    tables,
    files,
  };
}

function missingStep(stepId: string): StudyStepOutcomeRow {
  return {
    stepId,
    phase: 'estimation',
    analysisId: '',
    status: 'failed',
    result: null,
    error: { code: 'INTERNAL', message: 'the step has no analysis' },
    seconds: null,
  };
}
