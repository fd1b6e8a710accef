const tones: Record<string, string> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'muted',
};

export interface StatusBadgeProps {
  /** An analysis status (queued, running, succeeded, failed, cancelled); others show neutral. */
  status: string;
  testId?: string;
}

export function StatusBadge({ status, testId = 'status-badge' }: StatusBadgeProps) {
  return (
    <span
      className={`sp-badge sp-badge-${tones[status] ?? 'neutral'}`}
      data-testid={testId}
      data-status={status}
    >
      {status}
    </span>
  );
}
