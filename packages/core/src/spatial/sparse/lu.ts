/**
 * Sparse LU of A(ρ) = I − ρW for the log-determinant log|I − ρW| = Σ_k log|u_kk| and its ρ-derivatives
 * d/dρ log|A| = −tr(G), d²/dρ² log|A| = −tr(G²) (G = W A⁻¹), exact to rounding at any N.
 *
 * - Ordering and symbolic factorization once per W: nested dissection of the pattern of W + W'
 *   (./ordering.ts), the elimination tree and the row patterns of L and U (Liu 1990; Davis 2006, ch. 4).
 *   With a symmetric pattern, pattern(U) = pattern(L)'.
 * - Numeric factorization per ρ without pivoting (row-by-row "IKJ" Gaussian elimination). For
 *   |ρ|·‖W‖_∞ < 1, A and every Schur complement are strictly row diagonally dominant, so elimination
 *   without pivoting is stable (growth factor ≤ 2; Higham 2002, §9.5); the callers stay inside that
 *   interval (or use it for W similar to a symmetric matrix, where A = D⁻¹(D − ρC) with D − ρC positive
 *   definite on the admissible interval: see luIsStable). A zero or non-finite pivot throws.
 * - Derivatives by truncated Taylor arithmetic: every entry is a polynomial c₀ + c₁ε + c₂ε² in
 *   ρ = ρ₀ + ε (A = (I − ρ₀W) − εW), so u_kk(ε) comes out with its Taylor coefficients and
 *   d log|u| = u₁/u₀, d² log|u| = 2u₂/u₀ − (u₁/u₀)².
 * Cost per factorization: the flop count of the LU, O(N^{3/2}) for planar-like W; for a 6-nearest-neighbour
 * W about 48 stored entries per unit at N = 3,000 and 2.5 ms (N = 1,000) / 11 ms (N = 3,000) of CPU;
 * the Taylor kernel (orders 1 and 2) costs about 2.5 times that.
 */
import { SpilloverError } from '@spillover/contracts';
import type { SpatialWeights } from '../weights/types.js';
import { nestedDissection, type Adjacency } from './ordering.js';

/**
 * True when elimination without pivoting on I − cW is stable: |c|·‖W‖_∞ < 1 (diagonal dominance), or W
 * similar to a symmetric matrix (then c is taken inside the admissible interval, where A is a row scaling
 * of a positive definite matrix).
 */
export function luIsStable(w: SpatialWeights, c: number): boolean {
  if (w.symmetricRowSums) return true;
  for (let i = 0; i < w.n; i++) {
    let s = 0;
    for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) s += Math.abs(w.val[p]!);
    if (Math.abs(c) * s >= 1) return false;
  }
  return true;
}

/** log|I − ρW| and its first two derivatives in ρ (NaN when not requested). */
export interface LogDetDerivatives {
  logDet: number;
  d1: number;
  d2: number;
}

export class SparseLu {
  readonly n: number;
  /** order[k] = original index of pivot k (order[new] = old); position[old] = new. */
  readonly order: Int32Array;
  private readonly position: Int32Array;
  // The structure and factor arrays below are read by the numeric kernels at the end of this module.
  /** Permuted W by rows (new indices). */
  readonly wPtr: Int32Array;
  readonly wCol: Int32Array;
  readonly wVal: Float64Array;
  /** Row k of L: columns lIdx[lPtr[k]..lPtr[k+1]) < k ascending; of U: uIdx[uPtr[k]..) ≥ k ascending, diagonal first. */
  readonly lPtr: Int32Array;
  readonly lIdx: Int32Array;
  readonly uPtr: Int32Array;
  readonly uIdx: Int32Array;
  /** For U entry p = (j, i), i > j: the position in L of the mirrored entry (i, j) (columns of L). */
  readonly lOfU: Int32Array;
  /** Taylor coefficients of the factors (order 0, 1, 2). */
  readonly l: [Float64Array, Float64Array, Float64Array];
  readonly u: [Float64Array, Float64Array, Float64Array];
  readonly x: [Float64Array, Float64Array, Float64Array];
  /** ρ of the order-0 factors held (NaN before the first factorization). */
  private factoredAt = NaN;

  constructor(w: SpatialWeights) {
    const n = (this.n = w.n);
    const graph = symmetrisedPattern(w);
    this.order = nestedDissection(graph);
    this.position = new Int32Array(n);
    this.order.forEach((old, k) => (this.position[old] = k));
    ({ ptr: this.wPtr, col: this.wCol, val: this.wVal } = permuteRows(w, this.order, this.position));
    const parent = eliminationTree(graph, this.order, this.position);
    ({
      lPtr: this.lPtr,
      lIdx: this.lIdx,
      uPtr: this.uPtr,
      uIdx: this.uIdx,
    } = rowPatterns(graph, this.order, this.position, parent));
    const nl = this.lIdx.length;
    const nu = this.uIdx.length;
    this.l = [new Float64Array(nl), new Float64Array(nl), new Float64Array(nl)];
    this.u = [new Float64Array(nu), new Float64Array(nu), new Float64Array(nu)];
    this.x = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    this.lOfU = mirrorPositions(this.lPtr, this.lIdx, this.uPtr, n);
  }

