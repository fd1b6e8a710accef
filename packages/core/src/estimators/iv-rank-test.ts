/**
 * Kleibergen & Paap (2006) rk statistic for the rank of the first-stage coefficient matrix Π (q×p,
 * q excluded instruments, p endogenous regressors, all partialled of the exogenous regressors):
 * the test of rank p − 1 against full column rank p (identification of the IV equation).
 *
 *   Π̂ = (Z'Z)⁻¹Z'Y,  Θ̂ = R_z Π̂ R_y⁻¹  (R_z'R_z = Z'Z, R_y'R_y = Y'Y, Cholesky; KP 2006 p. 103),
 *   Θ̂ = U S V' (U, V from the eigenvectors of Θ̂Θ̂' and Θ̂'Θ̂ in decreasing order), r = p − 1,
 *   A⊥ = [U₁₂; U₂₂] U₂₂⁻¹ (U₂₂U₂₂')^½   (q × (q − r)),   B⊥ = (V₂₂V₂₂')^½ V₂₂'⁻¹ [V₁₂; V₂₂]'   ((p − r) × p),
 *   λ = vec(A⊥'Θ̂B⊥') = (B⊥ ⊗ A⊥') vec Θ̂,   Ω = (B⊥ ⊗ A⊥') Var(vec Θ̂) (B⊥ ⊗ A⊥')',
 *   rk = λ'Ω⁻¹λ ~ χ²(q − p + 1).
 * Var(vec Θ̂) = (R_y⁻ᵀ ⊗ R_z) Var(vec Π̂) (R_y⁻¹ ⊗ R_z') with the sandwich
 *   Var(vec Π̂) = c (I_p ⊗ (Z'Z)⁻¹) M (I_p ⊗ (Z'Z)⁻¹),
 *   M = Σ_i (v_i v_i') ⊗ (z_i z_i')  (robust),  Σ_g s_g s_g', s_g = Σ_{i∈g} v_i ⊗ z_i  (cluster),
 *   M = Σ̂ ⊗ Z'Z  (classical, Σ̂ the given residual covariance).
 * With v the first-stage residuals this is the Wald form (equals the Cragg-Donald statistic when
 * classical, and the Wald test of Π = 0 when p = 1); with v = Y it is the LM form (Anderson's
 * canonical-correlation LM when classical). The statistic does not depend on the sign or the
 * rotation of the singular vectors spanning the null space. As Stata `ranktest` (Kleibergen &
 * Schaffer). Complexity O(n (pq)² + (pq)³).
 */
import {
  choleskyDecompose,
  crossProduct,
  crossProductPair,
  invertGeneral,
  invertSpd,
  matMul,
  transpose,
} from '../linalg/dense.js';
import { EstimationError } from './errors.js';

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: values descending,
 * vectors as the columns of a row-major n×n matrix. O(n³) per sweep. */
export function symmetricEigen(
  input: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      scale += a[i * n + i]! ** 2;
      for (let j = i + 1; j < n; j++) off += a[i * n + j]! ** 2;
    }
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        // rotation angle that annihilates a_pq (Golub & Van Loan 2013, Algorithm 8.5.1)
        const tau = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]!);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors[k * n + to] = v[k * n + from]!;
  });
  return { values, vectors };
}

/** Symmetric square root of a positive semi-definite matrix. */
function symmetricSqrt(a: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, n);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) {
        sum += vectors[i * n + k]! * Math.sqrt(Math.max(values[k]!, 0)) * vectors[j * n + k]!;
      }
      out[i * n + j] = sum;
    }
  }
  return out;
}

/** Kronecker product of a (ra×ca) and b (rb×cb), row-major. */
export function kronecker(
  a: Float64Array,
  ra: number,
  ca: number,
  b: Float64Array,
  rb: number,
  cb: number,
): Float64Array {
  const cols = ca * cb;
  const out = new Float64Array(ra * rb * cols);
  for (let i = 0; i < ra; i++) {
    for (let j = 0; j < ca; j++) {
      const aij = a[i * ca + j]!;
      if (aij === 0) continue;
      for (let k = 0; k < rb; k++) {
        for (let l = 0; l < cb; l++) out[(i * rb + k) * cols + j * cb + l] = aij * b[k * cb + l]!;
      }
    }
  }
  return out;
}

/** Upper-triangular R with R'R = A (the transpose of the Cholesky factor). */
function upperCholesky(a: Float64Array, n: number): Float64Array {
  return transpose(choleskyDecompose(a, n), n, n);
}

/** Sub-block rows [r0, r1) × columns [c0, c1) of a row-major matrix with `cols` columns. */
function block(a: Float64Array, cols: number, r0: number, r1: number, c0: number, c1: number): Float64Array {
  const w = c1 - c0;
  const out = new Float64Array((r1 - r0) * w);
  for (let i = r0; i < r1; i++) for (let j = c0; j < c1; j++) out[(i - r0) * w + j - c0] = a[i * cols + j]!;
  return out;
}

export type RankCovariance =
  | { kind: 'classical'; residualCovariance: Float64Array }
  | { kind: 'robust'; factor: number }
  | { kind: 'cluster'; factor: number; cluster: Int32Array; nclusters: number };

export interface RankTestInput {
  /** Endogenous regressors (p columns), partialled of the exogenous regressors and fixed effects. */
  y: Float64Array[];
  /** Excluded instruments (q ≥ p columns), partialled likewise. */
  z: Float64Array[];
  /** The v of the covariance: first-stage residuals (Wald form) or y itself (LM form). */
  v: Float64Array[];
  covariance: RankCovariance;
}

