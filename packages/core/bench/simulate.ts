/**
 * Simulated two-way fixed-effects SDM panels on random points with a k-nearest-neighbour W:
 *   y_t = (I − ρW)⁻¹(X_t β + W X_t θ + α + γ_t 1 + ε_t),  ε ~ N(0, σ²).
 * Returns the panel CSV and the weights as an edge list CSV.
 */
import { createRng } from '../src/stats/random.js';
import { knnWeights } from '../src/spatial/weights/build.js';
import { matchWeights } from '../src/spatial/weights/match.js';
import { spatialLag } from '../src/spatial/weights/types.js';

export interface SimulatedPanel {
  panelCsv: string;
  weightsCsv: string;
  truth: { rho: number; beta: number[]; theta: number[]; sigma2: number };
}

export function simulateSdmPanel(n: number, periods: number, seed = 1, k = 6): SimulatedPanel {
  const rng = createRng(seed);
  const ids = Array.from({ length: n }, (_, i) => `u${i + 1}`);
  const x = Float64Array.from({ length: n }, () => rng.next());
  const y = Float64Array.from({ length: n }, () => rng.next());
  const triplets = knnWeights({ ids, x, y }, k);
  const w = matchWeights(triplets, ids, { style: 'row' });
  const truth = { rho: 0.4, beta: [1, -0.5, 0.3, 0.8], theta: [0.5, 0.2, -0.3, 0.1], sigma2: 0.25 };
  const alpha = Float64Array.from({ length: n }, () => rng.normal());
  const lines = ['unit,time,y,x1,x2,x3,x4'];
  const rows: string[][] = ids.map(() => []);
  for (let t = 0; t < periods; t++) {
    const xs = truth.beta.map(() => Float64Array.from({ length: n }, () => rng.normal()));
    const gamma = rng.normal();
    const rhs = new Float64Array(n);
    xs.forEach((col, j) => {
      const wx = spatialLag(w, col);
      for (let i = 0; i < n; i++) rhs[i]! += truth.beta[j]! * col[i]! + truth.theta[j]! * wx[i]!;
    });
    for (let i = 0; i < n; i++) rhs[i]! += alpha[i]! + gamma + Math.sqrt(truth.sigma2) * rng.normal();
    // (I − ρW)⁻¹ rhs by the Neumann iteration (|ρ| < 1, row-standardised W)
    let yt = Float64Array.from(rhs);
    for (let iter = 0; iter < 200; iter++) {
      const wy = spatialLag(w, yt);
      yt = Float64Array.from(rhs, (v, i) => v + truth.rho * wy[i]!);
    }
    for (let i = 0; i < n; i++)
      rows[i]!.push(`${ids[i]},${2000 + t},${yt[i]},${xs.map((c) => c[i]).join(',')}`);
  }
  for (const r of rows) lines.push(...r);
  const edges = ['from,to,weight'];
  for (let e = 0; e < triplets.from.length; e++)
    edges.push(`${ids[triplets.from[e]!]},${ids[triplets.to[e]!]},1`);
  return { panelCsv: lines.join('\n'), weightsCsv: edges.join('\n'), truth };
}
