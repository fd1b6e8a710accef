'use client';

import type { DatasetView } from '@spillover/contracts';
import { Checkbox, ErrorMessage, Select, TextField } from '@spillover/ui';
import Link from 'next/link';
import { Suspense, useState } from 'react';
import { WeightsSelect } from '../../../components/WeightsSelect';
import { ComposerDataset, numericVariables } from '../../../lib/composer-dataset';
import { useAnalysisSubmit } from '../../../lib/use-analysis-submit';
import { fieldErrors, placedOnField } from '../../../lib/field-errors';
import { moranFormErrors, moranSpec, type MoranForm } from '../../../lib/moran-form';
import { styleOptions } from '../../../lib/regression-form';

const formFields = ['variable', 'weights', 'permutations', 'title'] as const;

export default function NewMoranPage() {
  return (
    <Suspense>
      <ComposerDataset action="Moran’s I">{(dataset) => <MoranComposer dataset={dataset} />}</ComposerDataset>
    </Suspense>
  );
}

function MoranComposer({ dataset }: { dataset: DatasetView }) {
  const { unitColumn, timeColumn } = dataset.report;
  const variables = numericVariables(dataset);
  const [form, setForm] = useState<MoranForm>(() => ({
    variable: variables[0] ?? '',
    weightsId: '',
    style: 'row',
    permutations: false,
    reps: '999',
    seed: '1',
  }));
  const [title, setTitle] = useState('');

  const spec = moranSpec(form, unitColumn, timeColumn);
  const { error, busy, submit } = useAnalysisSubmit(dataset.id, spec, title);
  const errors = fieldErrors(error);
  const localErrors = moranFormErrors(form);
  const blocked = Object.values(localErrors).some(Boolean);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Moran&apos;s I</h1>
          <p className="subtitle">
            Global spatial autocorrelation, period by period, on{' '}
            <Link href={`/datasets/${dataset.id}`}>
              {dataset.name} v{dataset.version}
            </Link>
            : {dataset.report.units} units ({unitColumn}) × {dataset.report.periods} periods ({timeColumn}).
          </p>
        </div>
      </div>
      <div className="compose">
        <form className="panel" onSubmit={submit} aria-label="Moran's I" noValidate>
          <div className="form-grid">
            <Select
              id="variable"
              label="Variable"
              value={form.variable}
              options={variables.map((v) => ({ value: v }))}
              onChange={(variable) => setForm((f) => ({ ...f, variable }))}
              error={errors.variable}
            />
            <Select
              id="style"
              label="Weights standardisation"
              value={form.style}
              options={styleOptions}
              onChange={(style) => setForm((f) => ({ ...f, style: style as 'row' | 'none' }))}
            />
          </div>
          <WeightsSelect
            teamId={dataset.teamId}
            units={dataset.report.units}
            value={form.weightsId}
            onChange={(weightsId) => setForm((f) => ({ ...f, weightsId }))}
            error={errors.weights}
          />
          <Checkbox
            id="permutations"
            label="Permutation p-values"
            checked={form.permutations}
            onChange={(permutations) => setForm((f) => ({ ...f, permutations }))}
            hint="Random relabellings of the units in each period, besides the normal approximation."
          />
          {form.permutations && (
            <div className="form-grid">
              <TextField
                id="reps"
                label="Permutations"
                type="number"
                min={1}
                step={1}
                value={form.reps}
                onChange={(reps) => setForm((f) => ({ ...f, reps }))}
                error={localErrors.reps}
              />
              <TextField
                id="seed"
                label="Random seed"
                type="number"
                step={1}
                value={form.seed}
                onChange={(seed) => setForm((f) => ({ ...f, seed }))}
                error={localErrors.seed}
              />
            </div>
          )}
          <TextField
            id="title"
            label="Title (optional)"
            value={title}
            onChange={setTitle}
            error={errors.title}
          />
          {error && !placedOnField(errors, formFields) && (
            <ErrorMessage message={error.message} code={error.code} details={error.details} />
          )}
          <div className="actions">
            <button type="submit" className="button" disabled={busy || blocked}>
              {busy ? 'Submitting…' : "Compute Moran's I"}
            </button>
            {(localErrors.weights ?? localErrors.variable) && (
              <span className="muted">{localErrors.weights ?? localErrors.variable}</span>
            )}
          </div>
        </form>
        <section className="panel" aria-labelledby="spec-heading">
          <h2 id="spec-heading">Spec</h2>
          <pre className="spec-preview" data-testid="spec-preview">
            {JSON.stringify(spec, null, 2)}
          </pre>
          <p className="muted">
            The same JSON runs offline with <code>spillover fit spec.json</code> (with{' '}
            <code>&quot;data&quot;</code> and a weights <code>&quot;path&quot;</code> instead of the stored
            id).
          </p>
        </section>
      </div>
    </>
  );
}
