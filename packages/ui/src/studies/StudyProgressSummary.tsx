import { ProgressBar } from '../ProgressBar';
import { studyProgress } from './study-progress';
import type { StudyStepItem } from './types';

export interface StudyProgressSummaryProps {
  steps: readonly StudyStepItem[];
  /** Shown as a Cancel button while set. */
  onCancel?: () => void;
  cancelling?: boolean;
}

/** Overall progress of a study: the share of its work done and how its steps ended. */
export function StudyProgressSummary({ steps, onCancel, cancelling }: StudyProgressSummaryProps) {
  const counts = studyProgress(steps);
  // The bar counts per mille so that running steps move it between whole steps.
  const detail = [
    `${counts.succeeded} of ${counts.total} steps succeeded`,
    counts.running > 0 ? `${counts.running} running` : undefined,
    counts.failed > 0 ? `${counts.failed} failed` : undefined,
    counts.notRun > 0 ? `${counts.notRun} not run` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="sp-run-progress" data-testid="study-progress">
      <ProgressBar
        label="Study progress"
        done={Math.round(counts.fraction * 1000)}
        total={counts.total > 0 ? 1000 : 0}
        detail={detail}
        testId="study-progress-bar"
      />
      {onCancel && (
        <button
          type="button"
          className="sp-button"
          onClick={onCancel}
          disabled={cancelling}
          data-testid="cancel-study"
        >
          {cancelling ? 'Cancelling…' : 'Cancel study'}
        </button>
      )}
    </div>
  );
}
