'use client';

import { sampleDatasetName, type DatasetView } from '@spillover/contracts';
import { ErrorMessage } from '@spillover/ui';
import Link from 'next/link';
import { useState } from 'react';
import { api, ApiError } from '../../../lib/api';
import './studies.css';

/**
 * Adds the simulated demo panel (seed 1, every city; unit `code`, time `year`) to the team as a dataset
 * (POST /studies/sample-dataset); adding it again stores a new version.
 */
export function SampleDatasetButton({ teamId }: { teamId: string }) {
  const [busy, setBusy] = useState(false);
  const [dataset, setDataset] = useState<DatasetView | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  async function add() {
    setBusy(true);
    setError(undefined);
    try {
      setDataset(await api<DatasetView>('/studies/sample-dataset', { json: { teamId } }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sample-dataset" data-testid="sample-dataset">
      <button
        type="button"
        className="button button-quiet"
        onClick={() => void add()}
        disabled={busy}
        data-testid="add-sample-dataset"
      >
        {busy ? 'Adding the sample dataset…' : 'Add the sample dataset'}
      </button>
      <p className="muted">
        <code>{sampleDatasetName}</code>: the simulated panel of Chinese prefecture-level cities, 2001–2023
        (seed 1). The data are simulated, not observed.
      </p>
      {dataset && (
        <p className="notice" role="status" data-testid="sample-dataset-added">
          Added <Link href={`/datasets/${dataset.id}`}>{dataset.name}</Link> v{dataset.version}:{' '}
          {dataset.report.rows} rows, {dataset.report.units} cities, {dataset.report.periods} years.
        </p>
      )}
      {error && <ErrorMessage message={error.message} code={error.code} details={error.details} />}
    </div>
  );
}
