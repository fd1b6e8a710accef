import { formatDuration } from '../mechanisms/RunProgress';
import type { StudyPhaseGroup, StudyStepItem } from './types';

export const studyPhases = ['measurement', 'estimation', 'report'] as const;

const phaseLabels: Record<string, string> = {
  measurement: 'Measurement',
  estimation: 'Estimation',
  report: 'Report',
};

export function phaseLabel(phase: string): string {
  return phaseLabels[phase] ?? phase.charAt(0).toUpperCase() + phase.slice(1);
}

/**
 * Steps grouped by phase, the known phases first (measurement, estimation, report), then any other
 * phase in order of first appearance; within a phase the steps keep their order.
 */
export function groupStepsByPhase(steps: readonly StudyStepItem[]): StudyPhaseGroup[] {
  const byPhase = new Map<string, StudyStepItem[]>(studyPhases.map((p) => [p, []]));
  for (const step of steps) {
    const group = byPhase.get(step.phase);
    if (group) group.push(step);
    else byPhase.set(step.phase, [step]);
  }
  return [...byPhase]
    .filter(([, group]) => group.length > 0)
    .map(([phase, group]) => ({ phase, label: phaseLabel(phase), steps: group }));
}

/** Statuses of a step that ran to its end; a cancelled or skipped step did not do its work. */
const ran = new Set(['succeeded', 'failed']);

/** Share of a step's work done: 1 when it ran to its end, done/total while running with a known total, else 0. */
export function stepFraction(step: StudyStepItem): number {
  if (ran.has(step.status)) return 1;
  if (step.status !== 'running' || !step.total || step.total <= 0) return 0;
  return Math.min(Math.max((step.done ?? 0) / step.total, 0), 1);
}

export interface StudyProgressCounts {
  succeeded: number;
  failed: number;
  running: number;
  /** Cancelled, or skipped because the study ended before them. */
  notRun: number;
  total: number;
  /** Σ step fractions / number of steps, in [0, 1]. */
  fraction: number;
}

export function studyProgress(steps: readonly StudyStepItem[]): StudyProgressCounts {
  const count = (...statuses: string[]) => steps.filter((s) => statuses.includes(s.status)).length;
  const sum = steps.reduce((acc, s) => acc + stepFraction(s), 0);
  return {
    succeeded: count('succeeded'),
    failed: count('failed'),
    running: count('running'),
    notRun: count('cancelled', 'skipped'),
    total: steps.length,
    fraction: steps.length > 0 ? sum / steps.length : 0,
  };
}

/**
 * "12 of 50 replications · about 8 s left" or "simulating impacts · 300 of 1000" for a running step
 * (undefined for the others). A replications message repeats the counts, so it gives way to them, as
 * in RunProgress.
 */
export function stepDetail(step: StudyStepItem): string | undefined {
  if (step.status !== 'running') return undefined;
  const amount =
    step.total !== undefined && step.total > 0 ? `${step.done ?? 0} of ${step.total}` : undefined;
  const what =
    step.stage === 'replications'
      ? [amount && `${amount} replications`]
      : [step.message ?? step.stage, amount];
  const eta = step.etaSeconds !== undefined ? `about ${formatDuration(step.etaSeconds)} left` : undefined;
  return [...what, eta].filter(Boolean).join(' · ') || 'starting';
}
