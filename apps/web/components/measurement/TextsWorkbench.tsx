'use client';

import type {
  AnalysisView,
  DatasetView,
  KeywordCountResult,
  KeywordDictionaryView,
} from '@spillover/contracts';
import { ErrorMessage, TextField } from '@spillover/ui';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../lib/api';
import { useApi } from '../../lib/use-api';
import { useLiveAnalysis } from '../../lib/use-live-analysis';
import { AnalysisRunStatus } from './AnalysisRunStatus';
import { DerivedVersionLink } from './DerivedVersionLink';
import { KeywordCountsTable } from './KeywordCountsTable';
import { KeywordEditor } from './KeywordEditor';
import { dictionarySpec, type DictionaryEdits } from './keyword-dictionary';

const previewLimit = 20;

function asApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) });
}

/**
 * Government digital engagement from policy texts: upload a ZIP of `<unit>_<period>.txt` files or a CSV
 * of texts (stored as a texts panel), edit the keyword list, preview counts of the first texts, then count
 * them all and save the counts as a new dataset version.
 */
export function TextsWorkbench({ teamId, initial }: { teamId: string; initial?: DatasetView }) {
  const [dataset, setDataset] = useState<DatasetView | undefined>(initial);
  const dictionary = useApi<KeywordDictionaryView>('/texts/dictionary');
  const [edits, setEdits] = useState<DictionaryEdits>({ removed: [], added: [] });
  const [preview, setPreview] = useState<KeywordCountResult | undefined>(undefined);
  const [analysisId, setAnalysisId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const textColumn = dataset?.recipe?.source === 'texts' ? dataset.recipe.textColumn : 'text';

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(undefined);
    try {
      return await action();
    } catch (caught) {
      setError(asApiError(caught));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function showPreview() {
    if (!dataset) return;
    const result = await run(() =>
      api<KeywordCountResult>('/texts/preview', {
        json: {
          datasetId: dataset.id,
          text: textColumn,
          dictionary: dictionarySpec(edits),
          limit: previewLimit,
        },
      }),
    );
    if (result) setPreview(result);
  }

  async function countAll() {
    if (!dataset) return;
    const spec = {
      kind: 'keyword-count',
      unit: dataset.report.unitColumn,
      time: dataset.report.timeColumn,
      text: textColumn,
      ...(dictionarySpec(edits) ? { dictionary: dictionarySpec(edits) } : {}),
    };
    const analysis = await run(() =>
      api<AnalysisView>('/analyses', { json: { datasetId: dataset.id, spec } }),
    );
    if (analysis) setAnalysisId(analysis.id);
  }

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Policy texts</h1>
          <p className="subtitle">
            Keyword counts of government work reports or other policy texts, one per unit and period: a
            measure of government digital engagement.
          </p>
        </div>
      </div>
      <TextsUpload
        teamId={teamId}
        onUploaded={(uploaded) => {
          setDataset(uploaded);
          setPreview(undefined);
          setAnalysisId(undefined);
        }}
      />
      {dataset && (
        <section className="panel" aria-labelledby="texts-heading">
          <h2 id="texts-heading">
            Texts:{' '}
            <Link href={`/datasets/${dataset.id}`}>
              {dataset.name} v{dataset.version}
            </Link>
          </h2>
          <p data-testid="texts-summary">
            {dataset.report.rows} texts, {dataset.report.units} units × {dataset.report.periods} periods
          </p>
          <h3>Keywords</h3>
          {dictionary.error && (
            <ErrorMessage message={dictionary.error.message} code={dictionary.error.code} />
          )}
          {dictionary.data && (
            <KeywordEditor defaults={dictionary.data.terms} edits={edits} onChange={setEdits} />
          )}
          {error && <ErrorMessage message={error.message} code={error.code} details={error.details} />}
          <div className="actions">
            <button
              type="button"
              className="button button-quiet"
              disabled={busy}
              onClick={() => void showPreview()}
            >
              Preview counts (first {previewLimit})
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void countAll()}>
              Count all texts and save new version
            </button>
          </div>
          {preview && <KeywordCountsTable result={preview} />}
          {analysisId && <KeywordRun key={analysisId} analysisId={analysisId} />}
        </section>
      )}
    </>
  );
}

function contentTypeOf(file: File): string {
  return /\.zip$/i.test(file.name) ? 'application/zip' : 'text/csv';
}

function TextsUpload({ teamId, onUploaded }: { teamId: string; onUploaded: (dataset: DatasetView) => void }) {
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    const datasetName = name.trim() || file.name.replace(/\.(zip|csv)$/i, '');
    try {
      const query = new URLSearchParams({ teamId, name: datasetName, fileName: file.name });
      onUploaded(await api<DatasetView>(`/texts?${query}`, { body: file, contentType: contentTypeOf(file) }));
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={submit} aria-label="Upload texts" noValidate>
      <h2>Upload texts</h2>
      <div className="form-grid">
        <div className="sp-field">
          <label htmlFor="texts-file">Texts file (ZIP or CSV)</label>
          <input
            id="texts-file"
            type="file"
            accept=".zip,.csv,application/zip,text/csv"
            onChange={(e) => setFile(e.target.files?.[0])}
          />
          <p className="sp-hint">
            A ZIP of UTF-8 files named <code>unit_period.txt</code> (e.g. <code>beijing_2021.txt</code>), or a
            CSV with unit, time and text columns.
          </p>
        </div>
        <TextField id="texts-name" label="Dataset name" value={name} onChange={setName} />
      </div>
      {error && <ErrorMessage message={error.message} code={error.code} details={error.details} />}
      <div className="actions">
        <button type="submit" className="button" disabled={busy || !file}>
          {busy ? 'Uploading…' : 'Upload texts'}
        </button>
      </div>
    </form>
  );
}

function KeywordRun({ analysisId }: { analysisId: string }) {
  const { analysis, error } = useLiveAnalysis(analysisId);
  if (error) return <ErrorMessage message={error.message} code={error.code} />;
  if (!analysis) return <p className="muted">Loading…</p>;
  return (
    <div aria-label="Keyword counts of all texts">
      <h3>All texts</h3>
      <AnalysisRunStatus analysis={analysis} />
      {analysis.result?.kind === 'keyword-count' && (
        <p>
          {analysis.result.nobs} texts counted with {analysis.result.dictionary.length} terms.
        </p>
      )}
      {analysis.derivedDatasetId && <DerivedVersionLink datasetId={analysis.derivedDatasetId} />}
    </div>
  );
}
