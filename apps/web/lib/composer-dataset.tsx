'use client';

import type { DatasetView } from '@spillover/contracts';
import { ErrorMessage } from '@spillover/ui';
import { useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { useRequiredSession } from './session';
import { useApi } from './use-api';

/**
 * The dataset a composer page works on (`?datasetId=`), for a signed-in user: shows what is missing
 * (no dataset chosen, an error, loading) and renders `children` once the dataset has loaded.
 * `action` names the dashboard button that opens the composer.
 */
export function ComposerDataset({
  action,
  children,
}: {
  action: string;
  children: (dataset: DatasetView) => ReactNode;
}) {
  useRequiredSession();
  const datasetId = useSearchParams().get('datasetId');
  const { data: dataset, error } = useApi<DatasetView>(
    datasetId ? `/datasets/${encodeURIComponent(datasetId)}` : undefined,
  );
  if (!datasetId) {
    return (
      <ErrorMessage message={`Choose a dataset first: open it from the dashboard and press “${action}”.`} />
    );
  }
  if (error) return <ErrorMessage message={error.message} code={error.code} />;
  if (!dataset) return <p className="muted">Loading…</p>;
  return children(dataset);
}

/** The dataset's numeric columns other than its unit and time columns: the candidate variables. */
export function numericVariables(dataset: DatasetView): string[] {
  const { unitColumn, timeColumn } = dataset.report;
  return dataset.report.columns
    .filter((c) => c.type === 'numeric' && c.name !== unitColumn && c.name !== timeColumn)
    .map((c) => c.name);
}