  /** Stored entries of L and U together (the fill). */
  get factorEntries(): number {
    return this.lIdx.length + this.uIdx.length;
  }

  /** Factorizes I − ρW; returns log|I − ρW| and, for `order` ≥ 1, its derivatives up to that order. */
  factor(rho: number, order: 0 | 1 | 2 = 0): LogDetDerivatives {
    let logDet = 0;
    let d1 = 0;
    let d2 = 0;
    const [u0, u1, u2] = this.u;
    for (let k = 0; k < this.n; k++) {
      if (order === 0) eliminateRow(this, k, rho);
      else eliminateRowTaylor(this, k, rho);
      const diagonal = this.uPtr[k]!;
      const pivot = u0[diagonal]!;
      if (!(Math.abs(pivot) > 0) || !Number.isFinite(pivot)) {
        this.factoredAt = NaN;
        throw new SpilloverError(
          'SINGULAR_DESIGN',
          `I − ${rho}·W is singular or ill-conditioned for elimination (pivot ${k + 1} of ${this.n})`,
        );
      }
      logDet += Math.log(Math.abs(pivot));
      if (order > 0) {
        const r1 = u1[diagonal]! / pivot;
        d1 += r1;
        d2 += 2 * (u2[diagonal]! / pivot) - r1 * r1;
      }
    }
    this.factoredAt = rho;
    return { logDet, d1: order > 0 ? d1 : NaN, d2: order > 1 ? d2 : NaN };
  }

  /**
   * (I − ρW)⁻¹ B for m right-hand sides at once, B n × m row-major (entry (i, c) at i·m + c); the
   * factors are read once per block. Factorizes first when the held factors are of another ρ.
   */
  solveMany(rho: number, b: Float64Array, m: number): Float64Array {
    if (rho !== this.factoredAt) this.factor(rho, 0);
    const { n, order } = this;
    const y = new Float64Array(n * m);
    for (let k = 0; k < n; k++) y.set(b.subarray(order[k]! * m, (order[k]! + 1) * m), k * m);
    forwardMany(this, y, m);
    backwardMany(this, y, m);
    const out = new Float64Array(n * m);
    for (let k = 0; k < n; k++) out.set(y.subarray(k * m, (k + 1) * m), order[k]! * m);
    return out;
  }

  /**
   * Columns order[start], …, order[start + m − 1] of (I − ρW)⁻¹ (n × m row-major): the unit vectors of
   * m consecutive pivots. Their forward solve touches only the rows L⁻¹e_k is non-zero in (k and its
   * ancestors in the elimination tree), column by column. Looping start over 0, m, 2m, … visits every
   * column of the inverse once.
   */
  inverseColumns(rho: number, start: number, m: number): Float64Array {
    if (rho !== this.factoredAt) this.factor(rho, 0);
    const { n, order } = this;
    const y = new Float64Array(n * m);
    for (let c = 0; c < m; c++) y[(start + c) * m + c] = 1;
    forwardSparse(this, y, m, start);
    backwardMany(this, y, m);
    const out = new Float64Array(n * m);
    for (let k = 0; k < n; k++) out.set(y.subarray(k * m, (k + 1) * m), order[k]! * m);
    return out;
  }
}

/*
 * The numeric kernels are small separate functions so that V8 optimises each with complete type
 * feedback (one long function with several loops is compiled on-stack while its later loops have not
 * run yet, and then deoptimised again and again).
 */
/** Row k of L and U of I − ρW (values only): scatter the row, eliminate with rows i < k, gather. */
function eliminateRow(f: SparseLu, k: number, rho: number): void {
  const { lPtr, lIdx, uPtr, uIdx, wPtr, wCol, wVal } = f;
  const l0 = f.l[0];
  const u0 = f.u[0];
  const x0 = f.x[0];
  for (let q = lPtr[k]!; q < lPtr[k + 1]!; q++) x0[lIdx[q]!] = 0;
  for (let p = uPtr[k]!; p < uPtr[k + 1]!; p++) x0[uIdx[p]!] = 0;
  x0[k] = 1;
  for (let p = wPtr[k]!; p < wPtr[k + 1]!; p++) x0[wCol[p]!]! -= rho * wVal[p]!;
  for (let q = lPtr[k]!; q < lPtr[k + 1]!; q++) {
    const i = lIdx[q]!;
    const factor = x0[i]! / u0[uPtr[i]!]!;
    l0[q] = factor;
    for (let p = uPtr[i]! + 1; p < uPtr[i + 1]!; p++) x0[uIdx[p]!]! -= factor * u0[p]!;
  }
  for (let p = uPtr[k]!; p < uPtr[k + 1]!; p++) u0[p] = x0[uIdx[p]!]!;
}

