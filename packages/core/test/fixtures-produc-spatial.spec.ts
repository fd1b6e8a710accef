/**
 * Every number of the spatial Produc reference cases (../shared/fixtures/produc/cases.json),
 * compared with the fixture rule |a − e| ≤ absolute + rel·|e| (rel: tolerance.se for `se`,
 * tolerance.simulated for simulated impact SEs, tolerance.estimate otherwise; p-values may also
 * differ by 1e-6 absolute).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MoranSpec, RegressionSpec } from '@spillover/contracts';
import { parsePanelCsv } from '../src/data/panel.js';
import { fitSpatialRegression } from '../src/analysis/spatial-regression.js';
import { runMoran } from '../src/analysis/moran.js';
import { panelLmTests } from '../src/analysis/spatial-lm-tests.js';
import { fitFixedEffects } from '../src/estimators/fixed-effects.js';
import { selectSample } from '../src/data/panel.js';

const root = resolve(__dirname, '../../..');
const folder = resolve(root, '../shared/fixtures/produc');
interface Case {
  name: string;
  spec: Record<string, unknown>;
  expected: Record<string, unknown>;
  tolerance: { estimate: number; se: number; absolute: number; simulated?: number };
}
const cases: Case[] = JSON.parse(readFileSync(resolve(folder, 'cases.json'), 'utf8'));
const panelCsv = readFileSync(resolve(folder, 'panel.csv'), 'utf8');
const weightsText = readFileSync(resolve(folder, 'W.csv'), 'utf8');
const panel = parsePanelCsv(panelCsv, 'state', 'year');

const SPATIAL = new Set(['sar', 'sem', 'sac', 'sdm', 'sdem', 'slx']);
const spatialCases = cases.filter(
  (c) => c.spec.kind === 'moran' || SPATIAL.has(String(c.spec.model)) || c.name.startsWith('lmtests-'),
);

interface Mismatch {
  path: string;
  expected: number;
  actual: number | undefined;
  delta: number;
  allowed: number;
}

/** Walks `expected`, checking each number of it against `actual`. */
function compare(
  c: Case,
  expected: unknown,
  actual: unknown,
  path: string[],
  out: Mismatch[],
  stats: { n: number; worst: number; worstSimulated: number },
): void {
  if (typeof expected === 'number') {
    const key = path[path.length - 1]!;
    const simulatedImpact = path[0] === 'impacts' && c.tolerance.simulated !== undefined && key === 'se';
    const rel = simulatedImpact
      ? c.tolerance.simulated!
      : key === 'se'
        ? c.tolerance.se
        : c.tolerance.estimate;
    const allowed =
      c.tolerance.absolute + rel * Math.abs(expected) + (key === 'p' || key === 'pTwoSided' ? 1e-6 : 0);
    const a = typeof actual === 'number' ? actual : undefined;
    const delta = a === undefined ? Infinity : Math.abs(a - expected);
    stats.n++;
    const relative = delta / Math.max(Math.abs(expected), 1e-300);
    if (Number.isFinite(delta) && key !== 'p' && key !== 'pTwoSided') {
      if (simulatedImpact) stats.worstSimulated = Math.max(stats.worstSimulated, relative);
      else stats.worst = Math.max(stats.worst, relative);
    }
    if (!(delta <= allowed)) out.push({ path: path.join('.'), expected, actual: a, delta, allowed });
    return;
  }
  if (typeof expected === 'string') {
    if (expected !== actual)
      out.push({ path: path.join('.'), expected: NaN, actual: undefined, delta: Infinity, allowed: 0 });
    return;
  }
  if (Array.isArray(expected)) {
    expected.forEach((e, i) =>
      compare(c, e, Array.isArray(actual) ? actual[i] : undefined, [...path, String(i)], out, stats),
    );
    return;
  }
  if (expected && typeof expected === 'object') {
    for (const [k, e] of Object.entries(expected)) {
      const a = actual && typeof actual === 'object' ? (actual as Record<string, unknown>)[k] : undefined;
      compare(c, e, a, [...path, k], out, stats);
    }
  }
}

function run(c: Case): unknown {
  const inputs = { panelCsv, weightsText, weightsName: 'W.csv' };
  if (c.spec.kind === 'moran') return runMoran(MoranSpec.parse(c.spec), panel, inputs);
  const spec = RegressionSpec.parse(c.spec);
  if (spec.model === 'fe') {
    // lmtests cases: coefficients of the within model, lmTests from the spatial LM tests
    const sample = selectSample(panel, [spec.y, ...spec.x]);
    const fe = fitFixedEffects(
      sample.column(spec.y),
      spec.x.map((x) => sample.column(x)),
      spec.x,
      sample,
      {
        effects: spec.effects as 'unit' | 'twoways',
        vcov: 'classical',
      },
    );
    const coefficients: Record<string, unknown> = {};
    spec.x.forEach(
      (name, j) =>
        (coefficients[name] = {
          estimate: fe.table.estimate[j],
          se: fe.table.se[j],
          stat: fe.table.stat[j],
          p: fe.table.p[j],
        }),
    );
    return {
      kind: 'regression',
      model: 'fe',
      nobs: sample.rows.length,
      nunits: sample.nunits,
      nperiods: sample.nperiods,
      coefficients,
      lmTests: panelLmTests(spec, panel, inputs),
    };
  }
  return fitSpatialRegression(spec, panel, inputs);
}

describe('Produc spatial fixtures', () => {
  it.each(spatialCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const actual = run(c);
    const mismatches: Mismatch[] = [];
    const stats = { n: 0, worst: 0, worstSimulated: 0 };
    compare(c, c.expected, actual, [], mismatches, stats);
    if (mismatches.length > 0) {
      const lines = mismatches.map(
        (m) =>
          `${m.path}: expected ${m.expected}, actual ${m.actual}, delta ${m.delta.toExponential(3)}, tolerance ${m.allowed.toExponential(3)}`,
      );
      throw new Error(`${c.name}: ${mismatches.length} of ${stats.n} numbers differ\n${lines.join('\n')}`);
    }
    console.log(
      `${c.name}: ${stats.n} numbers matched; max relative deviation ${stats.worst.toExponential(2)} (p-values excluded)` +
        (stats.worstSimulated > 0 ? `, simulated impact SEs ${stats.worstSimulated.toExponential(2)}` : ''),
    );
    expect(mismatches).toEqual([]);
  });
});
