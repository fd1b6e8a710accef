/**
 * Lee–Yu (2010) transformation approach for SEM, SDEM and SAC (and, as a check, SAR and SDM):
 * - the basis-free likelihood equals the one of the data transformed explicitly by Helmert bases
 *   F_{T,T−1} and F_{N,N−1} with W* = F'WF (estimates, log-likelihood and information);
 * - for SAR/SDM it agrees with the existing bias-corrected path (Produc fixtures sar-twoways-leeyu,
 *   sdpd-sdm-twoways-leeyu): identical with unit effects, within a small fraction of an SE with two-way
 *   effects (the two estimators are asymptotically equivalent, not identical);
 * - on simulated panels with short T the corrected σ² (and λ) is closer to the truth.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegressionSpec, type FixedEffects } from '@spillover/contracts';
import { parsePanelCsv } from '../src/data/panel.js';
import { spatialPanelData } from '../src/analysis/spatial-inputs.js';
import { fitSpatialRegression } from '../src/analysis/spatial-regression.js';
import { invertSpd } from '../src/linalg/dense.js';
import { createRng } from '../src/stats/random.js';
import { leeYuTransformation, spatialDesign, type SpatialDesign } from '../src/spatial/models/design.js';
import { fitSpatialModel, type MlModel } from '../src/spatial/models/fit-model.js';
import { expectedInformation } from '../src/spatial/models/information.js';
import { logDetKernel } from '../src/spatial/spectrum.js';
import { knnWeights } from '../src/spatial/weights/build.js';
import { matchWeights } from '../src/spatial/weights/match.js';
import { panelSpatialLag, spatialLag, type SpatialWeights } from '../src/spatial/weights/types.js';

/** Helmert basis: m × (m − 1), orthonormal columns orthogonal to the ones vector (row-major). */
function helmert(m: number): Float64Array {
  const f = new Float64Array(m * (m - 1));
  for (let k = 1; k < m; k++) {
    const s = 1 / Math.sqrt(k * (k + 1));
    for (let i = 0; i < k; i++) f[i * (m - 1) + k - 1] = s;
    f[k * (m - 1) + k - 1] = -k * s;
  }
  return f;
}

/** Simulated y = ρWy + Xβ + WXθ + α_i + γ_t + u, u = λWu + ε, ε ~ N(0, σ²), period-major. */
function simulate(
  n: number,
  periods: number,
  truth: { rho: number; lambda: number; sigma2: number },
  seed: number,
) {
  const rng = createRng(seed);
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  const coords = {
    ids,
    x: Float64Array.from({ length: n }, () => rng.next()),
    y: Float64Array.from({ length: n }, () => rng.next()),
  };
  const w = matchWeights(knnWeights(coords, 4), ids, { style: 'row' });
  const solve = (c: number, b: Float64Array): Float64Array => {
    let v = Float64Array.from(b);
    for (let k = 0; k < 300; k++) {
      const wv = spatialLag(w, v);
      v = Float64Array.from(b, (bi, i) => bi + c * wv[i]!);
    }
    return v;
  };
  const alpha = Float64Array.from({ length: n }, () => rng.normal());
  const x1 = new Float64Array(n * periods);
  const x2 = new Float64Array(n * periods);
  const y = new Float64Array(n * periods);
  for (let t = 0; t < periods; t++) {
    const gamma = 2 * rng.normal();
    const o = t * n;
    for (let i = 0; i < n; i++) {
      x1[o + i] = rng.normal() + 0.5 * alpha[i]!;
      x2[o + i] = rng.normal() + gamma;
    }
    const wx1 = spatialLag(w, x1.subarray(o, o + n));
    const e = Float64Array.from({ length: n }, () => Math.sqrt(truth.sigma2) * rng.normal());
    const u = solve(truth.lambda, e);
    const rhs = Float64Array.from(
      u,
      (ui, i) => x1[o + i]! - 0.5 * x2[o + i]! + 0.3 * wx1[i]! + alpha[i]! + gamma + ui,
    );
    y.set(solve(truth.rho, rhs), o);
  }
  return { w, y, x: [x1, x2], n, periods };
}

type Sim = ReturnType<typeof simulate>;

