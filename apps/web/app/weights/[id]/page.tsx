'use client';

import type { WeightsView } from '@spillover/contracts';
import { ErrorMessage } from '@spillover/ui';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { WeightsDetails } from '../../../components/WeightsDetails';
import { formatDateTime } from '../../../lib/format';
import { useRequiredSession } from '../../../lib/session';
import { useApi } from '../../../lib/use-api';
import { recipeLabel } from '../../../lib/weights-labels';

export default function WeightsPage() {
  useRequiredSession();
  const { id } = useParams<{ id: string }>();
  const { data: weights, error } = useApi<WeightsView>(`/weights/${encodeURIComponent(id)}`);

  if (error) return <ErrorMessage message={error.message} code={error.code} />;
  if (!weights) return <p className="muted">Loading…</p>;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {weights.name} <span className="muted">v{weights.version}</span>
          </h1>
          <dl className="meta">
            <div>
              <dt>Made from</dt>
              <dd>{recipeLabel(weights.recipe)}</dd>
            </div>
            <div>
              <dt>Added</dt>
              <dd>{formatDateTime(weights.createdAt)}</dd>
            </div>
            <div>
              <dt>SHA-256</dt>
              <dd>
                <code title={weights.sha256}>{weights.sha256.slice(0, 12)}</code>
              </dd>
            </div>
          </dl>
        </div>
        <a href={`/api/weights/${weights.id}/content`} className="button button-quiet" download>
          Download
        </a>
      </div>
      <WeightsDetails weights={weights} />
      <p>
        <Link href="/weights">All weights</Link>
      </p>
    </>
  );
}
