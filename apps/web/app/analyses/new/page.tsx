'use client';

import type { DatasetView, FixedEffects, VcovType } from '@spillover/contracts';
import { Checkbox, ErrorMessage, MultiSelect, Select, TextField } from '@spillover/ui';
import Link from 'next/link';
import { Suspense, useEffect, useState } from 'react';
import { ComposerDataset, numericVariables } from '../../../lib/composer-dataset';
import { useAnalysisSubmit } from '../../../lib/use-analysis-submit';
import { fieldErrors, placedOnField } from '../../../lib/field-errors';
import { WeightsSelect } from '../../../components/WeightsSelect';
import {
  allowsLeeYu,
  defaultSpatialOptions,
  effectLabels,
  effectsFor,
  formModels,
  hasImpacts,
  isDynamicModel,
  isSpatialModel,
  regressionFormErrors,
  regressionSpec,
  styleOptions,
  takesWeights,
  vcovOptions,
  type FormModel,
  type RegressionForm,
} from '../../../lib/regression-form';
import { clearPrefill, readPrefill } from '../../../lib/spec-prefill';

const formFields = [
  'y',
  'x',
  'model',
  'effects',
  'vcov',
  'weights',
  'leeYu',
  'dynamic',
  'impacts',
  'title',
] as const;

export default function NewAnalysisPage() {
  return (
    <Suspense>
      <ComposerDataset action="New regression">
        {(dataset) => <RegressionComposer dataset={dataset} />}
      </ComposerDataset>
    </Suspense>
  );
}

