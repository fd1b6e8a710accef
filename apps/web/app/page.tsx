'use client';

import type { AnalysisView, DatasetView } from '@spillover/contracts';
import { ErrorMessage, StatusBadge } from '@spillover/ui';
import Link from 'next/link';
import { useEffect } from 'react';
import { analysisTitle, modelLabel } from '../lib/analysis-labels';
import { formatDateTime } from '../lib/format';
import { useRequiredSession } from '../lib/session';
import { useApi } from '../lib/use-api';

export default function DashboardPage() {
  const { me, team } = useRequiredSession();
  const query = team ? `?teamId=${encodeURIComponent(team.id)}` : undefined;
  const datasets = useApi<DatasetView[]>(query && `/datasets${query}`);
  const analyses = useApi<AnalysisView[]>(query && `/analyses${query}`);

  // Keep statuses fresh while some analysis is still queued or running.
  const pending = analyses.data?.some((a) => a.status === 'queued' || a.status === 'running') ?? false;
  const reloadAnalyses = analyses.reload;
  useEffect(() => {
    if (!pending) return;
    const timer = window.setInterval(() => void reloadAnalyses(), 3000);
    return () => window.clearInterval(timer);
  }, [pending, reloadAnalyses]);

  if (!me) return <p className="muted">Loading…</p>;
  if (!team) return <p className="empty">You are not a member of any team yet.</p>;
  const datasetNames = new Map(datasets.data?.map((d) => [d.id, `${d.name} v${d.version}`]));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{team.name}</h1>
          <p className="subtitle">Datasets and analyses of the team.</p>
        </div>
        <div className="actions">
          <Link href="/texts/new" className="button button-quiet">
            Upload texts
          </Link>
          <Link href="/datasets/new" className="button">
            Upload dataset
          </Link>
        </div>
      </div>

      <section className="panel" aria-labelledby="datasets-heading">
        <h2 id="datasets-heading">Datasets</h2>
        {datasets.error && <ErrorMessage message={datasets.error.message} code={datasets.error.code} />}
        {datasets.data && datasets.data.length === 0 && (
          <p className="empty">No datasets yet: upload a panel CSV to start.</p>
        )}
        {datasets.data && datasets.data.length > 0 && (
          <table className="sp-table" data-testid="datasets-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="sp-num">
                  Rows
                </th>
                <th scope="col" className="sp-num">
                  Units
                </th>
                <th scope="col" className="sp-num">
                  Periods
                </th>
                <th scope="col">Panel</th>
                <th scope="col">Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {datasets.data.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <Link href={`/datasets/${d.id}`}>{d.name}</Link>{' '}
                    <span className="muted">v{d.version}</span>
                  </th>
                  <td className="sp-num">{d.report.rows}</td>
                  <td className="sp-num">{d.report.units}</td>
                  <td className="sp-num">{d.report.periods}</td>
                  <td>{d.report.balanced ? 'balanced' : 'unbalanced'}</td>
                  <td>{formatDateTime(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="analyses-heading">
        <h2 id="analyses-heading">Analyses</h2>
        {analyses.error && <ErrorMessage message={analyses.error.message} code={analyses.error.code} />}
        {analyses.data && analyses.data.length === 0 && (
          <p className="empty">No analyses yet: open a dataset and start a regression.</p>
        )}
        {analyses.data && analyses.data.length > 0 && (
          <table className="sp-table" data-testid="analyses-table">
            <thead>
              <tr>
                <th scope="col">Analysis</th>
                <th scope="col">Model</th>
                <th scope="col">Dataset</th>
                <th scope="col">Status</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {analyses.data.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link href={`/analyses/${a.id}`}>{analysisTitle(a)}</Link>
                  </th>
                  <td>{modelLabel(a.model)}</td>
                  <td>
                    <Link href={`/datasets/${a.datasetId}`}>
                      {datasetNames.get(a.datasetId) ?? 'dataset'}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>{formatDateTime(a.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
