/**
 * IV diagnostics of within 2SLS on simulated panels, checked against direct computations:
 * KP F = squared robust/cluster t of the single instrument in the first stage, Cragg-Donald F =
 * classical first-stage F with one endogenous regressor, J = 0 when exactly identified, Sargan =
 * n·R² of the 2SLS residuals on the instruments, and the general rank statistic against its
 * classical special cases (Cragg-Donald, Anderson LM) and its invariance to linear reparametrisation.
 */
import { describe, expect, it } from 'vitest';
import type { RegressionResult } from '@spillover/contracts';
import { fitFixedEffects, parseAnalysisSpec, runAnalysis, type PanelStructure } from '../src/index.js';
import { createRng } from '../src/stats/random.js';
import { kleibergenPaapRank, smallestGeneralisedEigenvalue } from '../src/estimators/iv-rank-test.js';
import { crossProduct, crossProductPair, solveSpd } from '../src/linalg/dense.js';

interface Simulated {
  csv: string;
  columns: Record<string, Float64Array>;
  structure: PanelStructure;
}

/**
 * y = α_i + x1 + 0.5 x2 + 0.5 w + u;  x1 = α_i + z1 + 0.5 z2 + 0.8 u + e1;  x2 = z2 − 0.4 z3 + 0.5 z1 + 0.6 u + e2,
 * with heteroskedastic first-stage errors (scale 1 + |z1|) and a unit shock in u (cluster correlation).
 * `invalid`: z3 also enters y (a violated exclusion restriction).
 */
function simulate(units: number, periods: number, seed: number, invalid = 0): Simulated {
  const rng = createRng(seed);
  const names = ['y', 'x1', 'x2', 'w', 'z1', 'z2', 'z3'];
  const n = units * periods;
  const columns = Object.fromEntries(names.map((k) => [k, new Float64Array(n)]));
  const lines = [`unit,t,${names.join(',')}`];
  const unitIndex = new Int32Array(n);
  const timeIndex = new Int32Array(n);
  for (let i = 0; i < units; i++) {
    const alpha = rng.normal();
    const shock = 0.5 * rng.normal();
    for (let t = 0; t < periods; t++) {
      const r = i * periods + t;
      const z1 = rng.normal();
      const z2 = rng.normal();
      const z3 = rng.normal();
      const w = rng.normal();
      const u = shock + rng.normal();
      const scale = 1 + Math.abs(z1);
      const x1 = alpha + z1 + 0.5 * z2 + 0.8 * u + scale * rng.normal();
      const x2 = z2 - 0.4 * z3 + 0.5 * z1 + 0.6 * u + scale * rng.normal();
      const y = alpha + x1 + 0.5 * x2 + 0.5 * w + u + invalid * z3;
      const row = { y, x1, x2, w, z1, z2, z3 };
      names.forEach((k) => (columns[k]![r] = row[k as keyof typeof row]));
      unitIndex[r] = i;
      timeIndex[r] = t;
      lines.push(`u${i},${t},${names.map((k) => row[k as keyof typeof row]).join(',')}`);
    }
  }
  return {
    csv: `${lines.join('\n')}\n`,
    columns,
    structure: { unitIndex, timeIndex, nunits: units, nperiods: periods, balanced: true },
  };
}

type IvResult = RegressionResult & { iv: NonNullable<RegressionResult['iv']> };

function fit(data: Simulated, spec: Record<string, unknown>): IvResult {
  const full = { kind: 'regression', unit: 'unit', time: 't', y: 'y', model: 'fe', effects: 'unit', ...spec };
  return runAnalysis(parseAnalysisSpec(full), { panelCsv: data.csv }) as IvResult;
}

/** Unit-demeaned copy of a column. */
function demeanByUnit(v: Float64Array, s: PanelStructure): Float64Array {
  const sums = new Float64Array(s.nunits);
  const counts = new Float64Array(s.nunits);
  v.forEach((value, i) => {
    sums[s.unitIndex[i]!]! += value;
    counts[s.unitIndex[i]!]!++;
  });
  return Float64Array.from(v, (value, i) => value - sums[s.unitIndex[i]!]! / counts[s.unitIndex[i]!]!);
}

