'use client';

import type { AnalysisView, DatasetView, EntropyIndexResult } from '@spillover/contracts';
import { ErrorMessage, MultiSelect, Select, TextField, type Option } from '@spillover/ui';
import Link from 'next/link';
import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../lib/api';
import { numericVariables } from '../../lib/composer-dataset';
import { useLiveAnalysis } from '../../lib/use-live-analysis';
import { AnalysisRunStatus } from './AnalysisRunStatus';
import { DerivedVersionLink } from './DerivedVersionLink';
import { EntropyWeightsTable } from './EntropyWeightsTable';
import {
  indexFormErrors,
  indexSpec,
  initialIndicators,
  standardGroups,
  type IndexForm,
  type IndicatorChoice,
} from './index-spec';
import { ScoreLineChart } from './ScoreLineChart';

const groupOptions: Option[] = [
  ...standardGroups.map((g) => ({ value: g })),
  { value: 'custom', label: 'custom…' },
];
const weightingOptions = [
  { value: 'pooled', label: 'Pooled (all unit-periods)' },
  { value: 'per-period', label: 'Per period' },
  { value: 'global', label: 'Global (time-stacked, shifted)' },
];
const methodOptions = [
  { value: 'entropy', label: 'Entropy weights (weighted sum)' },
  { value: 'topsis', label: 'Entropy-weighted TOPSIS' },
];

/**
 * The composite-index builder: indicators with direction and group, weighting and method; running it
 * computes the weights and scores and stores the panel with the score columns as a new dataset version.
 */
