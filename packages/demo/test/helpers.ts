/** Test helpers: the city list, and the panel with the study's derived columns (lq, ln_patents). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { appendMeasurementColumns, parseAnalysisSpec, runAnalysis } from '@spillover/core';
import type { AnalysisSpecInput, RegressionResult } from '@spillover/contracts';

export const cityListCsv = readFileSync(
  resolve(__dirname, '../../../../shared/data/china-prefecture-cities.csv'),
  'utf8',
);

function measure(spec: AnalysisSpecInput, panelCsv: string): string {
  const parsed = parseAnalysisSpec(spec);
  return appendMeasurementColumns(parsed, runAnalysis(parsed, { panelCsv }), panelCsv);
}

/** Adds `lq` (location quotient with the national totals) and `ln_patents`. */
export function withDerivedColumns(panelCsv: string): string {
  const ids = { unit: 'code', time: 'year' };
  const lq = measure(
    {
      kind: 'location-quotient',
      ...ids,
      sector: 'digital_emp',
      total: 'total_emp',
      nationalSector: 'digital_emp_national',
      nationalTotal: 'total_emp_national',
      output: 'lq',
    },
    panelCsv,
  );
  return measure(
    { kind: 'transform', ...ids, steps: [{ op: 'ln', column: 'patents_per10k', as: 'ln_patents' }] },
    lq,
  );
}

export const CONTROLS = ['ln_popden', 'fiscal_share', 'fdi_share', 'fin_dev'];

/** Runs a regression spec on the panel (and the weights edge list, for spatial models). */
export function regression(
  spec: Record<string, unknown>,
  panelCsv: string,
  weightsText?: string,
): RegressionResult {
  const parsed = parseAnalysisSpec({
    kind: 'regression',
    unit: 'code',
    time: 'year',
    ...spec,
  } as AnalysisSpecInput);
  return runAnalysis(parsed, { panelCsv, weightsText, weightsName: 'W.csv' }) as RegressionResult;
}

/** |estimate − truth| / se. */
export function zScore(e: { estimate: number; se?: number } | undefined, truth: number): number {
  if (!e || e.se === undefined) return Infinity;
  return Math.abs(e.estimate - truth) / e.se;
}
