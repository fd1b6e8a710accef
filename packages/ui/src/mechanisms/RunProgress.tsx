import { ProgressBar } from '../ProgressBar';

export interface RunProgressProps {
  stage: string;
  done: number;
  total: number;
  message?: string;
  /** Estimated seconds left. */
  etaSeconds?: number;
  /** Shown as a Cancel button while set. */
  onCancel?: () => void;
  cancelling?: boolean;
}

/** `75 s` → "1 min 15 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${s % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A running analysis: its progress bar, the time left and a Cancel button. */
export function RunProgress({
  stage,
  done,
  total,
  message,
  etaSeconds,
  onCancel,
  cancelling,
}: RunProgressProps) {
  const eta = etaSeconds !== undefined ? `about ${formatDuration(etaSeconds)} left` : undefined;
  const detail = [stage === 'replications' ? `${done} of ${total} replications` : (message ?? stage), eta]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="sp-run-progress" data-testid="run-progress">
      <ProgressBar label="Progress" done={done} total={total} detail={detail} />
      {onCancel && (
        <button
          type="button"
          className="sp-button"
          onClick={onCancel}
          disabled={cancelling}
          data-testid="cancel-analysis"
        >
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
    </div>
  );
}
