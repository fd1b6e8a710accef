'use client';

import type { DatasetView, WeightsFormat, WeightsMethod, WeightsView } from '@spillover/contracts';
import { Checkbox, ErrorMessage, Field, Select, TextField } from '@spillover/ui';
import Link from 'next/link';
import { useEffect, useState, type FormEvent } from 'react';
import { ContiguityWeightsForm } from '../../../components/ContiguityWeightsForm';
import { WeightsDetails } from '../../../components/WeightsDetails';
import { api, ApiError } from '../../../lib/api';
import { fieldErrors } from '../../../lib/field-errors';
import { useRequiredSession } from '../../../lib/session';
import { useApi } from '../../../lib/use-api';
import {
  buildBody,
  buildFormErrors,
  formatOptions,
  guessCoordinates,
  methodOptions,
  usesCoordinates,
  usesVariable,
  type BuildForm,
  type CoordinateKind,
} from '../../../lib/weights-form';

type Mode = 'upload' | 'build' | 'contiguity';

function asApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) });
}

export default function NewWeightsPage() {
  const { team } = useRequiredSession();
  const [mode, setMode] = useState<Mode>('upload');
  const [weights, setWeights] = useState<WeightsView | undefined>(undefined);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Add spatial weights</h1>
          <p className="subtitle">
            Upload a matrix W, build one from a dataset&apos;s coordinates, or from the polygons of a GeoJSON
            map
            {team ? ` — into ${team.name}` : ''}.
          </p>
        </div>
      </div>
      <div className="segmented" role="radiogroup" aria-label="How to add weights">
        {(
          [
            ['upload', 'Upload a file'],
            ['build', 'Build from a dataset'],
            ['contiguity', 'Contiguity from GeoJSON'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={mode === value ? 'segment segment-on' : 'segment'}>
            <input
              type="radio"
              name="mode"
              value={value}
              checked={mode === value}
              onChange={() => {
                setMode(value);
                setWeights(undefined);
              }}
            />
            {label}
          </label>
        ))}
      </div>
      {team && mode === 'upload' && <UploadWeights teamId={team.id} onStored={setWeights} />}
      {team && mode === 'build' && <BuildWeights teamId={team.id} onStored={setWeights} />}
      {team && mode === 'contiguity' && <ContiguityWeightsForm teamId={team.id} onStored={setWeights} />}
      {weights && (
        <>
          <p className="notice" data-testid="weights-stored">
            Stored {weights.name} v{weights.version}: {weights.n} units.{' '}
            <Link href={`/weights/${weights.id}`}>Open</Link> · <Link href="/weights">All weights</Link>
          </p>
          <WeightsDetails weights={weights} />
        </>
      )}
    </>
  );
}

function UploadWeights({
  teamId,
  onStored,
}: {
  teamId: string;
  onStored: (w: WeightsView | undefined) => void;
}) {
  const [file, setFile] = useState<File | undefined>(undefined);
  const [name, setName] = useState('');
  const [format, setFormat] = useState<'' | WeightsFormat>('');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    onStored(undefined);
    const query = new URLSearchParams({
      teamId,
      name: name.trim() || file.name,
      ...(format ? { format } : {}),
    });
    const text = /\.(gal|gwt)$/i.test(file.name) || format === 'gal' || format === 'gwt';
    try {
      onStored(
        await api<WeightsView>(`/weights?${query}`, {
          body: file,
          contentType: text ? 'text/plain' : 'text/csv',
        }),
      );
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={upload} aria-label="Upload weights">
      <Field
        id="weights-file"
        label="Weights file"
        hint="A labelled square matrix CSV (header id,<unit1>,<unit2>,…), an edge list CSV (from,to[,weight]), or a GeoDa .gal / .gwt file. Unit ids must match the panel's unit column."
      >
        {(control) => (
          <input
            {...control}
            type="file"
            name="weights-file"
            accept=".csv,.gal,.gwt,.txt,text/csv,text/plain"
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              setFile(chosen);
              setError(undefined);
              onStored(undefined);
              if (chosen) setName(chosen.name);
            }}
          />
        )}
      </Field>
      {file && (
        <div className="form-grid">
          <TextField
            id="name"
            label="Weights name"
            value={name}
            onChange={setName}
            hint="Uploading the same name again adds a version."
          />
          <Select
            id="format"
            label="Format"
            value={format}
            options={formatOptions}
            onChange={(value) => setFormat(value as '' | WeightsFormat)}
          />
        </div>
      )}
      {error && <ErrorMessage message={error.message} code={error.code} details={error.details} />}
      <div className="actions">
        <button type="submit" className="button" disabled={!file || busy}>
          {busy ? 'Uploading…' : 'Upload weights'}
        </button>
      </div>
    </form>
  );
}

