/**
 * Spatial mediation (model sdm) and split-sample spatial heterogeneity on simulated SDM panels over a
 * rook grid: the SDM paths match the regression kind's SDM, the effects match its LeSage-Pace
 * impacts, sub-W fits match a regression on the group's own re-row-standardised W, the truth is
 * recovered, and replications are reproducible chunk by chunk.
 */
import { describe, expect, it } from 'vitest';
import {
  SpilloverError,
  type HeterogeneityResult,
  type MediationResult,
  type RegressionResult,
} from '@spillover/contracts';
import {
  combineReplications,
  createRng,
  luDecompose,
  luSolve,
  parseAnalysisSpec,
  parsePanelCsv,
  runAnalysis,
  runReplications,
} from '../src/index.js';

const SIDE = 7;
const N = SIDE * SIDE;
const T = 8;

/** Binary rook contiguity on a SIDE × SIDE grid. */
function rook(): number[][] {
  return Array.from({ length: N }, (_, i) =>
    Array.from({ length: N }, (_, j) => {
      const [ri, ci, rj, cj] = [Math.floor(i / SIDE), i % SIDE, Math.floor(j / SIDE), j % SIDE];
      return Math.abs(ri - rj) + Math.abs(ci - cj) === 1 ? 1 : 0;
    }),
  );
}

function weightsCsv(c: number[][], units: number[]): string {
  const ids = units.map((u) => `r${u}`);
  return (
    [`id,${ids.join(',')}`, ...units.map((u, k) => `${ids[k]},${units.map((v) => c[u]![v]).join(',')}`)].join(
      '\n',
    ) + '\n'
  );
}

/** (I − ρW)⁻¹ v for one period (dense, row-standardised W from c). */
function solveLag(c: number[][], rho: number, v: number[]): number[] {
  const a = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    const sum = c[i]!.reduce((s, x) => s + x, 0);
    for (let j = 0; j < N; j++) a[i * N + j] = (i === j ? 1 : 0) - (rho * c[i]![j]!) / sum;
  }
  return Array.from(luSolve(luDecompose(a, N), N, Float64Array.from(v)));
}

function lag(c: number[][], v: number[]): number[] {
  return v.map((_, i) => {
    const sum = c[i]!.reduce((s, x) => s + x, 0);
    return c[i]!.reduce((s, x, j) => s + (x * v[j]!) / sum, 0);
  });
}

interface Truth {
  a: number;
  b: number;
  cPrime: number;
  rho: number;
  /** Slope of x in the north (rows 0-2) and the south. */
  betaNorth: number;
  betaSouth: number;
}

/**
 * m = α_i + a t + e_m;  y = (I − ρW)⁻¹(c′ t + b m + β_region x + 0.3 W t + 0.2 W m + 0.4 W x + α_i + ε).
 * `region` is the text label north / south by grid row.
 */
function simulate(seed: number, truth: Truth): { csv: string; w: string } {
  const rng = createRng(seed);
  const c = rook();
  const alpha = Array.from({ length: N }, () => rng.normal());
  const lines = ['unit,year,region,y,t,m,x'];
  for (let year = 0; year < T; year++) {
    const t = Array.from({ length: N }, () => rng.normal());
    const x = Array.from({ length: N }, () => rng.normal());
    const m = t.map((ti, i) => alpha[i]! + truth.a * ti + 0.5 * rng.normal());
    const north = (i: number): boolean => Math.floor(i / SIDE) < 3;
    const wt = lag(c, t);
    const wm = lag(c, m);
    const wx = lag(c, x);
    const rhs = t.map(
      (ti, i) =>
        truth.cPrime * ti +
        truth.b * m[i]! +
        (north(i) ? truth.betaNorth : truth.betaSouth) * x[i]! +
        0.3 * wt[i]! +
        0.2 * wm[i]! +
        0.4 * wx[i]! +
        alpha[i]! +
        0.5 * rng.normal(),
    );
    const y = solveLag(c, truth.rho, rhs);
    for (let i = 0; i < N; i++)
      lines.push(`r${i},${2000 + year},${north(i) ? 'north' : 'south'},${y[i]},${t[i]},${m[i]},${x[i]}`);
  }
  return {
    csv: `${lines.join('\n')}\n`,
    w: weightsCsv(
      c,
      Array.from({ length: N }, (_, i) => i),
    ),
  };
}

const truth: Truth = { a: 0.8, b: 0.6, cPrime: 0.4, rho: 0.35, betaNorth: 1, betaSouth: 1 };
const close = (actual: number, expected: number, rel: number): void =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-13);

