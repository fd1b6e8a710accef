'use client';

import type { DatasetView } from '@spillover/contracts';
import Link from 'next/link';
import { useApi } from '../../lib/use-api';

/** The dataset version a measurement analysis stored, linked, with the columns it added. */
export function DerivedVersionLink({ datasetId }: { datasetId: string }) {
  const { data: dataset } = useApi<DatasetView>(`/datasets/${encodeURIComponent(datasetId)}`);
  if (!dataset) return <p className="muted">Saving the new dataset version…</p>;
  const columns = dataset.recipe?.source === 'measurement' ? dataset.recipe.columns : [];
  return (
    <div className="derived-version" data-testid="derived-version">
      <p>
        Saved as a new dataset version:{' '}
        <Link href={`/datasets/${dataset.id}`} className="button">
          Open {dataset.name} v{dataset.version}
        </Link>
      </p>
      {columns.length > 0 && (
        <p className="muted">
          New columns:{' '}
          {columns.map((c) => (
            <code key={c}>{c} </code>
          ))}{' '}
          — usable in regressions like any uploaded column.
        </p>
      )}
    </div>
  );
}
