/**
 * The measurement steps: entropy index of resilience, location quotient, keyword index of the work
 * reports and transformations. Each adds columns to the panel the next step reads, so they run in
 * order, in process; the result is the analysis panel of the estimation steps.
 */
import type { AnalysisResult, AnalysisSpecInput } from '@spillover/contracts';
import {
  appendColumnsToCsv,
  appendMeasurementColumns,
  measurementColumns,
  parseAnalysisSpec,
  parsePanelCsv,
  runAnalysis,
} from '@spillover/core';
import { indicators, type DemoData } from '@spillover/demo';
import { panelIds } from './panel-ids.js';
import type { StepProgress } from './progress.js';
import type { StudyMeasurementInput, StudyMeasurementStep } from './types.js';

interface MeasurementDefinition {
  id: string;
  title: string;
  spec: AnalysisSpecInput;
  input: StudyMeasurementInput;
}

const definitions: MeasurementDefinition[] = [
  {
    id: 'entropy-index',
    title: 'entropy index of urban resilience (four subsystems)',
    input: 'panel',
    spec: {
      kind: 'entropy-index',
      ...panelIds,
      indicators: indicators.map((d) => ({ column: d.column, direction: d.direction, group: d.subsystem })),
      weighting: 'pooled',
      method: 'entropy',
      missing: 'listwise',
      output: 'resilience',
    },
  },
  {
    id: 'location-quotient',
    title: 'location quotient of digital-economy employment',
    input: 'panel',
    spec: {
      kind: 'location-quotient',
      ...panelIds,
      sector: 'digital_emp',
      total: 'total_emp',
      nationalSector: 'digital_emp_national',
      nationalTotal: 'total_emp_national',
      output: 'lq',
    },
  },
  {
    id: 'keyword-count',
    title: 'keyword index of government digital engagement (work reports)',
    input: 'texts',
    spec: { kind: 'keyword-count', ...panelIds, text: 'text', output: 'digital' },
  },
  {
    id: 'transform',
    title: 'transformations: ln patents, L.lq, winsorised variables',
    input: 'analysis',
    spec: {
      kind: 'transform',
      ...panelIds,
      steps: [
        { op: 'ln', column: 'patents_per10k', as: 'ln_patents' },
        { op: 'lag', column: 'lq', as: 'lq_lag1', order: 1 },
        { op: 'winsorize', column: 'lq', as: 'lq_w', lower: 0.01, upper: 0.99, by: 'pooled' },
        { op: 'winsorize', column: 'resilience', as: 'resilience_w', lower: 0.01, upper: 0.99, by: 'pooled' },
      ],
    },
  },
];

export const measurementStepCount = definitions.length;

/**
 * Runs the measurement steps on the demo panel. The keyword index is computed on the texts file and
 * its columns are matched to the panel's rows by (code, year); the other steps read the panel as the
 * previous steps left it (`input` names the file their spec refers to).
 */
export function runMeasurement(
  demo: DemoData,
  progress: StepProgress,
): { steps: StudyMeasurementStep[]; analysisPanelCsv: string } {
  let panel = demo.panelCsv;
  const steps: StudyMeasurementStep[] = [];
  for (const d of definitions) {
    progress.before(d.title);
    const t0 = Date.now();
    const spec = parseAnalysisSpec(d.spec);
    const source = d.input === 'texts' ? demo.textsCsv : panel;
    const result: AnalysisResult = runAnalysis(spec, { panelCsv: source });
    const seconds = (Date.now() - t0) / 1000;
    steps.push({ ...d, result, seconds });
    progress.after(seconds);
    panel =
      d.input === 'texts'
        ? appendColumnsToCsv(panel, alignByKey(measurementColumns(spec, result, source), source, panel))
        : appendMeasurementColumns(spec, result, panel);
  }
  return { steps, analysisPanelCsv: panel };
}

/** Reorders measurement columns computed on `sourceCsv` to the rows of `targetCsv` by (code, year). */
function alignByKey(
  columns: { name: string; values: ArrayLike<number> }[],
  sourceCsv: string,
  targetCsv: string,
) {
  const source = parsePanelCsv(sourceCsv, panelIds.unit, panelIds.time);
  const target = parsePanelCsv(targetCsv, panelIds.unit, panelIds.time);
  const key = (units: string[], times: (number | string)[], u: number, t: number) =>
    `${units[u]}\u0000${times[t]}`;
  const row = new Map<string, number>();
  for (let r = 0; r < source.nrows; r++) {
    row.set(key(source.units, source.times, source.unitIndex[r]!, source.timeIndex[r]!), r);
  }
  return columns.map((c) => ({
    name: c.name,
    values: Float64Array.from({ length: target.nrows }, (_, r) => {
      const k = row.get(key(target.units, target.times, target.unitIndex[r]!, target.timeIndex[r]!));
      return k === undefined ? NaN : c.values[k]!;
    }),
  }));
}
