/**
 * Covariance matrices of least-squares coefficients: classical, heteroskedasticity-robust (HC1)
 * and cluster-robust (by unit), all as sandwiches around A = (X'X)⁻¹ (or the 2SLS bread).
 *
 * classical: σ² A,  σ² = SSR/df
 * robust:    n/(n − k) · A (Σ_i u_i² x_i x_i') A            (White 1980; MacKinnon & White 1985 HC1;
 *            k counts the absorbed fixed effects too, as Stata `areg, vce(robust)`)
 * cluster:   c · A (Σ_g X_g'u_g u_g'X_g) A,  c = G/(G − 1) · (n − 1)/(n − Kc)   (Liang & Zeger 1986;
 *            Stata `xtreg, fe vce(cluster)`: Kc = slopes + 1 for unit effects, slopes + (T − 1) + 1 two-way)
 */
export type VcovKind = 'classical' | 'robust' | 'cluster';

/** A M A for symmetric k×k A and M (row-major). */
export function sandwich(bread: Float64Array, meat: Float64Array, k: number, factor = 1): Float64Array {
  const am = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let m = 0; m < k; m++) {
      const a = bread[i * k + m]!;
      if (a === 0) continue;
      for (let j = 0; j < k; j++) am[i * k + j]! += a * meat[m * k + j]!;
    }
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let m = 0; m < k; m++) sum += am[i * k + m]! * bread[m * k + j]!;
      out[i * k + j] = factor * sum;
      out[j * k + i] = factor * sum;
    }
  }
  return out;
}

/** Σ_i u_i² x_i x_i' (k×k), x_i the rows of the columns. O(n k²). */
export function heteroskedasticMeat(columns: Float64Array[], residuals: Float64Array): Float64Array {
  const k = columns.length;
  const out = new Float64Array(k * k);
  const n = residuals.length;
  for (let a = 0; a < k; a++) {
    const ca = columns[a]!;
    for (let b = 0; b <= a; b++) {
      const cb = columns[b]!;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += ca[i]! * cb[i]! * residuals[i]! * residuals[i]!;
      out[a * k + b] = sum;
      out[b * k + a] = sum;
    }
  }
  return out;
}

/** Σ_g s_g s_g' with s_g = Σ_{i in g} x_i u_i (k×k). O(n k + G k²). */
export function clusterMeat(
  columns: Float64Array[],
  residuals: Float64Array,
  cluster: Int32Array,
  nclusters: number,
): Float64Array {
  const k = columns.length;
  const scores = new Float64Array(nclusters * k);
  for (let j = 0; j < k; j++) {
    const c = columns[j]!;
    for (let i = 0; i < residuals.length; i++) scores[cluster[i]! * k + j]! += c[i]! * residuals[i]!;
  }
  const out = new Float64Array(k * k);
  for (let g = 0; g < nclusters; g++) {
    for (let a = 0; a < k; a++) {
      const sa = scores[g * k + a]!;
      for (let b = 0; b <= a; b++) out[a * k + b]! += sa * scores[g * k + b]!;
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) out[b * k + a] = out[a * k + b]!;
  return out;
}

/** Number of clusters with at least one observation. */
export function countClusters(cluster: Int32Array, nclusters: number): number {
  const seen = new Uint8Array(nclusters);
  let count = 0;
  for (let i = 0; i < cluster.length; i++) {
    if (!seen[cluster[i]!]) {
      seen[cluster[i]!] = 1;
      count++;
    }
  }
  return count;
}

export interface CovarianceInput {
  kind: VcovKind;
  /** Columns of the (transformed) regressors used in the meat: X, or X̂ for 2SLS. */
  columns: Float64Array[];
  residuals: Float64Array;
  /** (X'X)⁻¹ or the 2SLS bread, k×k. */
  bread: Float64Array;
  /** Residual variance for the classical form. */
  sigma2: number;
  /** Parameters counted in the HC1 factor n/(n − k): slopes plus absorbed effects (and intercept). */
  parametersRobust: number;
  /** Parameters counted in the cluster factor (n − 1)/(n − Kc). */
  parametersCluster: number;
  /** Cluster index per observation and number of clusters (required for `cluster`). */
  cluster?: Int32Array;
  nclusters?: number;
}

export interface Covariance {
  vcov: Float64Array;
  /** Degrees of freedom of the t reference distribution: G − 1 for cluster, undefined otherwise. */
  clusterDf?: number;
}

/** The covariance of the coefficients for the requested kind (see the module comment). */
export function coefficientCovariance(input: CovarianceInput): Covariance {
  const k = input.columns.length;
  const n = input.residuals.length;
  switch (input.kind) {
    case 'classical': {
      const vcov = new Float64Array(k * k);
      for (let i = 0; i < k * k; i++) vcov[i] = input.sigma2 * input.bread[i]!;
      return { vcov };
    }
    case 'robust': {
      const meat = heteroskedasticMeat(input.columns, input.residuals);
      return { vcov: sandwich(input.bread, meat, k, n / (n - input.parametersRobust)) };
    }
    case 'cluster': {
      const cluster = input.cluster!;
      const g = countClusters(cluster, input.nclusters!);
      const meat = clusterMeat(input.columns, input.residuals, cluster, input.nclusters!);
      const factor = (g / (g - 1)) * ((n - 1) / (n - input.parametersCluster));
      return { vcov: sandwich(input.bread, meat, k, factor), clusterDf: g - 1 };
    }
  }
}
