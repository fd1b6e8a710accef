'use client';

import type { DatasetView } from '@spillover/contracts';
import { Checkbox, ErrorMessage, MultiSelect, Select, TextField } from '@spillover/ui';
import Link from 'next/link';
import { Suspense, useState } from 'react';
import {
  initialMechanismForm,
  mechanismFormErrors,
  mechanismSpec,
  type MechanismForm,
  type MechanismKind,
} from '../../../components/mechanisms/mechanism-form';
import { ComposerDataset, numericVariables } from '../../../lib/composer-dataset';
import { useAnalysisSubmit } from '../../../lib/use-analysis-submit';
import { fieldErrors, placedOnField } from '../../../lib/field-errors';
import { effectLabels, vcovOptions } from '../../../lib/regression-form';

const formFields = [
  'y',
  'x',
  'treatment',
  'mediators',
  'groupBy',
  'test',
  'thresholdVariable',
  'regimeVariable',
  'trim',
  'grid',
  'bootstrap',
  'title',
] as const;

const kindOptions: { value: MechanismKind; label: string }[] = [
  { value: 'mediation', label: 'Mediation (paths a, b, c′ with a cluster bootstrap)' },
  { value: 'heterogeneity', label: 'Heterogeneity (group comparison)' },
  { value: 'threshold', label: 'Threshold (Hansen panel threshold model)' },
];

export default function NewMechanismPage() {
  return (
    <Suspense>
      <ComposerDataset action="Mechanisms">
        {(dataset) => <MechanismComposer dataset={dataset} />}
      </ComposerDataset>
    </Suspense>
  );
}

