/**
 * Diagnostics of a (within) 2SLS fit, as Stata `ivreg2` / `ivreghdfe` report them. All data are the
 * fixed-effects-transformed columns; X = [X₁ exogenous, X₂ endogenous (p)], Z = [X₁, Z₂ excluded (q)],
 * L = columns of Z, a = parameters absorbed by the fixed effects, n observations.
 *
 * first stage   per endogenous x_j: Wald test of the q excluded instruments in x_j ~ Z with the
 *               chosen covariance (./covariance.ts: classical σ² (Z'Z)⁻¹ — the partial F —, HC1 with
 *               n/(n − L − a), or cluster with G/(G − 1)·(n − 1)/(n − Kc)), F = W/q with (q, df2),
 *               df2 = n − L − a, or G − 1 when clustered; partial R² = 1 − SSR(Z)/SSR(X₁).
 * Cragg-Donald  F = μ_min · (n − L − a)/q, μ_min the smallest eigenvalue of (X̃₂'M_Z X̃₂)⁻¹ X̃₂'P_Z̃ X̃₂
 *               (X̃₂, Z̃ = X₂, Z₂ partialled of X₁; Cragg & Donald 1993; Stock & Yogo 2005).
 * Kleibergen-Paap (robust / cluster only) rk Wald F = rk/q with the rank statistic of
 *               ./iv-rank-test.ts on the first-stage residuals and the first stage's small-sample
 *               factor (Kleibergen & Paap 2006); with p = 1 it equals the first-stage F.
 * underidentification  H₀: rank Π = p − 1, χ²(q − p + 1): Anderson's canonical-correlation LM n·ρ²_min
 *               (classical; ρ²_min the smallest squared canonical correlation of X̃₂ and Z̃), or the
 *               Kleibergen-Paap rk LM (robust / cluster; no small-sample factor).
 * overidentification   χ²(q − p): Sargan n·û'P_Z û/û'û (classical) with û the 2SLS residuals;
 *               Hansen J = g'S⁻¹g, g = Z'ũ, S = Σ_i û_i² z_i z_i' or Σ_g (Z_g'û_g)(Z_g'û_g)', with ũ
 *               the residuals of the two-step efficient GMM estimator that uses S (Hansen 1982; as
 *               ivreg2 reports J after robust 2SLS). Exactly identified (q = p): stat 0, df 0, p 1.
 */
import { crossProduct, crossProductPair, crossProductVector, invertSpd, solveSpd } from '../linalg/dense.js';
import { chiSquareSf } from '../stats/distributions.js';
import {
  clusterMeat,
  coefficientCovariance,
  countClusters,
  heteroskedasticMeat,
  type VcovKind,
} from './covariance.js';
import { waldTest } from './inference.js';
import { kleibergenPaapRank, smallestGeneralisedEigenvalue, type RankCovariance } from './iv-rank-test.js';
import { fitLeastSquares } from './least-squares.js';

export interface FirstStageTest {
  /** Wald F of the excluded instruments in the first-stage regression of one endogenous regressor. */
  F: number;
  df1: number;
  df2: number;
  p: number;
  /** Partial R² of the excluded instruments. */
  partialR2: number;
}

export interface ChiSquareTest<Name extends string = string> {
  stat: number;
  df: number;
  p: number;
  name: Name;
}

export interface IvDiagnostics {
  firstStage: Record<string, FirstStageTest>;
  craggDonaldF: number;
  kleibergenPaapF?: number;
  underidentification: ChiSquareTest;
  overidentification: ChiSquareTest<'Hansen J' | 'Sargan'>;
}

export interface IvDiagnosticsInput {
  /** Transformed response. */
  y: Float64Array;
  /** Transformed regressors X (all of them) with names. */
  x: Float64Array[];
  xNames: string[];
  /** Positions in x of the endogenous regressors. */
  endogenous: number[];
  /** Transformed exogenous regressors X₁ (the intercept included when there is one). */
  exogenous: Float64Array[];
  exogenousNames: string[];
  /** Transformed excluded instruments Z₂. */
  excluded: Float64Array[];
  excludedNames: string[];
  /** Structural 2SLS residuals y − X b. */
  residuals: Float64Array;
  vcov: VcovKind;
  absorbed: number;
  /** Parameters the cluster factor counts besides the L instruments (1 for unit effects, T two-way, 0 none). */
  clusterExtra: number;
  cluster: Int32Array;
  nclusters: number;
}

