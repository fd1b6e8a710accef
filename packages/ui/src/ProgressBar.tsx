export interface ProgressBarProps {
  /** Accessible name, e.g. "Estimation progress". */
  label: string;
  done: number;
  /** Zero or less: the amount of work is not known yet (indeterminate bar). */
  total: number;
  /** Shown under the bar: the stage or a message. */
  detail?: string;
  testId?: string;
}

export function ProgressBar({ label, done, total, detail, testId = 'progress' }: ProgressBarProps) {
  const known = total > 0;
  const percent = known ? Math.round((100 * Math.min(Math.max(done, 0), total)) / total) : 0;
  return (
    <div className="sp-progress" data-testid={testId}>
      <div className="sp-progress-head">
        <span>{label}</span>
        {known && <span className="sp-num">{percent}%</span>}
      </div>
      <div
        className={known ? 'sp-progress-track' : 'sp-progress-track sp-progress-indeterminate'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? percent : undefined}
        aria-valuetext={known ? `${done} of ${total}` : 'waiting'}
      >
        <div className="sp-progress-fill" style={known ? { width: `${percent}%` } : undefined} />
      </div>
      {detail && <p className="sp-progress-detail">{detail}</p>}
    </div>
  );
}