const relative = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('IV diagnostics, one endogenous regressor and one instrument', () => {
  const data = simulate(200, 6, 7);
  const spec = { x: ['x1', 'w'], instruments: { x1: ['z1'] } };

  for (const vcov of ['robust', 'cluster'] as const) {
    it(`Kleibergen-Paap F = first-stage F = squared ${vcov} t of the instrument`, () => {
      const result = fit(data, { ...spec, vcov });
      const { columns, structure } = data;
      const first = fitFixedEffects(columns.x1!, [columns.w!, columns.z1!], ['w', 'z1'], structure, {
        effects: 'unit',
        vcov,
      });
      const t = first.table.stat[first.names.indexOf('z1')]!;
      expect(relative(result.iv.firstStage.x1!.F, t * t)).toBeLessThan(1e-10);
      expect(relative(result.iv.kleibergenPaapF!, t * t)).toBeLessThan(1e-10);
      expect(result.iv.firstStage.x1!.df2).toBe(vcov === 'cluster' ? 199 : 1200 - 200 - 2);
      expect(result.iv.overidentification).toEqual({ stat: 0, df: 0, p: 1, name: 'Hansen J' });
      expect(result.iv.underidentification.name).toBe('Kleibergen-Paap rk LM');
      expect(result.iv.underidentification.df).toBe(1);
    });
  }

  it('Cragg-Donald F equals the classical first-stage F, and the Anderson LM n·R²_partial', () => {
    const result = fit(data, spec);
    const { columns, structure } = data;
    const first = fitFixedEffects(columns.x1!, [columns.w!, columns.z1!], ['w', 'z1'], structure, {
      effects: 'unit',
      vcov: 'classical',
    });
    const t = first.table.stat[first.names.indexOf('z1')]!;
    expect(relative(result.iv.craggDonaldF, t * t)).toBeLessThan(1e-10);
    expect(relative(result.iv.firstStage.x1!.F, t * t)).toBeLessThan(1e-10);
    expect(result.iv.kleibergenPaapF).toBeUndefined();
    const r2 = result.iv.firstStage.x1!.partialR2;
    expect(relative(result.iv.underidentification.stat, 1200 * r2)).toBeLessThan(1e-10);
    expect(result.iv.overidentification.name).toBe('Sargan');
  });
});

describe('IV diagnostics, over-identified', () => {
  it('Sargan = n·R² of the 2SLS residuals on the instruments (unit effects)', () => {
    const data = simulate(150, 5, 11);
    const result = fit(data, { x: ['x1', 'w'], instruments: { x1: ['z1', 'z2'] } });
    const { columns, structure } = data;
    const d = (name: string): Float64Array => demeanByUnit(columns[name]!, structure);
    const b = result.coefficients;
    const y = d('y');
    const x1 = d('x1');
    const w = d('w');
    const u = Float64Array.from(y, (v, i) => v - b.x1!.estimate * x1[i]! - b.w!.estimate * w[i]!);
    const onInstruments = fitFixedEffects(
      u,
      [columns.w!, columns.z1!, columns.z2!],
      ['w', 'z1', 'z2'],
      structure,
      {
        effects: 'unit',
        vcov: 'classical',
      },
    );
    const total = u.reduce((s, v) => s + v * v, 0);
    const sargan = u.length * (1 - onInstruments.ssr / total);
    expect(relative(result.iv.overidentification.stat, sargan)).toBeLessThan(1e-9);
    expect(result.iv.overidentification.df).toBe(1);
  });

  it('Hansen J is small with valid instruments and large with an invalid one', () => {
    const valid = fit(simulate(300, 6, 5), {
      x: ['x1', 'x2', 'w'],
      vcov: 'cluster',
      instruments: { x1: ['z1', 'z2'], x2: ['z3'] },
    });
    const invalid = fit(simulate(300, 6, 5, 0.8), {
      x: ['x1', 'x2', 'w'],
      vcov: 'cluster',
      instruments: { x1: ['z1', 'z2'], x2: ['z3'] },
    });
    expect(valid.iv.overidentification.df).toBe(1);
    expect(valid.iv.overidentification.p).toBeGreaterThan(0.001);
    expect(invalid.iv.overidentification.p).toBeLessThan(1e-6);
  });

  it('reports the general rank statistic with two endogenous regressors, for two-way effects too', () => {
    for (const effects of ['unit', 'time', 'twoways'] as const) {
      const result = fit(simulate(120, 6, 3), {
        x: ['x1', 'x2', 'w'],
        effects,
        vcov: 'robust',
        instruments: { x1: ['z1', 'z2'], x2: ['z3'] },
      });
      expect(Object.keys(result.iv.firstStage)).toEqual(['x1', 'x2']);
      expect(result.iv.kleibergenPaapF!).toBeGreaterThan(5);
      expect(result.iv.kleibergenPaapF!).toBeLessThanOrEqual(
        Math.min(result.iv.firstStage.x1!.F, result.iv.firstStage.x2!.F) * 3,
      );
      expect(result.iv.underidentification.df).toBe(2);
      expect(result.iv.underidentification.p).toBeLessThan(1e-6);
    }
  });
});