describe('spatial mediation (model sdm)', () => {
  const sim = simulate(5, truth);
  const inputs = { panelCsv: sim.csv, weightsText: sim.w, weightsName: 'W.csv' };
  const base = {
    kind: 'mediation',
    unit: 'unit',
    time: 'year',
    y: 'y',
    treatment: 't',
    mediators: ['m'],
    x: ['x'],
    model: 'sdm',
    effects: 'unit',
    weights: { path: 'W.csv' },
  };
  const result = runAnalysis(parseAnalysisSpec(base), inputs) as MediationResult;
  const sdm = runAnalysis(
    parseAnalysisSpec({
      kind: 'regression',
      unit: 'unit',
      time: 'year',
      y: 'y',
      x: ['t', 'm', 'x'],
      model: 'sdm',
      effects: 'unit',
      weights: { path: 'W.csv' },
      impacts: { draws: 20000, seed: 2 },
    }),
    inputs,
  ) as RegressionResult;
  const mediator = result.mediators.m!;

  it('estimates path b and c′ with the regression kind’s SDM', () => {
    close(mediator.b.estimate, sdm.coefficients.m!.estimate, 1e-12);
    close(mediator.b.se!, sdm.coefficients.m!.se!, 1e-10);
    close(mediator.cPrime.estimate, sdm.coefficients.t!.estimate, 1e-12);
  });

  it('splits a·b into a × the LeSage-Pace direct, indirect and total effects of the mediator', () => {
    for (const part of ['direct', 'indirect', 'total'] as const) {
      close(mediator.spatial![part].estimate, mediator.a.estimate * sdm.impacts![part].m!.estimate, 1e-10);
      // delta-method SE of the effect alone (a fixed) against the regression kind's simulated SE
      const seEffect = Math.sqrt(
        (mediator.spatial![part].se! ** 2 - sdm.impacts![part].m!.estimate ** 2 * mediator.a.se! ** 2) /
          mediator.a.estimate ** 2,
      );
      close(seEffect, sdm.impacts![part].m!.se!, 0.05);
    }
  });

  it('recovers the true effects', () => {
    expect(Math.abs(mediator.a.estimate - truth.a)).toBeLessThan(4 * mediator.a.se!);
    expect(Math.abs(mediator.b.estimate - truth.b)).toBeLessThan(4 * mediator.b.se!);
    // total effect of m: (b + θ_m)/(1 − ρ) for row-standardised W
    const total = truth.a * ((truth.b + 0.2) / (1 - truth.rho));
    expect(Math.abs(mediator.spatial!.total.estimate - total)).toBeLessThan(4 * mediator.spatial!.total.se!);
    expect(mediator.spatial!.indirect.p!).toBeLessThan(0.001);
  });

  it('draws a seeded Monte Carlo bootstrap that chunks reproduce exactly', () => {
    const spec = parseAnalysisSpec({ ...base, bootstrap: { reps: 400, seed: 9 } });
    const whole = runAnalysis(spec, inputs) as MediationResult;
    const mc = whole.mediators.m!.spatial!.total.monteCarlo!;
    expect(mc.reps).toBe(400);
    close(mc.se, whole.mediators.m!.spatial!.total.se!, 0.15);
    expect(mc.percentile[0]).toBeLessThan(whole.mediators.m!.spatial!.total.estimate);
    const panel = parsePanelCsv(sim.csv, 'unit', 'year');
    const mechanism = spec as Parameters<typeof runReplications>[0];
    const chunks = [
      runReplications(mechanism, panel, 250, 400, inputs),
      runReplications(mechanism, panel, 0, 250, inputs),
    ];
    expect(combineReplications(mechanism, panel, chunks, inputs)).toEqual(whole);
  });

  it('needs weights', () => {
    const { weights: _, ...noWeights } = base;
    void _;
    expect(() => runAnalysis(parseAnalysisSpec(noWeights), inputs)).toThrow(/weights/);
  });
});