/** Residuals of each column on `on` (the columns themselves when `on` is empty). */
function partialOut(columns: Float64Array[], on: Float64Array[], names: string[]): Float64Array[] {
  if (on.length === 0) return columns;
  return columns.map((column) => fitLeastSquares(on, names, column).residuals);
}

function chiSquare<Name extends string>(stat: number, df: number, name: Name): ChiSquareTest<Name> {
  return { stat, df, p: df > 0 ? chiSquareSf(stat, df) : 1, name };
}

/** All diagnostics of the module comment. Complexity O(n (L² + (pq)²) + L³ + (pq)³). */
export function ivDiagnostics(input: IvDiagnosticsInput): IvDiagnostics {
  const { x, endogenous, exogenous, excluded, vcov } = input;
  const n = input.y.length;
  const z = [...exogenous, ...excluded];
  const zNames = [...input.exogenousNames, ...input.excludedNames];
  const l = z.length;
  const q = excluded.length;
  const p = endogenous.length;
  const dfResidual = n - l - input.absorbed;
  const clusters = countClusters(input.cluster, input.nclusters);
  const smallSample =
    vcov === 'robust'
      ? n / dfResidual
      : ((clusters / (clusters - 1)) * (n - 1)) / (n - l - input.clusterExtra);
  const df2 = vcov === 'cluster' ? clusters - 1 : dfResidual;

  const firstStage: Record<string, FirstStageTest> = {};
  const firstResiduals: Float64Array[] = [];
  const excludedIndices = excluded.map((_, j) => exogenous.length + j);
  for (const j of endogenous) {
    const target = x[j]!;
    const fit = fitLeastSquares(z, zNames, target);
    firstResiduals.push(fit.residuals);
    const covariance = coefficientCovariance({
      kind: vcov,
      columns: z,
      residuals: fit.residuals,
      bread: fit.xtxInverse,
      sigma2: fit.ssr / dfResidual,
      parametersRobust: l + input.absorbed,
      parametersCluster: l + input.clusterExtra,
      cluster: input.cluster,
      nclusters: input.nclusters,
    });
    const test = waldTest(fit.beta, covariance.vcov, excludedIndices, df2);
    const restricted =
      exogenous.length > 0
        ? fitLeastSquares(exogenous, input.exogenousNames, target).ssr
        : target.reduce((s, v) => s + v * v, 0);
    firstStage[input.xNames[j]!] = {
      F: test.stat,
      df1: q,
      df2,
      p: test.p,
      partialR2: 1 - fit.ssr / restricted,
    };
  }

  // X̃₂, Z̃: endogenous regressors and excluded instruments partialled of X₁ (Frisch-Waugh-Lovell)
  const yPartial = partialOut(
    endogenous.map((j) => x[j]!),
    exogenous,
    input.exogenousNames,
  );
  const zPartial = partialOut(excluded, exogenous, input.exogenousNames);
  const ztz = crossProduct(zPartial);
  const zty = crossProductPair(zPartial, yPartial); // q×p
  const pi = solveSpd(ztz, q, zty, p);
  const explained = new Float64Array(p * p); // X̃₂'P_Z̃X̃₂ = Π̂'Z̃'X̃₂
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let sum = 0;
      for (let c = 0; c < q; c++) sum += pi[c * p + a]! * zty[c * p + b]!;
      explained[a * p + b] = sum;
    }
  }
  const total = crossProduct(yPartial);
  const unexplained = Float64Array.from(total, (v, i) => v - explained[i]!);
  const craggDonaldF = (smallestGeneralisedEigenvalue(unexplained, explained, p) * dfResidual) / q;

  const out: IvDiagnostics = {
    firstStage,
    craggDonaldF,
    underidentification: underidentification(input, yPartial, zPartial, explained, total),
    overidentification: overidentification(input, z, q - p),
  };
  if (vcov !== 'classical') {
    const covariance: RankCovariance =
      vcov === 'robust'
        ? { kind: 'robust', factor: smallSample }
        : { kind: 'cluster', factor: smallSample, cluster: input.cluster, nclusters: input.nclusters };
    const firstPartial = partialOut(firstResiduals, exogenous, input.exogenousNames);
    out.kleibergenPaapF =
      kleibergenPaapRank({ y: yPartial, z: zPartial, v: firstPartial, covariance }).stat / q;
  }
  return out;
}

