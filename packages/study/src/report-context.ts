/**
 * What the report's tables read: each step's result by id (a planned step without one is a failure
 * with its reason), and the scale of the DGP values. "DGP" values are shown on the entropy index's
 * scale, c₁ × (latent-scale value), c₁ the slope of the index on the latent resilience from the
 * calibration step; without a calibration result they are left blank.
 */
import type { AnalysisResult } from '@spillover/contracts';
import {
  failureText,
  formatNumber,
  type Cell,
  type FailedTable,
  type StepFailure,
  type Table,
} from './tables.js';
import type { StudyPreparation, StudyRun } from './types.js';

export type ResultOf<K extends AnalysisResult['kind']> = Extract<AnalysisResult, { kind: K }>;

export interface ReportContext {
  preparation: StudyPreparation;
  /** The step's result if it has one of the expected kind. */
  result<K extends AnalysisResult['kind']>(id: string, kind: K): ResultOf<K> | undefined;
  failure(id: string): StepFailure;
  seconds(id: string): number | undefined;
  c1: number | undefined;
  scaled(x: number | undefined): number | undefined;
  scaleNote: string;
}

export const starNote = 'Standard errors in parentheses; *** p < 0.01, ** p < 0.05, * p < 0.1.';

export const truthCell = (x: number | undefined): Cell => ({
  text: x === undefined || !Number.isFinite(x) ? '' : `[${formatNumber(x)}]`,
});

/** A cell of a column whose step may have failed (blank then). */
export function cellOf<R>(r: R | undefined, cell: (r: R) => Cell): Cell {
  return r === undefined ? { text: '' } : cell(r);
}

/**
 * A table over the results of `stepIds` (one or more columns each). Without any result it is a
 * failure notice; a failed column reads "step failed" in its first row, with the reason in the notes.
 */
export function tableOf<K extends AnalysisResult['kind']>(
  ctx: ReportContext,
  head: { id: string; title: string; stepIds: string[]; kind: K },
  build: (results: (ResultOf<K> | undefined)[]) => Omit<Table, 'id' | 'title' | 'stepId'>,
): Table | FailedTable {
  const { id, title, stepIds, kind } = head;
  const results = stepIds.map((s) => ctx.result(s, kind));
  const failures = stepIds.filter((_, k) => results[k] === undefined).map(ctx.failure);
  if (failures.length === stepIds.length) return { id, title, stepId: stepIds[0]!, failures };
  const table: Table = { id, title, stepId: stepIds[0]!, ...build(results) };
  const failed = new Set(failures.map((f) => f.stepId));
  table.columnSteps?.forEach((step, k) => {
    if (step !== undefined && failed.has(step) && table.rows[0]) {
      table.rows[0].cells[k] = { text: 'step failed' };
    }
  });
  table.notes.push(...failures.map(failureText));
  return table;
}

export function reportContext(run: StudyRun): ReportContext {
  const measured = new Map(run.preparation.measurement.map((s) => [s.id, s]));
  const raw = (id: string): AnalysisResult | undefined => measured.get(id)?.result ?? run.steps[id]?.result;
  const result = <K extends AnalysisResult['kind']>(id: string, kind: K) => {
    const r = raw(id);
    return r?.kind === kind ? (r as ResultOf<K>) : undefined;
  };
  const failure = (id: string): StepFailure => {
    const r = raw(id);
    const error = run.steps[id]?.error;
    const reason = error ?? (r ? `unexpected result of kind "${r.kind}"` : 'no result');
    return { stepId: id, reason };
  };
  const c1 = result('calibration', 'regression')?.coefficients.resilience_latent?.estimate;
  return {
    preparation: run.preparation,
    result,
    failure,
    seconds: (id) => measured.get(id)?.seconds ?? run.steps[id]?.seconds,
    c1,
    scaled: (x) => (c1 === undefined || x === undefined ? undefined : c1 * x),
    scaleNote:
      c1 === undefined
        ? `DGP values on the index scale are not available: the calibration step failed (${failure('calibration').reason}).`
        : `DGP values in brackets, on the index scale: c1 × latent value, c1 = ${formatNumber(c1, 4)} (slope of the entropy index on the latent resilience).`,
  };
}
