'use client';

import type { ComparisonTable, ComparisonView } from '@spillover/contracts';
import { CoefficientPlot, ComparisonTableView, ErrorMessage } from '@spillover/ui';
import { useParams } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../../lib/api';
import { apiDownloadUrl, exportFormats } from '../../../lib/download';
import { useRequiredSession } from '../../../lib/session';
import { useApi } from '../../../lib/use-api';

interface ColumnDraft {
  analysisId: string;
  label: string;
  title: string;
}

export default function ComparePage() {
  useRequiredSession();
  const { id } = useParams<{ id: string }>();
  const comparison = useApi<ComparisonView>(`/comparisons/${encodeURIComponent(id)}`);
  const table = useApi<ComparisonTable>(`/comparisons/${encodeURIComponent(id)}/table`);
  const [title, setTitle] = useState('');
  const [columns, setColumns] = useState<ColumnDraft[]>([]);
  const [saveError, setSaveError] = useState<ApiError | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  // the editor starts from the saved comparison, with the table's default labels as placeholders
  useEffect(() => {
    if (!comparison.data) return;
    setTitle(comparison.data.title);
    setColumns(
      comparison.data.analysisIds.map((analysisId, i) => ({
        analysisId,
        label: comparison.data!.columnLabels[i] ?? '',
        title: comparison.data!.modelTitles[i] ?? '',
      })),
    );
  }, [comparison.data]);

  function move(index: number, by: -1 | 1) {
    setColumns((current) => {
      const next = [...current];
      const [column] = next.splice(index, 1);
      next.splice(index + by, 0, column!);
      return next;
    });
  }

  function edit(index: number, field: 'label' | 'title', value: string) {
    setColumns((current) => current.map((c, i) => (i === index ? { ...c, [field]: value } : c)));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setSaveError(undefined);
    try {
      await api<ComparisonView>(`/comparisons/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        json: {
          title: title.trim() || comparison.data?.title,
          analysisIds: columns.map((c) => c.analysisId),
          columnLabels: columns.map((c) => c.label.trim()),
          modelTitles: columns.map((c) => c.title.trim()),
        },
      });
      await Promise.all([comparison.reload(), table.reload()]);
    } catch (caught) {
      setSaveError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
    } finally {
      setSaving(false);
    }
  }

  const error = comparison.error ?? table.error;
  if (error) return <ErrorMessage message={error.message} code={error.code} details={error.details} />;
  if (!comparison.data || !table.data) return <p className="muted">Loading…</p>;
  const defaults = new Map(table.data.columns.map((c) => [c.analysisId, c]));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{comparison.data.title}</h1>
          <p className="subtitle">{table.data.columns.length} models side by side.</p>
        </div>
        <div className="actions" aria-label="Export">
          {exportFormats.map(({ format, label }) => (
            <a
              key={format}
              className="button button-quiet"
              href={apiDownloadUrl(`/comparisons/${id}/export`, { format })}
              download
              data-testid={`export-${format}`}
            >
              {label}
            </a>
          ))}
          <a className="button button-quiet" href={apiDownloadUrl(`/comparisons/${id}/bundle`)} download>
            Replication bundle
          </a>
        </div>
      </div>

      <section className="panel" aria-labelledby="table-heading">
        <h2 id="table-heading">Table</h2>
        <ComparisonTableView table={table.data} />
      </section>

      <section className="panel" aria-labelledby="plot-heading">
        <h2 id="plot-heading">Coefficients with 95% confidence intervals</h2>
        <CoefficientPlot table={table.data} />
      </section>

      <form className="panel" onSubmit={save} aria-labelledby="columns-heading">
        <h2 id="columns-heading">Title and columns</h2>
        <label className="filters">
          <span>Title</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} aria-label="Comparison title" />
        </label>
        <table className="sp-table" data-testid="column-editor">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Header</th>
              <th scope="col">Model title</th>
              <th scope="col">Analysis</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column, i) => (
              <tr key={column.analysisId}>
                <td>
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => move(i, -1)}
                    disabled={i === 0}
                    aria-label={`Move column ${i + 1} left`}
                  >
                    ←
                  </button>
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => move(i, 1)}
                    disabled={i === columns.length - 1}
                    aria-label={`Move column ${i + 1} right`}
                  >
                    →
                  </button>
                </td>
                <td>
                  <input
                    value={column.label}
                    placeholder={`(${i + 1})`}
                    onChange={(e) => edit(i, 'label', e.target.value)}
                    aria-label={`Header of column ${i + 1}`}
                  />
                </td>
                <td>
                  <input
                    value={column.title}
                    placeholder={defaults.get(column.analysisId)?.title ?? ''}
                    onChange={(e) => edit(i, 'title', e.target.value)}
                    aria-label={`Model title of column ${i + 1}`}
                  />
                </td>
                <td>
                  <a href={`/analyses/${column.analysisId}`}>{column.analysisId.slice(0, 8)}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {saveError && (
          <ErrorMessage message={saveError.message} code={saveError.code} details={saveError.details} />
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={saving}>
            Save columns
          </button>
        </div>
      </form>
    </>
  );
}