function RegressionComposer({ dataset }: { dataset: DatasetView }) {
  const { unitColumn, timeColumn } = dataset.report;
  const variables = numericVariables(dataset);

  // "Edit and run" on an analysis page hands its spec over (lib/spec-prefill)
  const [prefill] = useState(() => readPrefill(dataset.id));
  useEffect(() => clearPrefill(), []);
  const [form, setForm] = useState<RegressionForm>(
    () =>
      prefill?.form ?? {
        y: variables[0] ?? '',
        x: [],
        model: 'fe',
        effects: 'unit',
        vcov: 'classical',
        ...defaultSpatialOptions,
      },
  );
  const [title, setTitle] = useState(prefill?.title ?? '');

  // Effects that do not fit the model are replaced by the model's first choice.
  useEffect(() => {
    const allowed = effectsFor(form.model);
    if (!allowed.includes(form.effects)) setForm((f) => ({ ...f, effects: allowed[0] }));
  }, [form.model, form.effects]);

  const spec = regressionSpec(form, unitColumn, timeColumn);
  const { error, busy, submit } = useAnalysisSubmit(dataset.id, spec, title);
  const errors = fieldErrors(error);
  const localErrors = regressionFormErrors(form);
  const blocked = Object.values(localErrors).some(Boolean);
  const firstProblem = localErrors.x ?? localErrors.weights ?? localErrors.dynamic;
  const spatial = isSpatialModel(form.model);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>New regression</h1>
          <p className="subtitle">
            On{' '}
            <Link href={`/datasets/${dataset.id}`}>
              {dataset.name} v{dataset.version}
            </Link>
            : {dataset.report.units} units ({unitColumn}) × {dataset.report.periods} periods ({timeColumn}).
          </p>
        </div>
      </div>
      <div className="compose">
        <form className="panel" onSubmit={submit} aria-label="Regression" noValidate>
          <Select
            id="y"
            label="Dependent variable (y)"
            value={form.y}
            options={variables.map((v) => ({ value: v }))}
            onChange={(y) => setForm((f) => ({ ...f, y, x: f.x.filter((x) => x !== y) }))}
            error={errors.y}
          />
          <MultiSelect
            id="x"
            legend="Regressors (x)"
            options={variables.map((v) => ({ value: v, disabled: v === form.y }))}
            values={form.x}
            onChange={(x) => setForm((f) => ({ ...f, x }))}
            hint="Numeric columns of the panel."
            error={errors.x}
          />
          <div className="form-grid">
            <Select
              id="model"
              label="Model"
              value={form.model}
              options={formModels.map((m) => ({ value: m.value, label: m.label }))}
              onChange={(model) => setForm((f) => ({ ...f, model: model as FormModel }))}
              error={errors.model}
            />
            <Select
              id="effects"
              label="Effects"
              value={form.effects}
              options={effectsFor(form.model).map((e) => ({ value: e, label: effectLabels[e] }))}
              onChange={(effects) => setForm((f) => ({ ...f, effects: effects as FixedEffects }))}
              error={errors.effects}
            />
            <Select
              id="vcov"
              label="Standard errors"
              value={form.vcov}
              options={vcovOptions}
              onChange={(vcov) => setForm((f) => ({ ...f, vcov: vcov as VcovType }))}
              error={errors.vcov}
            />
          </div>
          {takesWeights(form.model) && (
            <fieldset className="form-section" aria-label="Spatial options">
              <legend>{spatial ? 'Spatial model' : 'Spatial diagnostics'}</legend>
              <div className="form-grid">
                <WeightsSelect
                  teamId={dataset.teamId}
                  units={dataset.report.units}
                  value={form.weightsId}
                  onChange={(weightsId) => setForm((f) => ({ ...f, weightsId }))}
                  optional={!spatial}
                  error={errors.weights}
                />
                {(spatial || form.weightsId) && (
                  <Select
                    id="style"
                    label="Weights standardisation"
                    value={form.style}
                    options={styleOptions}
                    onChange={(style) => setForm((f) => ({ ...f, style: style as 'row' | 'none' }))}
                  />
                )}
              </div>
              {isDynamicModel(form.model) && (
                <div className="check-row" role="group" aria-label="Lags of y">
                  <Checkbox
                    id="timeLag"
                    label={`Time lag of y (L.${form.y || 'y'})`}
                    checked={form.timeLag}
                    onChange={(timeLag) => setForm((f) => ({ ...f, timeLag }))}
                  />
                  <Checkbox
                    id="spaceTimeLag"
                    label={`Spatial-time lag (W*L.${form.y || 'y'})`}
                    checked={form.spaceTimeLag}
                    onChange={(spaceTimeLag) => setForm((f) => ({ ...f, spaceTimeLag }))}
                  />
                </div>
              )}
              {allowsLeeYu(form.model, form.effects) && (
                <Checkbox
                  id="leeYu"
                  label="Lee–Yu bias correction"
                  checked={form.leeYu}
                  onChange={(leeYu) => setForm((f) => ({ ...f, leeYu }))}
                  hint="Corrects the bias of ML estimates with fixed effects when periods are few (Lee and Yu 2010)."
                />
              )}
              {hasImpacts(form.model) && (
                <>
                  <Checkbox
                    id="impacts"
                    label="Direct, indirect and total effects (LeSage–Pace)"
                    checked={form.impacts}
                    onChange={(impacts) => setForm((f) => ({ ...f, impacts }))}
                  />
                  {form.impacts && (
                    <div className="form-grid">
                      <TextField
                        id="draws"
                        label="Draws for effect standard errors"
                        type="number"
                        min={0}
                        step={1}
                        value={form.draws}
                        onChange={(draws) => setForm((f) => ({ ...f, draws }))}
                        error={localErrors.draws}
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
                </>
              )}
            </fieldset>
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
              {busy ? 'Submitting…' : 'Run regression'}
            </button>
            {firstProblem && <span className="muted">{firstProblem}</span>}
          </div>
        </form>
        <section className="panel" aria-labelledby="spec-heading">
          <h2 id="spec-heading">Spec</h2>
          <pre className="spec-preview" data-testid="spec-preview">
            {JSON.stringify(spec, null, 2)}
          </pre>
          <p className="muted">
            The same JSON runs offline with <code>spillover fit spec.json</code> (add{' '}
            <code>&quot;data&quot;</code>).
          </p>
        </section>
      </div>
    </>
  );
}
