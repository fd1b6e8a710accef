'use client';

import type { AnalysisView, DatasetView } from '@spillover/contracts';
import { ErrorMessage, StatusBadge, ValidationReportView } from '@spillover/ui';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { DatasetProvenance } from '../../../components/measurement/DatasetProvenance';
import { analysisTitle, modelLabel } from '../../../lib/analysis-labels';
import { formatBytes, formatDateTime } from '../../../lib/format';
import { useRequiredSession } from '../../../lib/session';
import { useApi } from '../../../lib/use-api';

export default function DatasetPage() {
  useRequiredSession();
  const { id } = useParams<{ id: string }>();
  const { data: dataset, error } = useApi<DatasetView>(`/datasets/${encodeURIComponent(id)}`);
  const analyses = useApi<AnalysisView[]>(
    dataset && `/analyses?teamId=${encodeURIComponent(dataset.teamId)}`,
  );

  if (error) return <ErrorMessage message={error.message} code={error.code} />;
  if (!dataset) return <p className="muted">Loading…</p>;
  const own = analyses.data?.filter((a) => a.datasetId === dataset.id) ?? [];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {dataset.name} <span className="muted">v{dataset.version}</span>
          </h1>
          <dl className="meta">
            <div>
              <dt>Uploaded</dt>
              <dd>{formatDateTime(dataset.createdAt)}</dd>
            </div>
            <div>
              <dt>Size</dt>
              <dd>{formatBytes(dataset.sizeBytes)}</dd>
            </div>
            <div>
              <dt>SHA-256</dt>
              <dd>
                <code title={dataset.sha256}>{dataset.sha256.slice(0, 12)}</code>
              </dd>
            </div>
          </dl>
          <DatasetProvenance dataset={dataset} />
        </div>
        <div className="actions">
          <Link href={`/indices/new?datasetId=${dataset.id}`} className="button button-quiet">
            Build index
          </Link>
          <Link href={`/analyses/new-moran?datasetId=${dataset.id}`} className="button button-quiet">
            Moran&apos;s I
          </Link>
          <Link href={`/analyses/new-mechanism?datasetId=${dataset.id}`} className="button button-quiet">
            Mechanisms
          </Link>
          <Link href={`/analyses/new?datasetId=${dataset.id}`} className="button">
            New regression
          </Link>
        </div>
      </div>
      <section className="panel" aria-labelledby="report-heading">
        <h2 id="report-heading">Validation report</h2>
        <ValidationReportView report={dataset.report} />
      </section>
      {own.length > 0 && (
        <section className="panel" aria-labelledby="analyses-heading">
          <h2 id="analyses-heading">Analyses of this dataset</h2>
          <table className="sp-table">
            <thead>
              <tr>
                <th scope="col">Analysis</th>
                <th scope="col">Model</th>
                <th scope="col">Status</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {own.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link href={`/analyses/${a.id}`}>{analysisTitle(a)}</Link>
                  </th>
                  <td>{modelLabel(a.model)}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>{formatDateTime(a.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