describe('split-sample spatial heterogeneity', () => {
  const sim = simulate(8, { ...truth, betaNorth: 0.5, betaSouth: 1.5 });
  const inputs = { panelCsv: sim.csv, weightsText: sim.w, weightsName: 'W.csv' };
  const base = {
    kind: 'heterogeneity',
    unit: 'unit',
    time: 'year',
    y: 'y',
    x: ['t', 'm', 'x'],
    model: 'sdm',
    effects: 'unit',
    weights: { path: 'W.csv' },
    groupBy: 'region',
    test: { coefficients: ['x', 't'] },
  };
  const result = runAnalysis(parseAnalysisSpec(base), inputs) as HeterogeneityResult;

  it('fits each group on its own re-row-standardised sub-W, with text group labels', () => {
    expect(result.groups.map((g) => g.group)).toEqual(['north', 'south']);
    const c = rook();
    const north = Array.from({ length: N }, (_, i) => i).filter((i) => Math.floor(i / SIDE) < 3);
    const rows = sim.csv.trim().split('\n');
    const northCsv = [rows[0], ...rows.slice(1).filter((line) => line.includes(',north,'))].join('\n') + '\n';
    const alone = runAnalysis(
      parseAnalysisSpec({
        kind: 'regression',
        unit: 'unit',
        time: 'year',
        y: 'y',
        x: ['t', 'm', 'x'],
        model: 'sdm',
        effects: 'unit',
        weights: { path: 'W.csv' },
        impacts: { draws: 0 },
      }),
      { panelCsv: northCsv, weightsText: weightsCsv(c, north), weightsName: 'W.csv' },
    ) as RegressionResult;
    const group = result.groups[0]!;
    expect(group.nunits).toBe(21);
    close(group.rho!.estimate, alone.rho!.estimate, 1e-10);
    close(group.coefficients['W*x']!.estimate, alone.coefficients['W*x']!.estimate, 1e-10);
    close(group.coefficients['W*x']!.se!, alone.coefficients['W*x']!.se!, 1e-8);
    close(group.impacts!.total.x!.estimate, alone.impacts!.total.x!.estimate, 1e-10);
  });

  it('tests coefficient and effect differences with independent-sample Wald and permutation tests', () => {
    const byEffect = (effect: string, coefficient: string) =>
      result.differences.find((d) => d.effect === effect && d.coefficient === coefficient)!;
    expect(result.differences).toHaveLength(2 * 4);
    const slope = byEffect('coefficient', 'x');
    expect(slope.group).toBe('south');
    expect(slope.reference).toBe('north');
    expect(Math.abs(slope.estimate - 1)).toBeLessThan(4 * slope.wald!.se);
    expect(slope.wald!.p).toBeLessThan(1e-6);
    expect(byEffect('direct', 'x').wald!.p).toBeLessThan(1e-6);
    expect(byEffect('coefficient', 't').wald!.p).toBeGreaterThan(1e-4);

    const spec = parseAnalysisSpec({
      ...base,
      test: { coefficients: ['x'], permutation: { reps: 40, seed: 3 } },
    });
    const permuted = runAnalysis(spec, inputs) as HeterogeneityResult;
    const entry = permuted.differences.find((d) => d.effect === 'coefficient')!;
    expect(entry.permutation!.reps).toBe(40);
    expect(entry.permutation!.p).toBeLessThan(0.05);
    const panel = parsePanelCsv(sim.csv, 'unit', 'year');
    const mechanism = spec as Parameters<typeof runReplications>[0];
    const chunks = [
      runReplications(mechanism, panel, 0, 15, inputs),
      runReplications(mechanism, panel, 15, 40, inputs),
    ];
    expect(combineReplications(mechanism, panel, chunks, inputs)).toEqual(permuted);
  });

  it('rejects groups that are not whole units and text columns with too many labels, naming the column', () => {
    const median = { ...base, groupBy: { median: 'x' } };
    expect(() => runAnalysis(parseAnalysisSpec(median), inputs)).toThrow(/groups of whole units.*unit "r/);
    const many = sim.csv
      .trim()
      .split('\n')
      .map((line, i) => (i === 0 ? `${line},label` : `${line},L${i % 25}`))
      .join('\n');
    const linear = { ...base, model: 'fe', weights: undefined, groupBy: 'label' };
    try {
      runAnalysis(parseAnalysisSpec(linear), { panelCsv: `${many}\n` });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SpilloverError);
      expect((error as Error).message).toMatch(/groupBy: text column "label" has 25 distinct labels/);
    }
  });

  it('uses text group labels in the non-spatial analysis too', () => {
    const linear = { ...base, model: 'fe', weights: undefined, test: { coefficients: ['x'] } };
    const r = runAnalysis(parseAnalysisSpec(linear), { panelCsv: sim.csv }) as HeterogeneityResult;
    expect(r.groups.map((g) => g.group)).toEqual(['north', 'south']);
    expect(r.differences[0]!.suest!.p).toBeLessThan(1e-4);
  });
});
