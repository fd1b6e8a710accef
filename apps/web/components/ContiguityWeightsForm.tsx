'use client';

import type { ContiguityType, WeightsView } from '@spillover/contracts';
import { ErrorMessage, Field, Select, TextField } from '@spillover/ui';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../lib/api';
import { fieldErrors } from '../lib/field-errors';
import { geojsonProperties } from '../lib/geojson-properties';

const typeOptions: { value: ContiguityType; label: string }[] = [
  { value: 'queen', label: 'Queen: boundaries share a point' },
  { value: 'rook', label: 'Rook: boundaries share an edge' },
];

/** The file name without its .geojson / .json extension, plus the contiguity type: "regions-queen". */
function defaultName(fileName: string, type: ContiguityType): string {
  return `${fileName.replace(/\.(geo)?json$/i, '')}-${type}`;
}

/** Queen or rook contiguity weights from a GeoJSON file of polygons, built and stored by the API. */
export function ContiguityWeightsForm({
  teamId,
  onStored,
}: {
  teamId: string;
  onStored: (w: WeightsView | undefined) => void;
}) {
  const [file, setFile] = useState<File | undefined>(undefined);
  const [properties, setProperties] = useState<string[]>([]);
  const [idProperty, setIdProperty] = useState('');
  const [type, setType] = useState<ContiguityType>('queen');
  const [name, setName] = useState('');
  const [readError, setReadError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  async function choose(chosen: File | undefined) {
    setFile(chosen);
    setProperties([]);
    setIdProperty('');
    setReadError(undefined);
    setError(undefined);
    onStored(undefined);
    if (!chosen) return;
    setName(defaultName(chosen.name, type));
    try {
      const read = geojsonProperties(await chosen.text());
      setProperties(read.properties);
      setIdProperty(read.guess);
    } catch (caught) {
      setReadError((caught as Error).message);
    }
  }

  async function build(event: FormEvent) {
    event.preventDefault();
    if (!file || !idProperty) return;
    setBusy(true);
    setError(undefined);
    onStored(undefined);
    const query = new URLSearchParams({
      teamId,
      name: name.trim() || defaultName(file.name, type),
      idProperty,
      type,
    });
    try {
      onStored(
        await api<WeightsView>(`/weights/contiguity?${query}`, {
          body: file,
          contentType: 'application/geo+json',
        }),
      );
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={build} aria-label="Contiguity weights from GeoJSON">
      <Field
        id="geojson-file"
        label="GeoJSON file"
        hint="A FeatureCollection of Polygon or MultiPolygon features, one per unit; a feature property holds the unit id, which must match the panel's unit column."
        error={readError}
      >
        {(control) => (
          <input
            {...control}
            type="file"
            name="geojson-file"
            accept=".geojson,.json,application/geo+json,application/json"
            onChange={(event) => void choose(event.target.files?.[0])}
          />
        )}
      </Field>
      {file && properties.length > 0 && (
        <div className="form-grid">
          <Select
            id="idProperty"
            label="Unit id property"
            value={idProperty}
            options={properties.map((p) => ({ value: p, label: p }))}
            onChange={setIdProperty}
            hint="Offered from the first feature's properties."
            error={errors.idProperty}
          />
          <Select
            id="type"
            label="Contiguity"
            value={type}
            options={typeOptions}
            onChange={(value) => {
              const next = value as ContiguityType;
              if (name === defaultName(file.name, type)) setName(defaultName(file.name, next));
              setType(next);
            }}
            error={errors.type}
          />
          <TextField
            id="name"
            label="Weights name"
            value={name}
            onChange={setName}
            hint="Building the same name again adds a version."
            error={errors.name}
          />
        </div>
      )}
      {error && <ErrorMessage message={error.message} code={error.code} details={error.details} />}
      <div className="actions">
        <button type="submit" className="button" disabled={!file || !idProperty || busy}>
          {busy ? 'Building…' : 'Build contiguity weights'}
        </button>
      </div>
    </form>
  );
}
