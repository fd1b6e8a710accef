'use client';

import type { DatasetView } from '@spillover/contracts';
import { ErrorMessage } from '@spillover/ui';
import '../../../components/measurement/measurement.css';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { IndexBuilder } from '../../../components/measurement/IndexBuilder';
import { useRequiredSession } from '../../../lib/session';
import { useApi } from '../../../lib/use-api';

export default function NewIndexPage() {
  return (
    <Suspense>
      <NewIndex />
    </Suspense>
  );
}

function NewIndex() {
  useRequiredSession();
  const datasetId = useSearchParams().get('datasetId');
  const { data: dataset, error } = useApi<DatasetView>(
    datasetId ? `/datasets/${encodeURIComponent(datasetId)}` : undefined,
  );
  if (!datasetId) {
    return (
      <ErrorMessage message="Choose a dataset first: open it from the dashboard and press “Build index”." />
    );
  }
  if (error) return <ErrorMessage message={error.message} code={error.code} />;
  if (!dataset) return <p className="muted">Loading…</p>;
  return <IndexBuilder dataset={dataset} />;
}
