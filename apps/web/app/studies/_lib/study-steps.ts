import { isTerminalStatus, type StudyStepView, type StudyView } from '@spillover/contracts';
import type { StudyStepItem } from '@spillover/ui';

/** Whether the page can stop following the study: it has ended and its report stage is over. */
export function studyFinished(study: Pick<StudyView, 'status' | 'stage'>): boolean {
  return isTerminalStatus(study.status) && study.stage !== 'report';
}

function stepItem(step: StudyStepView): StudyStepItem {
  return {
    key: step.stepId,
    title: step.title,
    phase: step.phase,
    status: step.status,
    done: step.progress?.done,
    total: step.progress?.total,
    stage: step.progress?.stage,
    message: step.progress?.message,
    etaSeconds: step.progress?.etaSeconds,
    href: `/analyses/${step.analysisId}`,
    error: step.error ? { message: step.error.message, code: step.error.code } : undefined,
  };
}

/** Until the preparation job has stored the steps: one entry for the data and the measurement steps. */
function preparationItem(study: StudyView): StudyStepItem {
  return {
    key: 'preparation',
    title:
      'Simulated panel and measurement steps (entropy index, location quotient, keyword index, transformations)',
    phase: 'measurement',
    status: study.status,
    error: study.error ? { message: study.error.message, code: study.error.code } : undefined,
  };
}

/**
 * The report stage (StudyReport job, no analysis of its own): running in stage `report`, succeeded once
 * the report is stored, failed if the study failed after every step ended without one, skipped when the
 * study ended before it.
 */
function reportItem(study: StudyView): StudyStepItem {
  const base = { key: 'report', title: 'Report: tables (LaTeX, CSV) and report.html', phase: 'report' };
  if (study.report.available) return { ...base, status: 'succeeded' };
  if (study.stage === 'report') return { ...base, status: 'running' };
  if (!isTerminalStatus(study.status)) return { ...base, status: 'queued' };
  const stepsEnded = study.steps.length > 0 && study.steps.every((s) => isTerminalStatus(s.status));
  if (study.status === 'failed' && stepsEnded && study.error) {
    return { ...base, status: 'failed', error: { message: study.error.message, code: study.error.code } };
  }
  return { ...base, status: 'skipped' };
}

/** The study's steps for the step list: measurement, estimation, then the report. */
export function studyStepItems(study: StudyView): StudyStepItem[] {
  const steps = [...study.steps].sort((a, b) => a.position - b.position).map(stepItem);
  return [...(steps.length === 0 ? [preparationItem(study)] : steps), reportItem(study)];
}