function raw(sim: Sim, durbin: boolean): SpatialDesign {
  const { w, n, periods } = sim;
  return {
    w,
    logdet: logDetKernel(w),
    n,
    periods,
    y: sim.y,
    x: [...sim.x, ...(durbin ? sim.x.map((c) => panelSpatialLag(w, c)) : [])],
    names: ['x1', 'x2', ...(durbin ? ['W*x1', 'W*x2'] : [])],
  };
}

/** The model of the explicitly transformed data: N* = N − 1 (time effects), T* = T − 1 (unit effects). */
function explicitDesign(r: SpatialDesign, effects: FixedEffects): SpatialDesign {
  const { n, periods: T } = r;
  const unit = effects === 'unit' || effects === 'twoways';
  const time = effects === 'time' || effects === 'twoways';
  const ns = time ? n - 1 : n;
  const ts = unit ? T - 1 : T;
  const fn = time ? helmert(n) : null;
  const ft = unit ? helmert(T) : null;
  // v (period-major N × T) → F_N' V F_T, period-major N* × T*
  const transform = (v: Float64Array): Float64Array => {
    const out = new Float64Array(ns * ts);
    for (let s = 0; s < ts; s++) {
      for (let a = 0; a < ns; a++) {
        let sum = 0;
        for (let t = 0; t < T; t++) {
          const ct = ft ? ft[t * ts + s]! : t === s ? 1 : 0;
          if (ct === 0) continue;
          for (let i = 0; i < n; i++) {
            const ci = fn ? fn[i * ns + a]! : i === a ? 1 : 0;
            if (ci !== 0) sum += ci * ct * v[t * n + i]!;
          }
        }
        out[s * ns + a] = sum;
      }
    }
    return out;
  };
  // W* = F_N' W F_N (dense, stored as CSR)
  let w: SpatialWeights = r.w;
  if (fn) {
    const dense = new Float64Array(ns * ns);
    for (let a = 0; a < ns; a++) {
      for (let b = 0; b < ns; b++) {
        let sum = 0;
        for (let i = 0; i < n; i++) {
          for (let p = r.w.rowPtr[i]!; p < r.w.rowPtr[i + 1]!; p++)
            sum += fn[i * ns + a]! * r.w.val[p]! * fn[r.w.col[p]! * ns + b]!;
        }
        dense[a * ns + b] = sum;
      }
    }
    const col: number[] = [];
    const val: number[] = [];
    const rowPtr = [0];
    for (let a = 0; a < ns; a++) {
      for (let b = 0; b < ns; b++) {
        if (dense[a * ns + b] !== 0) {
          col.push(b);
          val.push(dense[a * ns + b]!);
        }
      }
      rowPtr.push(col.length);
    }
    w = {
      ids: Array.from({ length: ns }, (_, a) => `f${a}`),
      n: ns,
      rowPtr: Int32Array.from(rowPtr),
      col: Int32Array.from(col),
      val: Float64Array.from(val),
      style: 'none',
    };
  }
  return {
    w,
    logdet: logDetKernel(w),
    n: ns,
    periods: ts,
    y: transform(r.y),
    x: r.x.map(transform),
    names: r.names.slice(),
  };
}

const relClose = (a: number, b: number, rel: number): void =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b) + 1e-14);