function BuildWeights({
  teamId,
  onStored,
}: {
  teamId: string;
  onStored: (w: WeightsView | undefined) => void;
}) {
  const datasets = useApi<DatasetView[]>(`/datasets?teamId=${encodeURIComponent(teamId)}`);
  const [form, setForm] = useState<BuildForm>({
    datasetId: '',
    name: '',
    method: 'knn',
    coordinates: 'lonlat',
    first: '',
    second: '',
    greatCircle: true,
    k: '5',
    threshold: '',
    power: '1',
    cutoff: '',
    variable: '',
    phi: '0.5',
  });
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const dataset = datasets.data?.find((d) => d.id === form.datasetId);
  const columns =
    dataset?.report.columns
      .filter(
        (c) =>
          c.type === 'numeric' &&
          c.name !== dataset.report.unitColumn &&
          c.name !== dataset.report.timeColumn,
      )
      .map((c) => c.name) ?? [];
  const columnKey = columns.join('\u0000');

  // The newest dataset to start with; its coordinate columns guessed from their names.
  useEffect(() => {
    const first = datasets.data?.[0];
    if (first && !form.datasetId) setForm((f) => ({ ...f, datasetId: first.id }));
  }, [datasets.data, form.datasetId]);
  useEffect(() => {
    if (!columnKey) return;
    const names = columnKey.split('\u0000');
    // Choices already made among these columns stay; others are guessed.
    setForm((f) => ({
      ...f,
      ...(names.includes(f.first) && names.includes(f.second) ? {} : guessCoordinates(names)),
      variable: names.includes(f.variable) ? f.variable : (names[0] ?? ''),
    }));
  }, [columnKey]);

  const errors = fieldErrors(error);
  const local = buildFormErrors(form);
  const blocked = Object.values(local).some(Boolean);
  const set =
    <K extends keyof BuildForm>(key: K) =>
    (value: BuildForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const columnOptions = columns.map((c) => ({ value: c }));
  const [firstLabel, secondLabel] =
    form.coordinates === 'lonlat' ? ['Longitude column', 'Latitude column'] : ['X column', 'Y column'];

  async function build(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    onStored(undefined);
    try {
      onStored(await api<WeightsView>('/weights/build', { json: buildBody(form, teamId) }));
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  if (datasets.error) return <ErrorMessage message={datasets.error.message} code={datasets.error.code} />;
  if (datasets.data && datasets.data.length === 0) {
    return (
      <p className="empty">
        No datasets yet: <Link href="/datasets/new">upload a panel</Link> with coordinate columns first.
      </p>
    );
  }
  const coordinateError = (field: 'first' | 'second') => {
    const apiField =
      form.coordinates === 'lonlat' ? (field === 'first' ? 'lon' : 'lat') : field === 'first' ? 'x' : 'y';
    return errors[apiField] ?? (form[field] ? local[field] : undefined);
  };

  return (
    <form className="panel" onSubmit={build} aria-label="Build weights" noValidate>
      <div className="form-grid">
        <Select
          id="datasetId"
          label="Dataset"
          value={form.datasetId}
          options={(datasets.data ?? []).map((d) => ({ value: d.id, label: `${d.name} v${d.version}` }))}
          onChange={set('datasetId')}
          error={errors.datasetId}
        />
        <TextField
          id="name"
          label="Weights name"
          value={form.name}
          onChange={set('name')}
          error={errors.name}
        />
        <Select
          id="method"
          label="Method"
          value={form.method}
          options={methodOptions}
          onChange={(method) => set('method')(method as WeightsMethod)}
        />
      </div>
      {usesCoordinates(form.method) && (
        <div className="form-grid">
          <Select
            id="coordinates"
            label="Coordinates"
            value={form.coordinates}
            options={[
              { value: 'lonlat', label: 'Longitude / latitude' },
              { value: 'xy', label: 'Planar x / y' },
            ]}
            onChange={(value) => set('coordinates')(value as CoordinateKind)}
          />
          <Select
            id="first"
            label={firstLabel}
            value={form.first}
            options={columnOptions}
            onChange={set('first')}
            error={coordinateError('first')}
          />
          <Select
            id="second"
            label={secondLabel}
            value={form.second}
            options={columnOptions}
            onChange={set('second')}
            error={coordinateError('second')}
          />
        </div>
      )}
      {usesCoordinates(form.method) && form.coordinates === 'lonlat' && (
        <Checkbox
          id="greatCircle"
          label="Great-circle distances (km)"
          checked={form.greatCircle}
          onChange={set('greatCircle')}
          hint="Otherwise longitude and latitude are treated as planar coordinates."
        />
      )}
      <div className="form-grid">
        {form.method === 'knn' && (
          <TextField
            id="k"
            label="Neighbours per unit (k)"
            type="number"
            min={1}
            step={1}
            value={form.k}
            onChange={set('k')}
            error={errors.k ?? local.k}
          />
        )}
        {form.method === 'distance-band' && (
          <TextField
            id="threshold"
            label="Distance threshold"
            type="number"
            min={0}
            step="any"
            value={form.threshold}
            onChange={set('threshold')}
            hint="Units closer than this are neighbours (km for great-circle distances)."
            error={errors.threshold ?? (form.threshold ? local.threshold : undefined)}
          />
        )}
        {(form.method === 'inverse-distance' || form.method === 'nested') && (
          <TextField
            id="power"
            label="Distance power"
            type="number"
            min={0}
            step="any"
            value={form.power}
            onChange={set('power')}
            error={errors.power ?? local.power}
          />
        )}
        {form.method === 'inverse-distance' && (
          <TextField
            id="cutoff"
            label="Cut-off distance (optional)"
            type="number"
            min={0}
            step="any"
            value={form.cutoff}
            onChange={set('cutoff')}
            error={errors.cutoff ?? local.cutoff}
          />
        )}
        {usesVariable(form.method) && (
          <Select
            id="variable"
            label="Economic variable"
            value={form.variable}
            options={columnOptions}
            onChange={set('variable')}
            hint="w_ij = 1 / |mean_i − mean_j| of this column over the sample."
            error={errors.variable}
          />
        )}
        {form.method === 'nested' && (
          <TextField
            id="phi"
            label="Geographic share (φ)"
            type="number"
            min={0}
            max={1}
            step="any"
            value={form.phi}
            onChange={set('phi')}
            hint="W = φ W_geographic + (1 − φ) W_economic."
            error={errors.phi ?? local.phi}
          />
        )}
      </div>
      {error && <ErrorMessage message={error.message} code={error.code} details={error.details} />}
      <div className="actions">
        <button type="submit" className="button" disabled={busy || blocked}>
          {busy ? 'Building…' : 'Build weights'}
        </button>
        {(local.name ?? local.datasetId) && <span className="muted">{local.name ?? local.datasetId}</span>}
      </div>
    </form>
  );
}