export function IndexBuilder({ dataset }: { dataset: DatasetView }) {
  const { unitColumn, timeColumn } = dataset.report;
  const numeric = numericVariables(dataset);
  const [form, setForm] = useState<IndexForm>(() => ({
    indicators: initialIndicators(numeric),
    weighting: 'pooled',
    method: 'entropy',
    output: numeric.includes('index') ? 'index2' : 'index',
    saveAs: '',
  }));
  const [analysisId, setAnalysisId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const spec = indexSpec(form, unitColumn, timeColumn);
  const errors = indexFormErrors(form);
  const blocked = Object.values(errors).some(Boolean);
  const update = (column: string, change: Partial<IndicatorChoice>) =>
    setForm((f) => ({
      ...f,
      indicators: f.indicators.map((i) => (i.column === column ? { ...i, ...change } : i)),
    }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saveAs = form.saveAs.trim();
      const analysis = await api<AnalysisView>('/analyses', {
        json: { datasetId: dataset.id, spec, ...(saveAs ? { derivedDatasetName: saveAs } : {}) },
      });
      setAnalysisId(analysis.id);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Build a composite index</h1>
          <p className="subtitle">
            Entropy-weight index of{' '}
            <Link href={`/datasets/${dataset.id}`}>
              {dataset.name} v{dataset.version}
            </Link>
            : {dataset.report.units} units ({unitColumn}) × {dataset.report.periods} periods ({timeColumn}).
            The scores are saved as a new dataset version.
          </p>
        </div>
      </div>
      <div className="compose">
        <form className="panel" onSubmit={submit} aria-label="Composite index" noValidate>
          <fieldset className="sp-field">
            <legend>Indicators</legend>
            <table className="sp-table indicator-table">
              <thead>
                <tr>
                  <th scope="col">Use</th>
                  <th scope="col">Indicator</th>
                  <th scope="col">Direction</th>
                  <th scope="col">Group</th>
                </tr>
              </thead>
              <tbody>
                {form.indicators.map((i) => (
                  <tr key={i.column}>
                    <td>
                      <input
                        type="checkbox"
                        id={`use-${i.column}`}
                        aria-label={`Use ${i.column}`}
                        checked={i.included}
                        onChange={(e) => update(i.column, { included: e.target.checked })}
                      />
                    </td>
                    <th scope="row">
                      <label htmlFor={`use-${i.column}`}>{i.column}</label>
                    </th>
                    <td>
                      <select
                        aria-label={`Direction of ${i.column}`}
                        value={i.direction}
                        disabled={!i.included}
                        onChange={(e) => update(i.column, { direction: e.target.value as '+' | '-' })}
                      >
                        <option value="+">+ more is better</option>
                        <option value="-">− less is better</option>
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={`Group of ${i.column}`}
                        value={i.group}
                        disabled={!i.included}
                        onChange={(e) => update(i.column, { group: e.target.value })}
                      >
                        {groupOptions.map((g) => (
                          <option key={g.value} value={g.value}>
                            {g.label ?? g.value}
                          </option>
                        ))}
                      </select>
                      {i.group === 'custom' && (
                        <input
                          type="text"
                          aria-label={`Custom group of ${i.column}`}
                          value={i.customGroup}
                          placeholder="group name"
                          onChange={(e) => update(i.column, { customGroup: e.target.value })}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {errors.indicators && <p className="sp-field-error">{errors.indicators}</p>}
          </fieldset>
          <div className="form-grid">
            <Select
              id="weighting"
              label="Weighting"
              value={form.weighting}
              options={weightingOptions}
              onChange={(weighting) =>
                setForm((f) => ({ ...f, weighting: weighting as IndexForm['weighting'] }))
              }
            />
            <Select
              id="method"
              label="Method"
              value={form.method}
              options={methodOptions}
              onChange={(method) => setForm((f) => ({ ...f, method: method as IndexForm['method'] }))}
            />
            <TextField
              id="output"
              label="Score column"
              value={form.output}
              onChange={(output) => setForm((f) => ({ ...f, output }))}
              error={errors.output}
            />
            <TextField
              id="save-as"
              label="Save as dataset (optional)"
              value={form.saveAs}
              onChange={(saveAs) => setForm((f) => ({ ...f, saveAs }))}
            />
          </div>
          {error && <ErrorMessage message={error.message} code={error.code} details={error.details} />}
          <div className="actions">
            <button type="submit" className="button" disabled={busy || blocked}>
              {busy ? 'Submitting…' : 'Build index and save new version'}
            </button>
          </div>
        </form>
        <section className="panel" aria-labelledby="spec-heading">
          <h2 id="spec-heading">Spec</h2>
          <pre className="spec-preview" data-testid="spec-preview">
            {JSON.stringify(spec, null, 2)}
          </pre>
          <p className="muted">
            Offline: <code>spillover fit spec.json --write-csv out.csv</code> (with{' '}
            <code>&quot;data&quot;</code>).
          </p>
        </section>
      </div>
      {analysisId && <IndexRun key={analysisId} analysisId={analysisId} />}
    </>
  );
}

/** The run of the index: weights table, score chart and the saved version once it succeeded. */
function IndexRun({ analysisId }: { analysisId: string }) {
  const { analysis, error } = useLiveAnalysis(analysisId);
  if (error) return <ErrorMessage message={error.message} code={error.code} />;
  if (!analysis) return <p className="muted">Loading…</p>;
  const result = analysis.result?.kind === 'entropy-index' ? analysis.result : undefined;
  const indicators = analysis.spec.kind === 'entropy-index' ? analysis.spec.indicators : [];
  return (
    <section className="panel" aria-labelledby="index-result-heading">
      <h2 id="index-result-heading">Weights and scores</h2>
      <AnalysisRunStatus analysis={analysis} />
      {result && (
        <>
          <EntropyWeightsTable result={result} indicators={indicators} />
          <ScoresOverTime
            result={result}
            label={analysis.spec.kind === 'entropy-index' ? analysis.spec.output : 'score'}
          />
        </>
      )}
      {analysis.derivedDatasetId && <DerivedVersionLink datasetId={analysis.derivedDatasetId} />}
    </section>
  );
}

function ScoresOverTime({ result, label }: { result: EntropyIndexResult; label: string }) {
  const { times, units, byUnit } = useMemo(() => {
    const timeList: (string | number)[] = [];
    const map = new Map<string, Map<string | number, number>>();
    for (const s of result.scores) {
      if (!timeList.includes(s.time)) timeList.push(s.time);
      if (!map.has(s.unit)) map.set(s.unit, new Map());
      map.get(s.unit)!.set(s.time, s.score);
    }
    timeList.sort((a, b) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
    );
    return { times: timeList, units: [...map.keys()], byUnit: map };
  }, [result]);
  const [chosen, setChosen] = useState<string[]>(() => units.slice(0, 4));
  return (
    <>
      <h3>Score over time</h3>
      <MultiSelect
        id="chart-units"
        legend="Units in the chart"
        options={units.map((u) => ({ value: u }))}
        values={chosen}
        onChange={setChosen}
      />
      {chosen.length > 0 && (
        <ScoreLineChart
          times={times}
          label={label}
          series={chosen.map((unit) => ({
            unit,
            values: times.map((t) => byUnit.get(unit)?.get(t) ?? null),
          }))}
        />
      )}
    </>
  );
}
