import { describe, expect, it } from 'vitest';
import { createRng } from '../../stats/random.js';
import { knnWeights } from '../weights/build.js';
import { matchWeights } from '../weights/match.js';
import { logDetKernel } from '../spectrum.js';
import { denseG } from './information.js';
import { FROBENIUS_EXACT_LIMIT, applyG, gDiagonal, gTraces } from './g-traces.js';

const rng = createRng(3);
const n = 400;
const ids = Array.from({ length: n }, (_, i) => `u${i}`);
const w = matchWeights(
  knnWeights(
    { ids, x: Array.from({ length: n }, () => rng.next()), y: Array.from({ length: n }, () => rng.next()) },
    6,
  ),
  ids,
);

describe('traces of G = W(I − cW)⁻¹ for the information matrix', () => {
  const kernel = logDetKernel(w);
  const c = 0.55;
  const g = denseG(w, c);

  it('tr(G), tr(G²), tr(G′G), diag(G) and G v equal the dense G', () => {
    let tr = 0;
    let tr2 = 0;
    let fro = 0;
    for (let i = 0; i < n; i++) {
      tr += g[i * n + i]!;
      for (let j = 0; j < n; j++) {
        tr2 += g[i * n + j]! * g[j * n + i]!;
        fro += g[i * n + j]! ** 2;
      }
    }
    const t = gTraces(w, kernel, c);
    expect(t.frobeniusSe).toBe(0);
    expect(Math.abs(t.tr - tr)).toBeLessThan(1e-11 * tr);
    expect(Math.abs(t.tr2 - tr2)).toBeLessThan(1e-11 * tr2);
    expect(Math.abs(t.frobenius - fro)).toBeLessThan(1e-11 * fro);
    const diagonal = gDiagonal(w, kernel, c);
    for (let i = 0; i < n; i++) expect(Math.abs(diagonal[i]! - g[i * n + i]!)).toBeLessThan(1e-13);
    const v = Float64Array.from({ length: 2 * n }, () => rng.normal());
    const gv = applyG(w, kernel, c, v);
    for (const [t0, i] of [
      [0, 7],
      [1, 399],
    ] as const) {
      let s = 0;
      for (let j = 0; j < n; j++) s += g[i * n + j]! * v[t0 * n + j]!;
      expect(Math.abs(gv[t0 * n + i]! - s)).toBeLessThan(1e-12 * Math.max(1, Math.abs(s)));
    }
  });

  it('above the exact limit, the Hutchinson tr(G′G) is within 4 of its stated standard errors, which are below 1.5 %', () => {
    const exact = gTraces(w, kernel, c).frobenius;
    const saved = FROBENIUS_EXACT_LIMIT.n;
    FROBENIUS_EXACT_LIMIT.n = 100;
    try {
      const t = gTraces(w, kernel, c);
      expect(t.frobeniusSe).toBeGreaterThan(0);
      expect(t.frobeniusSe / t.frobenius).toBeLessThan(0.015);
      expect(Math.abs(t.frobenius - exact)).toBeLessThan(4 * t.frobeniusSe);
    } finally {
      FROBENIUS_EXACT_LIMIT.n = saved;
    }
  });
});
