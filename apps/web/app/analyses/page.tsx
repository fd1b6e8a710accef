'use client';

import {
  totalCountHeader,
  type AnalysisView,
  type ComparisonView,
  type DatasetView,
} from '@spillover/contracts';
import { ErrorMessage, StatusBadge } from '@spillover/ui';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../lib/api';
import { analysisTitle, modelLabel } from '../../lib/analysis-labels';
import { formatDateTime } from '../../lib/format';
import { useRequiredSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';

const pageSize = 25;
const statuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const kinds = [
  'regression',
  'moran',
  'entropy-index',
  'location-quotient',
  'keyword-count',
  'transform',
  'mediation',
  'threshold',
  'heterogeneity',
];
const models = ['ols', 'fe', 're', 'sar', 'sem', 'sac', 'sdm', 'sdem', 'slx', 'dsdm', 'dsar'];

interface Filters {
  q: string;
  datasetId: string;
  kind: string;
  model: string;
  status: string;
  mine: boolean;
  from: string;
  to: string;
}

const noFilters: Filters = {
  q: '',
  datasetId: '',
  kind: '',
  model: '',
  status: '',
  mine: false,
  from: '',
  to: '',
};

/** One page of analyses and the number of matches (the list's total-count header). */
async function fetchPage(query: URLSearchParams): Promise<{ items: AnalysisView[]; total: number }> {
  const response = await fetch(`/api/analyses?${query}`, { credentials: 'same-origin', cache: 'no-store' });
  const body: unknown = await response.json();
  if (!response.ok) throw new ApiError(response.status, body as never);
  return { items: body as AnalysisView[], total: Number(response.headers.get(totalCountHeader) ?? 0) };
}

export default function AnalysesPage() {
  const { me, team } = useRequiredSession();
  const router = useRouter();
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ items: AnalysisView[]; total: number } | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const datasets = useApi<DatasetView[]>(team && `/datasets?teamId=${encodeURIComponent(team.id)}`);

  const load = useCallback(async () => {
    if (!team || !me) return;
    const query = new URLSearchParams({ teamId: team.id, limit: String(pageSize), offset: String(offset) });
    for (const key of ['q', 'datasetId', 'kind', 'model', 'status', 'from', 'to'] as const) {
      if (filters[key]) query.set(key, filters[key]);
    }
    if (filters.mine) query.set('createdBy', me.user.id);
    try {
      setPage(await fetchPage(query));
      setError(undefined);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
    }
  }, [team, me, filters, offset]);

  useEffect(() => {
    void load();
  }, [load]);

  function apply(event: FormEvent) {
    event.preventDefault();
    setOffset(0);
    setFilters(draft);
  }

  function toggle(id: string) {
    setSelected((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  }

  async function compare() {
    if (!team) return;
    setBusy(true);
    try {
      const comparison = await api<ComparisonView>('/comparisons', {
        json: { teamId: team.id, title: `Comparison of ${selected.length} models`, analysisIds: selected },
      });
      router.push(`/compare/${comparison.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
      setBusy(false);
    }
  }

  if (!me) return <p className="muted">Loading…</p>;
  if (!team) return <p className="empty">You are not a member of any team yet.</p>;
  const datasetNames = new Map(datasets.data?.map((d) => [d.id, `${d.name} v${d.version}`]));
  const byId = new Map(page?.items.map((a) => [a.id, a]));
  const comparable = (a: AnalysisView) => a.kind === 'regression' && a.status === 'succeeded';
  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: event.target.value }));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Analyses</h1>
          <p className="subtitle">
            Every analysis of {team.name}. Tick succeeded regressions to compare them side by side.
          </p>
        </div>
        <button
          type="button"
          className="button"
          onClick={compare}
          disabled={busy || selected.length === 0}
          data-testid="compare-button"
        >
          Compare{selected.length > 0 ? ` (${selected.length})` : ''}
        </button>
      </div>

      <form className="panel filters" onSubmit={apply} aria-label="Filters">
        <label>
          <span>Title contains</span>
          <input type="search" value={draft.q} onChange={set('q')} />
        </label>
        <label>
          <span>Dataset</span>
          <select value={draft.datasetId} onChange={set('datasetId')}>
            <option value="">any</option>
            {datasets.data?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} v{d.version}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Kind</span>
          <select value={draft.kind} onChange={set('kind')}>
            <option value="">any</option>
            {kinds.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          <span>Model</span>
          <select value={draft.model} onChange={set('model')}>
            <option value="">any</option>
            {models.map((m) => (
              <option key={m} value={m}>
                {modelLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Status</span>
          <select value={draft.status} onChange={set('status')}>
            <option value="">any</option>
            {statuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          <span>From</span>
          <input type="date" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          <span>To</span>
          <input type="date" value={draft.to} onChange={set('to')} />
        </label>
        <label className="check-row">
          <input
            type="checkbox"
            checked={draft.mine}
            onChange={(e) => setDraft((d) => ({ ...d, mine: e.target.checked }))}
          />
          <span>Only mine</span>
        </label>
        <div className="actions">
          <button type="submit" className="button button-quiet">
            Apply filters
          </button>
        </div>
      </form>

      {error && <ErrorMessage message={error.message} code={error.code} details={error.details} />}
      <section className="panel" aria-labelledby="list-heading">
        <h2 id="list-heading">{page ? `${page.total} analyses` : 'Analyses'}</h2>
        {page && page.items.length === 0 && <p className="empty">No analysis matches.</p>}
        {page && page.items.length > 0 && (
          <table className="sp-table" data-testid="analyses-list">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Select</span>
                </th>
                <th scope="col">Analysis</th>
                <th scope="col">Model</th>
                <th scope="col">Dataset</th>
                <th scope="col">Status</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((a) => (
                <tr key={a.id} data-analysis={a.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${analysisTitle(a)}`}
                      checked={selected.includes(a.id)}
                      disabled={!comparable(a)}
                      onChange={() => toggle(a.id)}
                    />
                  </td>
                  <th scope="row">
                    <Link href={`/analyses/${a.id}`}>{analysisTitle(a)}</Link>
                  </th>
                  <td>
                    {modelLabel(a.model ?? a.kind)}
                    {a.spec.kind === 'regression' && a.spec.effects !== 'none' ? `, ${a.spec.effects}` : ''}
                  </td>
                  <td>{datasetNames.get(a.datasetId) ?? 'dataset'}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>{formatDateTime(a.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page && page.total > pageSize && (
          <div className="actions">
            <button
              type="button"
              className="button button-quiet"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - pageSize))}
            >
              Previous
            </button>
            <span className="muted">
              {offset + 1}–{Math.min(offset + pageSize, page.total)} of {page.total}
            </span>
            <button
              type="button"
              className="button button-quiet"
              disabled={offset + pageSize >= page.total}
              onClick={() => setOffset(offset + pageSize)}
            >
              Next
            </button>
          </div>
        )}
        {selected.length > 0 && (
          <p className="muted" data-testid="selection">
            Selected:{' '}
            {selected.map((id) => (byId.get(id) ? analysisTitle(byId.get(id)!) : id.slice(0, 8))).join(', ')}
          </p>
        )}
      </section>
    </>
  );
}