describe('Lee–Yu transformation approach', () => {
  const sim = simulate(30, 6, { rho: 0.3, lambda: 0.4, sigma2: 1 }, 5);
  const cases: [MlModel, FixedEffects][] = [
    ['sem', 'twoways'],
    ['sem', 'unit'],
    ['sem', 'time'],
    ['sdem', 'twoways'],
    ['sac', 'twoways'],
    ['sar', 'twoways'],
    ['sdm', 'twoways'],
  ];
  it.each(cases)(
    '%s %s: the basis-free likelihood is that of the explicitly transformed data',
    (model, effects) => {
      const r = raw(sim, model === 'sdm' || model === 'sdem');
      const basisFree = { ...spatialDesign(r, effects), leeYu: leeYuTransformation(effects, r.n, r.periods) };
      const explicit = explicitDesign(r, effects);
      const a = fitSpatialModel(model, basisFree);
      const b = fitSpatialModel(model, explicit);
      if (b.rho !== null) relClose(a.rho!, b.rho, 1e-7);
      if (b.lambda !== null) relClose(a.lambda!, b.lambda, 1e-7);
      relClose(a.sigma2, b.sigma2, 1e-8);
      relClose(a.logLik, b.logLik, 1e-11);
      a.beta.forEach((v, j) => relClose(v, b.beta[j]!, 1e-7));
      // information at the same point, basis-free vs explicit
      const ia = expectedInformation(basisFree, b);
      const ib = expectedInformation(explicit, b);
      const p = Math.sqrt(ib.length);
      const va = invertSpd(ia, p);
      const vb = invertSpd(ib, p);
      for (let j = 0; j < p; j++) relClose(Math.sqrt(va[j * (p + 1)]!), Math.sqrt(vb[j * (p + 1)]!), 1e-8);
    },
  );

  it('short panels: the corrected σ² and λ are closer to the truth than the direct ones', () => {
    const truth = { rho: 0, lambda: 0.5, sigma2: 1 };
    const reps = 30;
    const err = { direct: { s2: 0, lambda: 0 }, leeYu: { s2: 0, lambda: 0 } };
    const models: MlModel[] = ['sem', 'sdem', 'sac'];
    for (const model of models) {
      for (let r = 0; r < reps; r++) {
        const s = simulate(25, 4, truth, 100 + r);
        const d = spatialDesign(raw(s, model === 'sdem'), 'twoways');
        const direct = fitSpatialModel(model, d);
        const corrected = fitSpatialModel(model, {
          ...d,
          leeYu: leeYuTransformation('twoways', s.n, s.periods),
        });
        err.direct.s2 += direct.sigma2 - truth.sigma2;
        err.leeYu.s2 += corrected.sigma2 - truth.sigma2;
        err.direct.lambda += direct.lambda! - truth.lambda;
        err.leeYu.lambda += corrected.lambda! - truth.lambda;
      }
    }
    const m = reps * models.length;
    const bias = {
      directS2: err.direct.s2 / m,
      leeYuS2: err.leeYu.s2 / m,
      directLambda: err.direct.lambda / m,
      leeYuLambda: err.leeYu.lambda / m,
    };
    console.log(JSON.stringify(bias));
    // direct σ² ≈ σ²(T − 1)(N − 1)/(TN) ≈ 0.72 σ² here; the corrected one keeps only the small-sample
    // ML bias of its N*T* = 72 observations (k regressors and λ estimated)
    expect(bias.directS2).toBeLessThan(-0.2);
    expect(Math.abs(bias.leeYuS2)).toBeLessThan(Math.abs(bias.directS2) / 3);
    expect(Math.abs(bias.leeYuLambda)).toBeLessThan(Math.abs(bias.directLambda));
  });
});

