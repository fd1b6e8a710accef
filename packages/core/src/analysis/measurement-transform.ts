/**
 * `transform`: derived columns every study needs (ln, ln(1 + x), lags, differences, winsorising,
 * standardising, interactions, median splits, membership dummies), applied step by step; a step
 * may use a column written by an earlier one. The result carries the new columns in the panel
 * CSV's row order and the steps as provenance; ./measurement-columns.ts appends them to the CSV.
 */
import {
  SpilloverError,
  type TransformResult,
  type TransformSpec,
  type TransformStep,
} from '@spillover/contracts';
import { requireNumericColumn, type Panel } from '../data/panel.js';
import {
  blockMoments,
  interact,
  laggedRows,
  log1pValues,
  logValues,
  medianSplit,
  standardize,
  takeRows,
  winsorize,
} from '../measurement/transforms.js';
import type { RunHooks } from './run-analysis.js';

export function runTransform(spec: TransformSpec, panel: Panel, hooks: RunHooks = {}): TransformResult {
  const created = new Map<string, Float64Array>();
  const rowLabel = (r: number) =>
    `unit "${panel.units[panel.unitIndex[r]!]!}" in period ${panel.times[panel.timeIndex[r]!]} (line ${panel.lines[r]})`;
  const pooled = new Int32Array(panel.nrows);

  spec.steps.forEach((step, i) => {
    const field = `steps[${i}]`;
    if (created.has(step.as) || panel.columnNames.includes(step.as)) {
      throw new SpilloverError(
        'INVALID_SPEC',
        `${field}.as: column "${step.as}" already exists; choose a new name`,
        {
          field: `${field}.as`,
          column: step.as,
        },
      );
    }
    const column = (name: string, at: string): Float64Array =>
      created.get(name) ?? requireNumericColumn(panel, name, at);
    const grouping = (by: 'pooled' | 'per-period') =>
      by === 'pooled' ? { group: pooled, n: 1 } : { group: panel.timeIndex, n: panel.times.length };
    const label = `${field} (${step.op} ${step.as})`;
    created.set(step.as, apply(step, field, label));
    hooks.onProgress?.({ stage: 'transform', done: i + 1, total: spec.steps.length });

    function apply(s: TransformStep, at: string, what: string): Float64Array {
      switch (s.op) {
        case 'ln':
          return logValues(column(s.column, `${at}.column`), `${what}: column "${s.column}"`, rowLabel);
        case 'ln1p':
          return log1pValues(column(s.column, `${at}.column`), `${what}: column "${s.column}"`, rowLabel);
        case 'lag':
        case 'diff': {
          const x = column(s.column, `${at}.column`);
          const earlier = takeRows(
            x,
            laggedRows(panel.unitIndex, panel.timeIndex, panel.times, panel.units.length, s.order, rowLabel),
          );
          return s.op === 'lag' ? earlier : Float64Array.from(x, (v, r) => v - earlier[r]!);
        }
        case 'winsorize': {
          if (!(s.lower < s.upper)) {
            throw new SpilloverError(
              'INVALID_SPEC',
              `${at}.lower: ${s.lower} must be below upper (${s.upper})`,
              { field: `${at}.lower` },
            );
          }
          const { group, n } = grouping(s.by);
          return winsorize(column(s.column, `${at}.column`), group, n, s.lower, s.upper);
        }
        case 'standardize': {
          const { group, n } = grouping(s.by);
          const blockLabel = (g: number) =>
            s.by === 'pooled' ? `column "${s.column}"` : `column "${s.column}" in period ${panel.times[g]}`;
          return standardize(column(s.column, `${at}.column`), group, n, what, blockLabel);
        }
        case 'median-split': {
          const { group, n } = grouping(s.by);
          return medianSplit(column(s.column, `${at}.column`), group, n);
        }
        case 'interact':
          return interact(
            s.columns.map((name, j) => column(name, `${at}.columns[${j}]`)),
            s.center,
          );
        case 'membership': {
          const listed = new Set<number>();
          s.units.forEach((unit, j) => {
            const u = panel.units.indexOf(unit);
            if (u < 0) {
              throw new SpilloverError(
                'INVALID_SPEC',
                `${at}.units[${j}]: unit "${unit}" is not in the panel`,
                {
                  field: `${at}.units[${j}]`,
                  unit,
                },
              );
            }
            listed.add(u);
          });
          return Float64Array.from(panel.unitIndex, (u) => (listed.has(u) ? 1 : 0));
        }
      }
    }
  });

  const columns: TransformResult['columns'] = {};
  const summary: TransformResult['summary'] = {};
  for (const [name, values] of created) {
    columns[name] = Array.from(values, (v) => (Number.isNaN(v) ? null : v));
    summary[name] = summarise(values);
  }
  return {
    kind: 'transform',
    nobs: panel.nrows,
    nunits: panel.units.length,
    nperiods: panel.times.length,
    columns,
    summary,
    provenance: spec.steps,
  };
}

function summarise(values: Float64Array): TransformResult['summary'][string] {
  const { n, mean, sd } = blockMoments(values, new Int32Array(values.length), 1);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const count = n[0]!;
  return {
    n: count,
    missing: values.length - count,
    mean: count > 0 ? mean[0]! : null,
    sd: count > 1 ? sd[0]! : null,
    min: count > 0 ? min : null,
    max: count > 0 ? max : null,
  };
}
