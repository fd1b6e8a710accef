/**
 * Hausman specification test of fixed against random effects.
 */
import { invertGeneral } from '../linalg/dense.js';
import { chiSquareSf } from '../stats/distributions.js';
import type { LinearModelFit } from './linear-model.js';

export interface HausmanTest {
  stat: number;
  df: number;
  p: number;
}

/**
 * Hausman (1978):  H = (b_FE − b_RE)' (V_FE − V_RE)⁻¹ (b_FE − b_RE) ~ χ²(k) over the k slopes both
 * models share (matched by name), as plm `phtest`. Uses the covariances the fits carry (classical
 * ones give the textbook test). O(k³).
 */
export function hausmanTest(fixed: LinearModelFit, random: LinearModelFit): HausmanTest {
  const shared = fixed.names.filter((name) => random.names.includes(name));
  const k = shared.length;
  const fi = shared.map((name) => fixed.names.indexOf(name));
  const ri = shared.map((name) => random.names.indexOf(name));
  const kf = fixed.names.length;
  const kr = random.names.length;
  const difference = new Float64Array(k);
  const covariance = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    difference[a] = fixed.beta[fi[a]!]! - random.beta[ri[a]!]!;
    for (let b = 0; b < k; b++) {
      covariance[a * k + b] = fixed.vcov[fi[a]! * kf + fi[b]!]! - random.vcov[ri[a]! * kr + ri[b]!]!;
    }
  }
  const inverse = invertGeneral(covariance, k);
  let stat = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) stat += difference[a]! * inverse[a * k + b]! * difference[b]!;
  }
  return { stat, df: k, p: chiSquareSf(stat, k) };
}
