import type { StudyStepItem } from './types';

export interface StudyFailuresProps {
  steps: readonly StudyStepItem[];
  /** The study's own error (e.g. the report could not be written), when it has one. */
  error?: { message: string; code?: string };
}

/** Which steps of a failed study failed, and why. */
export function StudyFailures({ steps, error }: StudyFailuresProps) {
  const failed = steps.filter((s) => s.status === 'failed');
  return (
    <div className="sp-error" role="alert" data-testid="study-failures">
      <p className="sp-error-message">
        {failed.length === 0
          ? 'The study failed.'
          : `The study failed: ${failed.length} ${failed.length === 1 ? 'step' : 'steps'} failed.`}
      </p>
      {error && (
        <p data-testid="study-error">
          {error.message}
          {error.code && <span className="sp-error-code"> ({error.code})</span>}
        </p>
      )}
      {failed.length > 0 && (
        <ul>
          {failed.map((s) => (
            <li key={s.key} data-testid="failed-step" data-step={s.key}>
              <strong>{s.title}</strong>: {s.error?.message ?? 'no reason was recorded'}
              {s.error?.code && <span className="sp-error-code"> ({s.error.code})</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
