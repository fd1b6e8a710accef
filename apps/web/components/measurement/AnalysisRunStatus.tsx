'use client';

import type { AnalysisView } from '@spillover/contracts';
import { ErrorMessage, ProgressBar, StatusBadge } from '@spillover/ui';
import Link from 'next/link';

/** Where a measurement run stands: status, progress, or the error naming the field, unit or period. */
export function AnalysisRunStatus({ analysis }: { analysis: AnalysisView }) {
  return (
    <div className="run-status">
      <p>
        <StatusBadge status={analysis.status} />{' '}
        <Link href={`/analyses/${analysis.id}`} className="muted">
          analysis details
        </Link>
      </p>
      {analysis.progress && analysis.status === 'running' && (
        <ProgressBar
          label="Progress"
          done={analysis.progress.done}
          total={analysis.progress.total}
          detail={analysis.progress.stage}
        />
      )}
      {analysis.error && (
        <ErrorMessage
          message={analysis.error.message}
          code={analysis.error.code}
          details={analysis.error.details}
        />
      )}
    </div>
  );
}
