'use client';

import type { WeightsView } from '@spillover/contracts';
import { ErrorMessage, formatNumber } from '@spillover/ui';
import Link from 'next/link';
import { formatDateTime } from '../../lib/format';
import { useRequiredSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { recipeLabel } from '../../lib/weights-labels';

/** Islands named, the first few of them. */
function islandsText(islands: string[]): string {
  if (islands.length === 0) return 'none';
  const shown = islands.slice(0, 3).join(', ');
  return islands.length > 3 ? `${islands.length}: ${shown}, …` : shown;
}

export default function WeightsListPage() {
  const { me, team } = useRequiredSession();
  const weights = useApi<WeightsView[]>(team && `/weights?teamId=${encodeURIComponent(team.id)}`);

  if (!me) return <p className="muted">Loading…</p>;
  if (!team) return <p className="empty">You are not a member of any team yet.</p>;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Spatial weights</h1>
          <p className="subtitle">
            Who neighbours whom: the matrices W of {team.name}&apos;s spatial models.
          </p>
        </div>
        <Link href="/weights/new" className="button">
          Add weights
        </Link>
      </div>
      <section className="panel" aria-labelledby="weights-heading">
        <h2 id="weights-heading">Weights</h2>
        {weights.error && <ErrorMessage message={weights.error.message} code={weights.error.code} />}
        {weights.data && weights.data.length === 0 && (
          <p className="empty">
            No weights yet: upload a matrix or build one from a dataset&apos;s coordinates.
          </p>
        )}
        {weights.data && weights.data.length > 0 && (
          <table className="sp-table" data-testid="weights-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Made from</th>
                <th scope="col" className="sp-num">
                  Units
                </th>
                <th scope="col" className="sp-num">
                  Neighbours min / mean / max
                </th>
                <th scope="col">Islands</th>
                <th scope="col">Symmetric</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {weights.data.map((w) => (
                <tr key={w.id} data-weights={w.name}>
                  <th scope="row">
                    <Link href={`/weights/${w.id}`}>{w.name}</Link>{' '}
                    <span className="muted">v{w.version}</span>
                  </th>
                  <td>{recipeLabel(w.recipe)}</td>
                  <td className="sp-num">{w.n}</td>
                  <td className="sp-num">
                    {w.summary.neighbours.min} / {formatNumber(w.summary.neighbours.mean, 2)} /{' '}
                    {w.summary.neighbours.max}
                  </td>
                  <td>{islandsText(w.summary.islands)}</td>
                  <td>{w.summary.symmetric ? 'yes' : 'no'}</td>
                  <td>{formatDateTime(w.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
