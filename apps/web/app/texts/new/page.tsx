'use client';

import type { DatasetView } from '@spillover/contracts';
import { ErrorMessage } from '@spillover/ui';
import '../../../components/measurement/measurement.css';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { TextsWorkbench } from '../../../components/measurement/TextsWorkbench';
import { useRequiredSession } from '../../../lib/session';
import { useApi } from '../../../lib/use-api';

export default function NewTextsPage() {
  return (
    <Suspense>
      <NewTexts />
    </Suspense>
  );
}

/** Upload texts (or open an uploaded texts dataset with ?datasetId=), edit the dictionary, count. */
function NewTexts() {
  const { team } = useRequiredSession();
  const datasetId = useSearchParams().get('datasetId');
  const { data: dataset, error } = useApi<DatasetView>(
    datasetId ? `/datasets/${encodeURIComponent(datasetId)}` : undefined,
  );
  if (error) return <ErrorMessage message={error.message} code={error.code} />;
  if (datasetId && !dataset) return <p className="muted">Loading…</p>;
  if (!team) return <p className="muted">Loading…</p>;
  return <TextsWorkbench teamId={team.id} initial={dataset} />;
}