describe('Lee–Yu through the analysis spec (Produc)', () => {
  const folder = resolve(__dirname, '../../../../shared/fixtures/produc');
  const cases: { name: string; expected: Record<string, any> }[] = JSON.parse(
    readFileSync(resolve(folder, 'cases.json'), 'utf8'),
  );
  const expected = (name: string) => cases.find((c) => c.name === name)!.expected;
  const panelCsv = readFileSync(resolve(folder, 'panel.csv'), 'utf8');
  const inputs = {
    panelCsv,
    weightsText: readFileSync(resolve(folder, 'W.csv'), 'utf8'),
    weightsName: 'W.csv',
  };
  const panel = parsePanelCsv(panelCsv, 'state', 'year');
  const x = ['lpcap', 'lpc', 'lemp', 'unemp'];
  const fit = (extra: Record<string, unknown>) =>
    fitSpatialRegression(
      RegressionSpec.parse({
        kind: 'regression',
        unit: 'state',
        time: 'year',
        y: 'lgsp',
        x,
        weights: { path: 'W.csv', style: 'row' },
        ...extra,
      }),
      panel,
      inputs,
    );
  const data = spatialPanelData(
    panel,
    [{ name: 'lgsp', field: 'y' }, ...x.map((name, i) => ({ name, field: `x[${i}]` }))],
    { path: 'W.csv', style: 'row', allowIslands: false },
    inputs,
    'test',
  );
  /** The Lee–Yu transformed fit of the Produc model, outside the spec's SAR/SDM bias-correction path. */
  const transformedFit = (model: MlModel, effects: FixedEffects) => {
    const { w, n, periods } = data;
    const durbin = model === 'sdm' || model === 'sdem';
    const columns = x.map((name) => data.column(name));
    const r: SpatialDesign = {
      w,
      logdet: logDetKernel(w),
      n,
      periods,
      y: data.column('lgsp'),
      x: [...columns, ...(durbin ? columns.map((c) => panelSpatialLag(w, c)) : [])],
      names: [...x, ...(durbin ? x.map((name) => `W*${name}`) : [])],
    };
    return fitSpatialModel(model, {
      ...spatialDesign(r, effects),
      leeYu: leeYuTransformation(effects, n, periods),
    });
  };

  it('SAR/SDM: the shared transformation agrees with the bias-corrected fixtures (sar-twoways-leeyu, sdpd-sdm-twoways-leeyu)', () => {
    for (const [model, name] of [
      ['sar', 'sar-twoways-leeyu'],
      ['sdm', 'sdpd-sdm-twoways-leeyu'],
    ] as const) {
      const e = expected(name);
      // the fixture path itself still holds
      relClose(fit({ model, effects: 'twoways', leeYu: true }).rho!.estimate, e.rho.estimate, 1e-8);
      const t = transformedFit(model, 'twoways');
      console.log(
        `${name}: rho ${e.rho.estimate} (bias-corrected) vs ${t.rho} (transformation), sigma2 ${e.sigma2} vs ${t.sigma2}`,
      );
      expect(Math.abs(t.rho! - e.rho.estimate)).toBeLessThan(0.1 * e.rho.se);
      relClose(t.sigma2, e.sigma2, 5e-3);
      x.forEach((term, j) =>
        expect(Math.abs(t.beta[j]! - e.coefficients[term].estimate)).toBeLessThan(
          0.1 * e.coefficients[term].se,
        ),
      );
    }
    // unit effects: the direct ρ, β and σ² · T/(T − 1), exactly as the existing path
    const unit = fit({ model: 'sar', effects: 'unit', leeYu: true });
    const t = transformedFit('sar', 'unit');
    relClose(t.rho!, unit.rho!.estimate, 1e-12);
    relClose(t.sigma2, unit.sigma2!, 1e-12);
    relClose(t.sigma2, (expected('sar-unit').sigma2 * 17) / 16, 1e-9);
  });

  it('SEM, SDEM and SAC accept leeYu: unit effects rescale σ² only; two-way effects move λ', () => {
    const semUnit = fit({ model: 'sem', effects: 'unit', leeYu: true });
    const e = expected('sem-unit');
    relClose(semUnit.lambda!.estimate, e.lambda.estimate, 1e-8);
    relClose(semUnit.sigma2!, (e.sigma2 * 17) / 16, 1e-8);
    relClose(semUnit.logLik!, e.logLik, 1e-10);
    for (const model of ['sem', 'sdem', 'sac']) {
      const direct = fit({ model, effects: 'twoways' });
      const corrected = fit({ model, effects: 'twoways', leeYu: true });
      expect(corrected.lambda!.estimate).toBeGreaterThan(direct.lambda!.estimate);
      expect(corrected.sigma2!).toBeGreaterThan(direct.sigma2!);
      expect(corrected.logLik).toBe(direct.logLik);
    }
    expect(() => fit({ model: 'sem', effects: 'twoways', leeYu: true, vcov: 'cluster' })).toThrow(
      /for unit effects with vcov "cluster" only/,
    );
    expect(() => fit({ model: 'sdem', effects: 'unit', leeYu: true, vcov: 'robust' })).toThrow(
      /for unit effects with vcov "cluster" only/,
    );
    expect(() =>
      fit({ model: 'sem', effects: 'twoways', leeYu: true, weights: { path: 'W.csv', style: 'none' } }),
    ).toThrow(/needs every row of W to sum to one/);
  });
});