/** Σ_i (v_i v_i') ⊗ (z_i z_i') or Σ_g s_g s_g' (pq × pq, index j·q + a). */
function scoreMeat(v: Float64Array[], z: Float64Array[], covariance: RankCovariance): Float64Array {
  const p = v.length;
  const q = z.length;
  const m = p * q;
  const n = z[0]!.length;
  const out = new Float64Array(m * m);
  if (covariance.kind === 'classical') {
    return kronecker(covariance.residualCovariance, p, p, crossProduct(z), q, q);
  }
  const groups = covariance.kind === 'cluster' ? covariance.nclusters : n;
  const scores = new Float64Array(groups * m);
  for (let i = 0; i < n; i++) {
    const g = covariance.kind === 'cluster' ? covariance.cluster[i]! : i;
    for (let j = 0; j < p; j++) {
      const vij = v[j]![i]!;
      for (let a = 0; a < q; a++) scores[g * m + j * q + a]! += vij * z[a]![i]!;
    }
  }
  for (let g = 0; g < groups; g++) {
    for (let s = 0; s < m; s++) {
      const gs = scores[g * m + s]!;
      if (gs === 0) continue;
      for (let t = 0; t <= s; t++) out[s * m + t]! += gs * scores[g * m + t]!;
    }
  }
  for (let s = 0; s < m; s++) for (let t = 0; t < s; t++) out[t * m + s] = out[s * m + t]!;
  return out;
}

/** The rk statistic of rank p − 1 (see the module comment) with its degrees of freedom q − p + 1. */
export function kleibergenPaapRank(input: RankTestInput): { stat: number; df: number } {
  const { y, z, v, covariance } = input;
  const p = y.length;
  const q = z.length;
  const r = p - 1;
  const ztz = crossProduct(z);
  const ztzInverse = invertSpd(ztz, q);
  const pi = matMul(ztzInverse, q, q, crossProductPair(z, y), p); // q×p
  const rz = upperCholesky(ztz, q);
  const ry = upperCholesky(crossProduct(y), p);
  const ryInverse = invertGeneral(ry, p);
  const theta = matMul(matMul(rz, q, q, pi, p), q, p, ryInverse, p); // q×p

  const u = symmetricEigen(matMul(theta, q, p, transpose(theta, q, p), q), q).vectors; // q×q
  const vv = symmetricEigen(matMul(transpose(theta, q, p), p, q, theta, p), p).vectors; // p×p
  const u22 = block(u, q, r, q, r, q);
  const v22 = block(vv, p, r, p, r, p);
  const nq = q - r;
  const np = p - r;
  // A⊥ = U[:, r:] U₂₂⁻¹ (U₂₂U₂₂')^½,  B⊥ = (V₂₂V₂₂')^½ V₂₂'⁻¹ V[:, r:]'
  const aPerp = matMul(
    matMul(block(u, q, 0, q, r, q), q, nq, invertGeneral(u22, nq), nq),
    q,
    nq,
    symmetricSqrt(matMul(u22, nq, nq, transpose(u22, nq, nq), nq), nq),
    nq,
  );
  const bPerp = matMul(
    matMul(
      symmetricSqrt(matMul(v22, np, np, transpose(v22, np, np), np), np),
      np,
      np,
      invertGeneral(transpose(v22, np, np), np),
      np,
    ),
    np,
    np,
    transpose(block(vv, p, 0, p, r, p), p, np),
    p,
  );
  const t = kronecker(bPerp, np, p, transpose(aPerp, q, nq), nq, q); // (np·nq) × (p·q)
  const m = p * q;
  const d = np * nq;
  // vec Θ̂ (column-major: index j·q + a)
  const vecTheta = new Float64Array(m);
  for (let j = 0; j < p; j++) for (let a = 0; a < q; a++) vecTheta[j * q + a] = theta[a * p + j]!;
  const lambda = matMul(t, d, m, vecTheta, 1);
  // C = T (R_y⁻ᵀ ⊗ R_z) (I_p ⊗ (Z'Z)⁻¹) = T (R_y⁻ᵀ ⊗ R_z (Z'Z)⁻¹); Ω = c C M C'
  const c = matMul(
    t,
    d,
    m,
    kronecker(transpose(ryInverse, p, p), p, p, matMul(rz, q, q, ztzInverse, q), q, q),
    m,
  );
  const meat = scoreMeat(v, z, covariance);
  const factor = covariance.kind === 'classical' ? 1 : covariance.factor;
  const omega = matMul(matMul(c, d, m, meat, m), d, m, transpose(c, d, m), d);
  for (let i = 0; i < d * d; i++) omega[i]! *= factor;
  let omegaInverse: Float64Array;
  try {
    omegaInverse = invertSpd(omega, d);
  } catch {
    throw new EstimationError(
      'SINGULAR_DESIGN',
      'the covariance of the Kleibergen-Paap rank statistic is singular (more instruments than clusters?)',
    );
  }
  let stat = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) stat += lambda[i]! * omegaInverse[i * d + j]! * lambda[j]!;
  }
  return { stat, df: q - p + 1 };
}

/**
 * Smallest eigenvalue of A⁻¹B for symmetric positive-definite A and symmetric B (p×p): that of
 * R⁻ᵀ B R⁻¹ with R'R = A.
 */
export function smallestGeneralisedEigenvalue(a: Float64Array, b: Float64Array, p: number): number {
  const rInverse = invertGeneral(upperCholesky(a, p), p);
  const c = matMul(matMul(transpose(rInverse, p, p), p, p, b, p), p, p, rInverse, p);
  const values = symmetricEigen(c, p).values;
  return values[p - 1]!;
}
