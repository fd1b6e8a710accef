/**
 * Spatial weights in compressed sparse row form (CSR), rows and columns in the order of `ids`.
 * Row i's neighbours are col[rowPtr[i] .. rowPtr[i+1]) with weights val[...]; no zero entries are stored.
 */
export interface SpatialWeights {
  ids: string[];
  n: number;
  rowPtr: Int32Array;
  col: Int32Array;
  val: Float64Array;
  /** `row`: every non-empty row sums to one; `none`: weights as given. */
  style: 'row' | 'none';
  /**
   * Row sums of the symmetric matrix C this W was row-standardised from (W = D⁻¹C, D = diag(rowSums)),
   * when C is symmetric; for style `none` with a symmetric W, all ones. Absent otherwise. Lets the
   * eigenvalues come from the symmetric D^{-1/2} C D^{-1/2}.
   */
  symmetricRowSums?: Float64Array;
}

/** Weights as read from a file or built from coordinates: labelled triplets, before matching to a panel. */
export interface WeightTriplets {
  /** Every id the source mentions (including units without neighbours), in source order. */
  ids: string[];
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  /** What the weights came from, for messages (e.g. "weights matrix W.csv"). */
  label: string;
}

export function spatialLag(
  w: SpatialWeights,
  x: Float64Array,
  out = new Float64Array(w.n),
  offset = 0,
): Float64Array {
  const { rowPtr, col, val, n } = w;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) s += val[p]! * x[offset + col[p]!]!;
    out[offset + i] = s;
  }
  return out;
}

/**
 * W applied period by period to a panel vector stacked by period (index t·n + i, units in W order):
 * (I_T ⊗ W) v without building the NT × NT matrix.
 */
export function panelSpatialLag(w: SpatialWeights, v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  const periods = v.length / w.n;
  for (let t = 0; t < periods; t++) spatialLag(w, v, out, t * w.n);
  return out;
}

/** Dense row-major copy of W (n × n). */
export function denseWeights(w: SpatialWeights): Float64Array {
  const { n, rowPtr, col, val } = w;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) out[i * n + col[p]!] = val[p]!;
  }
  return out;
}
