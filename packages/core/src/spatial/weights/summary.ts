import type { SpatialWeights } from './types.js';
import { isSymmetric } from './match.js';

export interface WeightsSummary {
  n: number;
  links: number;
  neighbours: { min: number; mean: number; max: number };
  /** Share of the n(n − 1) possible links present, in per cent. */
  connectivityPercent: number;
  symmetric: boolean;
  islands: string[];
  style: 'row' | 'none';
}

/** Neighbour counts, connectivity, symmetry and islands of a weights matrix. */
export function summariseWeights(w: SpatialWeights): WeightsSummary {
  let min = Infinity;
  let max = 0;
  const islands: string[] = [];
  for (let i = 0; i < w.n; i++) {
    const k = w.rowPtr[i + 1]! - w.rowPtr[i]!;
    min = Math.min(min, k);
    max = Math.max(max, k);
    if (k === 0) islands.push(w.ids[i]!);
  }
  const links = w.rowPtr[w.n]!;
  return {
    n: w.n,
    links,
    neighbours: { min: w.n > 0 ? min : 0, mean: w.n > 0 ? links / w.n : 0, max },
    connectivityPercent: w.n > 1 ? (100 * links) / (w.n * (w.n - 1)) : 0,
    symmetric: isSymmetric(w),
    islands,
    style: w.style,
  };
}