function underidentification(
  input: IvDiagnosticsInput,
  yPartial: Float64Array[],
  zPartial: Float64Array[],
  explained: Float64Array,
  total: Float64Array,
): ChiSquareTest {
  const p = yPartial.length;
  const df = zPartial.length - p + 1;
  if (input.vcov === 'classical') {
    const canonical = smallestGeneralisedEigenvalue(total, explained, p);
    return chiSquare(input.y.length * canonical, df, 'Anderson LM');
  }
  // the LM form takes v = X̃₂ (the residuals under Π = 0) and no small-sample factor
  const covariance: RankCovariance =
    input.vcov === 'robust'
      ? { kind: 'robust', factor: 1 }
      : { kind: 'cluster', factor: 1, cluster: input.cluster, nclusters: input.nclusters };
  const { stat } = kleibergenPaapRank({ y: yPartial, z: zPartial, v: yPartial, covariance });
  return chiSquare(stat, df, 'Kleibergen-Paap rk LM');
}

function overidentification(
  input: IvDiagnosticsInput,
  z: Float64Array[],
  df: number,
): ChiSquareTest<'Hansen J' | 'Sargan'> {
  const name = input.vcov === 'classical' ? ('Sargan' as const) : ('Hansen J' as const);
  if (df === 0) return chiSquare(0, 0, name);
  const u = input.residuals;
  const l = z.length;
  const zNames = [...input.exogenousNames, ...input.excludedNames];
  if (input.vcov === 'classical') {
    const fitted = fitLeastSquares(z, zNames, u);
    let uu = 0;
    for (let i = 0; i < u.length; i++) uu += u[i]! * u[i]!;
    return chiSquare((u.length * (uu - fitted.ssr)) / uu, df, name);
  }
  const s =
    input.vcov === 'robust' ? heteroskedasticMeat(z, u) : clusterMeat(z, u, input.cluster, input.nclusters);
  const sInverse = invertSpd(s, l); // SINGULAR_DESIGN when S is singular (e.g. more instruments than clusters)
  // efficient GMM: b = (X'Z S⁻¹ Z'X)⁻¹ X'Z S⁻¹ Z'y
  const k = input.x.length;
  const zx = crossProductPair(z, input.x); // l×k
  const zy = crossProductVector(z, input.y);
  const sZx = new Float64Array(l * k);
  const sZy = new Float64Array(l);
  for (let a = 0; a < l; a++) {
    for (let b = 0; b < l; b++) {
      const w = sInverse[a * l + b]!;
      for (let j = 0; j < k; j++) sZx[a * k + j]! += w * zx[b * k + j]!;
      sZy[a]! += w * zy[b]!;
    }
  }
  const normal = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let a = 0; a < l; a++) {
      rhs[i]! += zx[a * k + i]! * sZy[a]!;
      for (let j = 0; j < k; j++) normal[i * k + j]! += zx[a * k + i]! * sZx[a * k + j]!;
    }
  }
  const b = solveSpd(normal, k, rhs);
  const gmmResiduals = Float64Array.from(input.y);
  for (let j = 0; j < k; j++) {
    const column = input.x[j]!;
    for (let i = 0; i < gmmResiduals.length; i++) gmmResiduals[i]! -= column[i]! * b[j]!;
  }
  const g = crossProductVector(z, gmmResiduals);
  let stat = 0;
  for (let a = 0; a < l; a++) for (let c = 0; c < l; c++) stat += g[a]! * sInverse[a * l + c]! * g[c]!;
  return chiSquare(stat, df, name);
}
