'use client';

import type { DatasetView } from '@spillover/contracts';
import { ErrorMessage, Field, Select, TextField, ValidationReportView } from '@spillover/ui';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../../lib/api';
import { guessPanelColumns, readCsvHeader } from '../../../lib/csv-header';
import { useRequiredSession } from '../../../lib/session';
import { SampleDatasetButton } from '../../studies/_components/SampleDatasetButton';

export default function NewDatasetPage() {
  const { team } = useRequiredSession();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [columns, setColumns] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [time, setTime] = useState('');
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [dataset, setDataset] = useState<DatasetView | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function choose(chosen: File | undefined) {
    setFile(chosen);
    setDataset(undefined);
    setError(undefined);
    setFileError(undefined);
    setColumns([]);
    if (!chosen) return;
    const header = await readCsvHeader(chosen);
    if (header.length < 2) {
      setFileError('The file needs a header row with at least a unit and a time column.');
      return;
    }
    const guess = guessPanelColumns(header);
    setColumns(header);
    setUnit(guess.unit);
    setTime(guess.time);
    setName(chosen.name.replace(/\.csv$/i, ''));
  }

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (!file || !team) return;
    setBusy(true);
    setError(undefined);
    setDataset(undefined);
    const query = new URLSearchParams({ teamId: team.id, name: name.trim() || file.name, unit, time });
    try {
      setDataset(await api<DatasetView>(`/datasets?${query}`, { body: file, contentType: 'text/csv' }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
    } finally {
      setBusy(false);
    }
  }

  const sameColumns = unit !== '' && unit === time;
  const options = columns.map((c) => ({ value: c }));
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Upload a panel</h1>
          <p className="subtitle">
            A long-format CSV with a header row: one row per unit and period
            {team ? ` — into ${team.name}` : ''}.
          </p>
        </div>
      </div>
      <form className="panel" onSubmit={upload} aria-label="Upload dataset">
        <Field id="file" label="CSV file" error={fileError}>
          {(control) => (
            <input
              {...control}
              type="file"
              name="file"
              accept=".csv,text/csv"
              onChange={(event) => void choose(event.target.files?.[0])}
            />
          )}
        </Field>
        {columns.length > 0 && (
          <div className="form-grid">
            <TextField id="name" label="Dataset name" value={name} onChange={setName} />
            <Select
              id="unit"
              label="Unit column"
              value={unit}
              options={options}
              onChange={setUnit}
              hint="Identifies the cross-sectional unit (region, firm…)."
            />
            <Select
              id="time"
              label="Time column"
              value={time}
              options={options}
              onChange={setTime}
              hint="The period: integer or sortable text."
              error={sameColumns ? 'Unit and time must be different columns.' : undefined}
            />
          </div>
        )}
        {error && <ErrorMessage message={error.message} code={error.code} details={error.details} />}
        <div className="actions">
          <button
            type="submit"
            className="button"
            disabled={!file || columns.length === 0 || sameColumns || busy}
          >
            {busy ? 'Uploading…' : 'Upload and validate'}
          </button>
        </div>
      </form>
      {dataset && (
        <section className="panel" aria-labelledby="report-heading">
          <h2 id="report-heading">
            {dataset.name} <span className="muted">v{dataset.version}</span>
          </h2>
          <ValidationReportView report={dataset.report} />
          <div className="actions">
            <Link href={`/analyses/new?datasetId=${dataset.id}`} className="button">
              New regression
            </Link>
            <Link href={`/analyses/new-moran?datasetId=${dataset.id}`} className="button button-quiet">
              Moran&apos;s I
            </Link>
            <Link href={`/datasets/${dataset.id}`}>Open the dataset</Link>
          </div>
        </section>
      )}
      {team && (
        <section className="panel" aria-labelledby="sample-heading">
          <h2 id="sample-heading">No panel at hand?</h2>
          <SampleDatasetButton teamId={team.id} />
        </section>
      )}
    </>
  );
}