function MechanismComposer({ dataset }: { dataset: DatasetView }) {
  const { unitColumn, timeColumn } = dataset.report;
  const variables = numericVariables(dataset);
  const options = variables.map((value) => ({ value }));
  const [form, setForm] = useState<MechanismForm>(() => initialMechanismForm('mediation', variables));
  const [title, setTitle] = useState('');
  const set =
    <K extends keyof MechanismForm>(key: K) =>
    (value: MechanismForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));

  const spec = mechanismSpec(form, unitColumn, timeColumn);
  const { error, busy, submit } = useAnalysisSubmit(dataset.id, spec, title);
  const errors = fieldErrors(error);
  const localErrors = mechanismFormErrors(form);
  const blocked = Object.values(localErrors).some(Boolean);
  const resamplingLabel = form.kind === 'heterogeneity' ? 'Permutations' : 'Bootstrap replications';

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Mechanisms</h1>
          <p className="subtitle">
            Mediation, heterogeneity and threshold effects on{' '}
            <Link href={`/datasets/${dataset.id}`}>
              {dataset.name} v{dataset.version}
            </Link>
            : {dataset.report.units} units ({unitColumn}) × {dataset.report.periods} periods ({timeColumn}).
            Replications are split across the workers; the result does not depend on how.
          </p>
        </div>
      </div>
      <div className="compose">
        <form className="panel" onSubmit={submit} aria-label="Mechanism analysis" noValidate>
          <Select
            id="kind"
            label="Analysis"
            value={form.kind}
            options={kindOptions}
            onChange={(kind) => setForm(initialMechanismForm(kind as MechanismKind, variables))}
          />
          <div className="form-grid">
            <Select
              id="y"
              label="Outcome (y)"
              value={form.y}
              options={options}
              onChange={set('y')}
              error={errors.y ?? localErrors.y}
            />
            {form.kind === 'mediation' && (
              <Select
                id="treatment"
                label="Treatment"
                value={form.treatment}
                options={options}
                onChange={set('treatment')}
                error={errors.treatment}
              />
            )}
            {form.kind === 'threshold' && (
              <>
                <Select
                  id="thresholdVariable"
                  label="Threshold variable (q)"
                  value={form.thresholdVariable}
                  options={options}
                  onChange={set('thresholdVariable')}
                  error={errors.thresholdVariable}
                />
                <Select
                  id="regimeVariable"
                  label="Regime-dependent regressor"
                  value={form.regimeVariable}
                  options={options}
                  onChange={set('regimeVariable')}
                  error={errors.regimeVariable}
                />
              </>
            )}
          </div>
          {form.kind === 'mediation' && (
            <MultiSelect
              id="mediators"
              legend="Mediators (each on its own)"
              options={options}
              values={form.mediators}
              onChange={set('mediators')}
              error={errors.mediators ?? localErrors.mediators}
            />
          )}
          <MultiSelect
            id="x"
            legend={form.kind === 'heterogeneity' ? 'Regressors' : 'Controls'}
            options={options}
            values={form.controls}
            onChange={set('controls')}
            error={errors.x ?? localErrors.x}
          />
          {form.kind === 'heterogeneity' && (
            <>
              <div className="form-grid">
                <Select
                  id="groupMode"
                  label="Groups"
                  value={form.groupMode}
                  options={[
                    { value: 'median', label: 'Median split of a variable' },
                    { value: 'column', label: 'Group codes in a column' },
                  ]}
                  onChange={(mode) => set('groupMode')(mode as MechanismForm['groupMode'])}
                />
                {form.groupMode === 'column' ? (
                  <Select
                    id="groupBy"
                    label="Group column"
                    value={form.groupColumn}
                    options={options}
                    placeholder="Choose a column"
                    onChange={set('groupColumn')}
                    error={errors.groupBy ?? localErrors.groupBy}
                  />
                ) : (
                  <>
                    <Select
                      id="groupBy"
                      label="Split at the median of"
                      value={form.medianOf}
                      options={options}
                      onChange={set('medianOf')}
                      error={errors.groupBy ?? localErrors.groupBy}
                    />
                    <Select
                      id="medianWithin"
                      label="Median"
                      value={form.medianWithin}
                      options={[
                        { value: 'pooled', label: 'Pooled sample' },
                        { value: 'period', label: 'Within each period' },
                      ]}
                      onChange={(within) => set('medianWithin')(within as MechanismForm['medianWithin'])}
                    />
                  </>
                )}
              </div>
              <MultiSelect
                id="tested"
                legend="Coefficients to compare (none chosen: every regressor)"
                options={form.controls.map((value) => ({ value }))}
                values={form.tested}
                onChange={set('tested')}
                error={errors.test}
              />
              <Checkbox
                id="suest"
                label="Seemingly-unrelated Wald test (suest)"
                checked={form.suest}
                onChange={set('suest')}
              />
              <Checkbox
                id="interaction"
                label="Interaction model (x × group)"
                checked={form.interaction}
                onChange={set('interaction')}
              />
            </>
          )}
          {form.kind === 'threshold' ? (
            <div className="form-grid">
              <Select
                id="thresholds"
                label="Number of thresholds"
                value={form.thresholds}
                options={[{ value: '1' }, { value: '2' }, { value: '3' }]}
                onChange={(n) => set('thresholds')(n as MechanismForm['thresholds'])}
              />
              <TextField
                id="trim"
                label="Trim (share at each end)"
                value={form.trim}
                onChange={set('trim')}
                error={errors.trim ?? localErrors.trim}
              />
              <TextField
                id="grid"
                label="Grid (“all” or quantile points)"
                value={form.grid}
                onChange={set('grid')}
                error={errors.grid ?? localErrors.grid}
              />
            </div>
          ) : (
            <div className="form-grid">
              <Select
                id="model"
                label="Model"
                value={form.model}
                options={[
                  { value: 'fe', label: 'Fixed effects' },
                  { value: 'ols', label: 'Pooled OLS' },
                ]}
                onChange={(model) => set('model')(model as MechanismForm['model'])}
              />
              {form.model === 'fe' && (
                <Select
                  id="effects"
                  label="Fixed effects"
                  value={form.effects}
                  options={(['unit', 'time', 'twoways'] as const).map((value) => ({
                    value,
                    label: effectLabels[value],
                  }))}
                  onChange={(effects) => set('effects')(effects as MechanismForm['effects'])}
                />
              )}
            </div>
          )}
          <div className="form-grid">
            <Select
              id="vcov"
              label="Standard errors"
              value={form.vcov}
              options={vcovOptions}
              onChange={(v) => set('vcov')(v as MechanismForm['vcov'])}
            />
            <TextField
              id="reps"
              label={resamplingLabel}
              type="number"
              min={0}
              step={1}
              value={form.reps}
              onChange={set('reps')}
              error={errors.bootstrap ?? localErrors.reps}
              hint="0 skips them."
            />
            <TextField
              id="seed"
              label="Random seed"
              type="number"
              step={1}
              value={form.seed}
              onChange={set('seed')}
              error={localErrors.seed}
            />
          </div>
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
              {busy ? 'Submitting…' : 'Run analysis'}
            </button>
          </div>
        </form>
        <section className="panel" aria-labelledby="spec-heading">
          <h2 id="spec-heading">Spec</h2>
          <pre className="spec-preview" data-testid="spec-preview">
            {JSON.stringify(spec, null, 2)}
          </pre>
          <p className="muted">
            The same JSON runs offline with <code>spillover fit spec.json</code> (with{' '}
            <code>&quot;data&quot;</code>).
          </p>
        </section>
      </div>
    </>
  );
}
