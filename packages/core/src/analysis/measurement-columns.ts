/**
 * The columns a measurement analysis adds to its panel, so the CLI (`--write-csv`) and the
 * platform can store a new dataset version:
 * - transform: every step's `as` column;
 * - entropy-index: `<output>` (the score) and `<output>_<group>` per group;
 * - location-quotient: `<output>` (LQ) and, with an area, `<output>_density`;
 * - keyword-count: `<output>_count`, `<output>_freq` (per 10,000 characters), `<output>_ln` (ln(1 + count)).
 */
import { SpilloverError, type AnalysisResult, type AnalysisSpec } from '@spillover/contracts';
import { parsePanelCsv } from '../data/panel.js';
import { appendColumnsToCsv, type AppendedColumn } from '../measurement/csv-append.js';

/** True for the kinds whose result can be written back as panel columns. */
export function writesColumns(spec: AnalysisSpec): boolean {
  return (
    spec.kind === 'transform' ||
    spec.kind === 'entropy-index' ||
    spec.kind === 'location-quotient' ||
    spec.kind === 'keyword-count'
  );
}

/** The new columns of a measurement result, in the panel CSV's row order. */
export function measurementColumns(
  spec: AnalysisSpec,
  result: AnalysisResult,
  panelCsv: string,
): AppendedColumn[] {
  if (!writesColumns(spec) || spec.kind !== result.kind) {
    throw new SpilloverError('UNSUPPORTED', `kind: a "${spec.kind}" result adds no columns to the panel`, {
      field: 'kind',
    });
  }
  if (result.kind === 'transform') {
    return Object.entries(result.columns).map(([name, values]) => ({
      name,
      values: values.map((v) => v ?? NaN),
    }));
  }
  const panel = parsePanelCsv(panelCsv, spec.unit, spec.time);
  const nperiods = panel.times.length;
  const rowAt = new Int32Array(panel.units.length * nperiods);
  for (let r = 0; r < panel.nrows; r++) rowAt[panel.unitIndex[r]! * nperiods + panel.timeIndex[r]!] = r;
  const unitLookup = new Map(panel.units.map((u, i) => [u, i]));
  const timeLookup = new Map(panel.times.map((t, i) => [t, i]));
  const rowOf = (unit: string, time: number | string) =>
    rowAt[unitLookup.get(unit)! * nperiods + timeLookup.get(time)!]!;
  const column = <T>(
    name: string,
    items: T[],
    key: (item: T) => { unit: string; time: number | string },
    value: (item: T) => number | undefined,
  ) => {
    const values = new Float64Array(panel.nrows).fill(NaN);
    for (const item of items) {
      const { unit, time } = key(item);
      values[rowOf(unit, time)] = value(item) ?? NaN;
    }
    return { name, values };
  };
  const output = 'output' in spec ? spec.output : '';
  switch (result.kind) {
    case 'entropy-index': {
      const groups = Object.keys(result.groupWeights);
      return [
        column(
          output,
          result.scores,
          (s) => s,
          (s) => s.score,
        ),
        ...groups.map((g) =>
          column(
            `${output}_${g}`,
            result.scores,
            (s) => s,
            (s) => s.groups[g],
          ),
        ),
      ];
    }
    case 'location-quotient': {
      const out = [
        column(
          output,
          result.values,
          (v) => v,
          (v) => v.lq,
        ),
      ];
      if (result.values.some((v) => v.density !== undefined)) {
        out.push(
          column(
            `${output}_density`,
            result.values,
            (v) => v,
            (v) => v.density,
          ),
        );
      }
      return out;
    }
    case 'keyword-count':
      return [
        column(
          `${output}_count`,
          result.texts,
          (t) => t,
          (t) => t.count,
        ),
        column(
          `${output}_freq`,
          result.texts,
          (t) => t,
          (t) => t.frequency,
        ),
        column(
          `${output}_ln`,
          result.texts,
          (t) => t,
          (t) => t.lnCount,
        ),
      ];
    case 'regression':
    case 'moran':
    case 'mediation':
    case 'threshold':
    case 'heterogeneity':
      throw new SpilloverError('UNSUPPORTED', `kind: a "${spec.kind}" result adds no columns to the panel`, {
        field: 'kind',
      });
  }
}

/** The panel CSV with the measurement result's columns appended (a new dataset version). */
export function appendMeasurementColumns(
  spec: AnalysisSpec,
  result: AnalysisResult,
  panelCsv: string,
): string {
  return appendColumnsToCsv(panelCsv, measurementColumns(spec, result, panelCsv));
}
