'use client';

import type { AnalysisView } from '@spillover/contracts';
import { ErrorMessage, RunProgress } from '@spillover/ui';
import { useState } from 'react';
import { api, ApiError } from '../../lib/api';

/**
 * A queued or running analysis: progress (replications done, time left) and a Cancel button
 * (POST /analyses/:id/cancel); the live view picks up the `cancelled` status.
 */
export function LiveRunPanel({
  analysis,
  source,
}: {
  analysis: AnalysisView;
  source: 'events' | 'polling' | undefined;
}) {
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const progress = analysis.progress;
  const running = analysis.status === 'running';

  async function cancel() {
    setCancelling(true);
    setError(undefined);
    try {
      await api<AnalysisView>(`/analyses/${encodeURIComponent(analysis.id)}/cancel`, { method: 'POST' });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
      setCancelling(false);
    }
  }

  const attempt = analysis.attempts > 1 ? ` (attempt ${analysis.attempts})` : '';
  return (
    <section className="panel" aria-live="polite" data-source={source}>
      <RunProgress
        stage={running ? (progress?.stage ?? 'starting') : 'waiting for a worker'}
        done={progress?.done ?? 0}
        total={running ? (progress?.total ?? 0) : 0}
        message={
          running
            ? `${progress?.message ?? progress?.stage ?? 'Starting…'}${attempt}`
            : 'Waiting for a worker…'
        }
        etaSeconds={running ? progress?.etaSeconds : undefined}
        onCancel={() => void cancel()}
        cancelling={cancelling}
      />
      {error && <ErrorMessage message={error.message} code={error.code} />}
    </section>
  );
}
