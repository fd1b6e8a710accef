'use client';

import type { AnalysisProvenance, AnalysisView } from '@spillover/contracts';
import { ErrorMessage } from '@spillover/ui';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, ApiError } from '../lib/api';
import { apiDownloadUrl, exportFormats } from '../lib/download';
import { formatDateTime } from '../lib/format';
import { storePrefill } from '../lib/spec-prefill';
import { useApi } from '../lib/use-api';

/**
 * Where a result came from (data version and hash, code version, seeds, worker, queue, run times), with
 * "Run again" (same spec, same data version), "Edit and run" (the composer with this spec), the exports of
 * its table and its replication bundle.
 */
export function AnalysisProvenancePanel({ analysis }: { analysis: AnalysisView }) {
  const router = useRouter();
  const { data: provenance, error } = useApi<AnalysisProvenance>(`/analyses/${analysis.id}/provenance`);
  const [actionError, setActionError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const finished =
    analysis.status === 'succeeded' || analysis.status === 'failed' || analysis.status === 'cancelled';

  async function runAgain() {
    setBusy(true);
    setActionError(undefined);
    try {
      const rerun = await api<AnalysisView>(`/analyses/${analysis.id}/rerun`, { method: 'POST' });
      router.push(`/analyses/${rerun.id}`);
    } catch (caught) {
      setActionError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
      setBusy(false);
    }
  }

  function editAndRun() {
    storePrefill({ datasetId: analysis.datasetId, spec: analysis.spec, title: analysis.title });
    router.push(`/analyses/new?datasetId=${encodeURIComponent(analysis.datasetId)}`);
  }

  return (
    <section className="panel" aria-labelledby="provenance-heading" data-testid="provenance">
      <h2 id="provenance-heading">Provenance</h2>
      {error && <ErrorMessage message={error.message} code={error.code} />}
      {provenance && (
        <dl className="meta">
          <div>
            <dt>Data</dt>
            <dd>
              {provenance.dataset.name} v{provenance.dataset.version},{' '}
              <code title="sha256" data-testid="provenance-sha256">
                {provenance.dataset.sha256.slice(0, 12)}…
              </code>
            </dd>
          </div>
          {provenance.weights && (
            <div>
              <dt>Weights</dt>
              <dd>
                {provenance.weights.name} v{provenance.weights.version},{' '}
                <code>{provenance.weights.sha256.slice(0, 12)}…</code>
              </dd>
            </div>
          )}
          <div>
            <dt>Code</dt>
            <dd>
              Spillover {provenance.code.version} (
              {provenance.code.commit === 'unknown' ? 'commit unknown' : provenance.code.commit.slice(0, 10)})
            </dd>
          </div>
          <div>
            <dt>Seeds</dt>
            <dd>
              {provenance.seeds.length
                ? provenance.seeds.map((s) => `${s.path} = ${s.seed}`).join(', ')
                : 'none'}
            </dd>
          </div>
          <div>
            <dt>Run</dt>
            <dd>
              queue {provenance.queue}, worker {provenance.worker ?? '—'}, attempt {provenance.attempts}
              {provenance.startedAt ? `, started ${formatDateTime(provenance.startedAt)}` : ''}
              {provenance.durationMs !== null ? ` (${(provenance.durationMs / 1000).toFixed(1)} s)` : ''}
            </dd>
          </div>
          {provenance.rerunOf && (
            <div>
              <dt>Re-run of</dt>
              <dd>
                <a href={`/analyses/${provenance.rerunOf}`}>{provenance.rerunOf.slice(0, 8)}</a>
              </dd>
            </div>
          )}
        </dl>
      )}
      <details>
        <summary>Exact spec</summary>
        <pre className="spec-preview">{JSON.stringify(analysis.spec, null, 2)}</pre>
      </details>
      {actionError && (
        <ErrorMessage message={actionError.message} code={actionError.code} details={actionError.details} />
      )}
      <div className="actions">
        <button type="button" className="button" onClick={runAgain} disabled={busy || !finished}>
          Run again
        </button>
        {analysis.spec.kind === 'regression' && (
          <button type="button" className="button button-quiet" onClick={editAndRun}>
            Edit and run
          </button>
        )}
        {analysis.status === 'succeeded' &&
          (analysis.spec.kind === 'regression' || analysis.spec.kind === 'moran') &&
          exportFormats.map(({ format, label }) => (
            <a
              key={format}
              className="button button-quiet"
              href={apiDownloadUrl(`/analyses/${analysis.id}/export`, { format })}
              download
            >
              {label}
            </a>
          ))}
        <a className="button button-quiet" href={apiDownloadUrl(`/analyses/${analysis.id}/bundle`)} download>
          Replication bundle
        </a>
      </div>
    </section>
  );
}