/** eliminateRow in truncated Taylor arithmetic: entries c₀ + c₁ε + c₂ε² in ρ + ε (A = I − ρW − εW). */
function eliminateRowTaylor(f: SparseLu, k: number, rho: number): void {
  const { lPtr, lIdx, uPtr, uIdx, wPtr, wCol, wVal } = f;
  const [l0, l1, l2] = f.l;
  const [u0, u1, u2] = f.u;
  const [x0, x1, x2] = f.x;
  for (let q = lPtr[k]!; q < lPtr[k + 1]!; q++) x0[lIdx[q]!] = x1[lIdx[q]!] = x2[lIdx[q]!] = 0;
  for (let p = uPtr[k]!; p < uPtr[k + 1]!; p++) x0[uIdx[p]!] = x1[uIdx[p]!] = x2[uIdx[p]!] = 0;
  x0[k] = 1;
  for (let p = wPtr[k]!; p < wPtr[k + 1]!; p++) {
    x0[wCol[p]!]! -= rho * wVal[p]!;
    x1[wCol[p]!]! -= wVal[p]!;
  }
  for (let q = lPtr[k]!; q < lPtr[k + 1]!; q++) {
    const i = lIdx[q]!;
    const di = uPtr[i]!;
    // (x₀ + x₁ε + x₂ε²) / (v₀ + v₁ε + v₂ε²)
    const f0 = x0[i]! / u0[di]!;
    const f1 = (x1[i]! - f0 * u1[di]!) / u0[di]!;
    const f2 = (x2[i]! - f0 * u2[di]! - f1 * u1[di]!) / u0[di]!;
    l0[q] = f0;
    l1[q] = f1;
    l2[q] = f2;
    for (let p = di + 1; p < uPtr[i + 1]!; p++) {
      const j = uIdx[p]!;
      x0[j]! -= f0 * u0[p]!;
      x1[j]! -= f0 * u1[p]! + f1 * u0[p]!;
      x2[j]! -= f0 * u2[p]! + f1 * u1[p]! + f2 * u0[p]!;
    }
  }
  for (let p = uPtr[k]!; p < uPtr[k + 1]!; p++) {
    const j = uIdx[p]!;
    u0[p] = x0[j]!;
    u1[p] = x1[j]!;
    u2[p] = x2[j]!;
  }
}

/**
 * y ← L⁻¹ y for m interleaved right-hand sides that are zero above row `start`, by columns of L
 * (y_i −= l_ik y_k for the rows i > k of column k), skipping the rows where every y_k is zero.
 */
function forwardSparse(f: SparseLu, y: Float64Array, m: number, start: number): void {
  const { n, uPtr, uIdx, lOfU } = f;
  const l0 = f.l[0];
  for (let k = start; k < n; k++) {
    const yk = k * m;
    let any = false;
    for (let c = 0; c < m; c++) if (y[yk + c] !== 0) any = true;
    if (!any) continue;
    for (let p = uPtr[k]! + 1; p < uPtr[k + 1]!; p++) {
      const factor = l0[lOfU[p]!]!;
      const yi = uIdx[p]! * m;
      for (let c = 0; c < m; c++) y[yi + c]! -= factor * y[yk + c]!;
    }
  }
}

/** y ← L⁻¹ y for m interleaved right-hand sides (L unit lower). */
function forwardMany(f: SparseLu, y: Float64Array, m: number): void {
  const { n, lPtr, lIdx } = f;
  const l0 = f.l[0];
  for (let k = 0; k < n; k++) {
    const yk = k * m;
    for (let q = lPtr[k]!; q < lPtr[k + 1]!; q++) {
      const factor = l0[q]!;
      const yi = lIdx[q]! * m;
      for (let c = 0; c < m; c++) y[yk + c]! -= factor * y[yi + c]!;
    }
  }
}

/** y ← U⁻¹ y for m interleaved right-hand sides. */
function backwardMany(f: SparseLu, y: Float64Array, m: number): void {
  const { n, uPtr, uIdx } = f;
  const u0 = f.u[0];
  for (let k = n - 1; k >= 0; k--) {
    const yk = k * m;
    for (let p = uPtr[k]! + 1; p < uPtr[k + 1]!; p++) {
      const factor = u0[p]!;
      const yj = uIdx[p]! * m;
      for (let c = 0; c < m; c++) y[yk + c]! -= factor * y[yj + c]!;
    }
    const pivot = u0[uPtr[k]!]!;
    for (let c = 0; c < m; c++) y[yk + c]! /= pivot;
  }
}