describe('Kleibergen-Paap rank statistic', () => {
  const rng = createRng(21);
  const n = 400;
  const q = 3;
  const p = 2;
  const z = Array.from({ length: q }, () => Float64Array.from({ length: n }, () => rng.normal()));
  // the second endogenous regressor's instrument coefficients are nearly proportional to the first's
  const y = [
    Float64Array.from(
      { length: n },
      (_, i) => z[0]![i]! + 0.5 * z[1]![i]! + (1 + Math.abs(z[2]![i]!)) * rng.normal(),
    ),
    Float64Array.from(
      { length: n },
      (_, i) => 0.5 * z[0]![i]! + 0.3 * z[1]![i]! + 0.2 * z[2]![i]! + rng.normal(),
    ),
  ];
  const pi = solveSpd(crossProduct(z), q, crossProductPair(z, y), p);
  const v = y.map((column, j) =>
    Float64Array.from(column, (value, i) => value - z.reduce((s, zc, a) => s + zc[i]! * pi[a * p + j]!, 0)),
  );
  const yty = crossProduct(y);
  const vtv = crossProduct(v);
  const explained = Float64Array.from(yty, (value, i) => value - vtv[i]!);

  it('equals the Cragg-Donald and Anderson statistics with a classical covariance', () => {
    const df = n - q;
    const wald = kleibergenPaapRank({
      y,
      z,
      v,
      covariance: { kind: 'classical', residualCovariance: Float64Array.from(vtv, (x) => x / df) },
    });
    expect(relative(wald.stat, smallestGeneralisedEigenvalue(vtv, explained, p) * df)).toBeLessThan(1e-9);
    expect(wald.df).toBe(2);
    const lm = kleibergenPaapRank({
      y,
      z,
      v: y,
      covariance: { kind: 'classical', residualCovariance: Float64Array.from(yty, (x) => x / n) },
    });
    expect(relative(lm.stat, n * smallestGeneralisedEigenvalue(yty, explained, p))).toBeLessThan(1e-9);
  });

  it('is invariant to invertible linear transformations of Y and Z (robust)', () => {
    const base = kleibergenPaapRank({ y, z, v, covariance: { kind: 'robust', factor: 1 } });
    const mixY = (cols: Float64Array[]): Float64Array[] => [
      Float64Array.from(cols[0]!, (a, i) => 2 * a - cols[1]![i]!),
      Float64Array.from(cols[0]!, (a, i) => 0.3 * a + 1.7 * cols[1]![i]!),
    ];
    const z2 = [
      z[0]!,
      Float64Array.from(z[1]!, (a, i) => a + 3 * z[0]![i]!),
      Float64Array.from(z[2]!, (a, i) => -a + z[1]![i]!),
    ];
    const moved = kleibergenPaapRank({
      y: mixY(y),
      z: z2,
      v: mixY(v),
      covariance: { kind: 'robust', factor: 1 },
    });
    expect(relative(moved.stat, base.stat)).toBeLessThan(1e-8);
  });
});