/** lOfU (see SparseLu): rows i of L in ascending order meet the entries (j, i) of each U row j in order. */
function mirrorPositions(lPtr: Int32Array, lIdx: Int32Array, uPtr: Int32Array, n: number): Int32Array {
  const out = new Int32Array(uPtr[n]!);
  const next = Int32Array.from({ length: n }, (_, j) => uPtr[j]! + 1);
  for (let i = 0; i < n; i++) for (let q = lPtr[i]!; q < lPtr[i + 1]!; q++) out[next[lIdx[q]!]!++] = q;
  return out;
}

/** Pattern of W + W' without the diagonal, rows sorted. */
function symmetrisedPattern(w: SpatialWeights): Adjacency {
  const n = w.n;
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) {
      const j = w.col[p]!;
      if (j === i) continue;
      count[i + 1]!++;
      count[j + 1]!++;
    }
  }
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const raw = new Int32Array(count[n]!);
  const fill = count.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) {
      const j = w.col[p]!;
      if (j === i) continue;
      raw[fill[i]!++] = j;
      raw[fill[j]!++] = i;
    }
  }
  // sort and deduplicate each row
  const ptr = new Int32Array(n + 1);
  const adj: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = raw.subarray(count[i]!, count[i + 1]!).sort();
    for (let q = 0; q < row.length; q++) if (q === 0 || row[q] !== row[q - 1]) adj.push(row[q]!);
    ptr[i + 1] = adj.length;
  }
  return { n, ptr, adj: Int32Array.from(adj) };
}

/** Rows of W in the new order, columns renumbered. */
function permuteRows(
  w: SpatialWeights,
  order: Int32Array,
  position: Int32Array,
): { ptr: Int32Array; col: Int32Array; val: Float64Array } {
  const ptr = new Int32Array(w.n + 1);
  const col = new Int32Array(w.col.length);
  const val = new Float64Array(w.col.length);
  let q = 0;
  for (let k = 0; k < w.n; k++) {
    const i = order[k]!;
    for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) {
      col[q] = position[w.col[p]!]!;
      val[q++] = w.val[p]!;
    }
    ptr[k + 1] = q;
  }
  return { ptr, col, val };
}

/** Elimination tree of the permuted symmetric pattern (Liu's algorithm with path compression). */
function eliminationTree(g: Adjacency, order: Int32Array, position: Int32Array): Int32Array {
  const n = g.n;
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const old = order[k]!;
    for (let p = g.ptr[old]!; p < g.ptr[old + 1]!; p++) {
      let i = position[g.adj[p]!]!;
      while (i !== -1 && i < k) {
        const next = ancestor[i]!;
        ancestor[i] = k;
        if (next === -1) parent[i] = k;
        i = next;
      }
    }
  }
  return parent;
}

/** Row patterns of L (row subtrees of the elimination tree) and, by symmetry of the pattern, of U. */
function rowPatterns(
  g: Adjacency,
  order: Int32Array,
  position: Int32Array,
  parent: Int32Array,
): { lPtr: Int32Array; lIdx: Int32Array; uPtr: Int32Array; uIdx: Int32Array } {
  const n = g.n;
  const mark = new Int32Array(n).fill(-1);
  const lPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  const colCount = new Int32Array(n);
  const scratch: number[] = [];
  for (let k = 0; k < n; k++) {
    mark[k] = k;
    scratch.length = 0;
    const old = order[k]!;
    for (let p = g.ptr[old]!; p < g.ptr[old + 1]!; p++) {
      let i = position[g.adj[p]!]!;
      if (i > k) continue;
      while (mark[i] !== k) {
        scratch.push(i);
        mark[i] = k;
        i = parent[i]!;
      }
    }
    scratch.sort((a, b) => a - b);
    for (const i of scratch) {
      rows.push(i);
      colCount[i]!++;
    }
    lPtr[k + 1] = rows.length;
  }
  const lIdx = Int32Array.from(rows);
  const uPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) uPtr[i + 1] = uPtr[i]! + 1 + colCount[i]!;
  const uIdx = new Int32Array(uPtr[n]!);
  const fill = uPtr.slice(0, n);
  for (let i = 0; i < n; i++) uIdx[fill[i]!++] = i;
  for (let k = 0; k < n; k++) for (let q = lPtr[k]!; q < lPtr[k + 1]!; q++) uIdx[fill[lIdx[q]!]!++] = k;
  return { lPtr, lIdx, uPtr, uIdx };
}
