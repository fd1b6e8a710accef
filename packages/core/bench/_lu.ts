import { knnWeights } from '../src/spatial/weights/build.js';
import { matchWeights } from '../src/spatial/weights/match.js';
import { denseWeights } from '../src/spatial/weights/types.js';
import { createRng } from '../src/stats/random.js';
import { SparseLu } from '../src/spatial/sparse/lu.js';
import { logAbsDeterminant, identity } from '../src/linalg/dense.js';
import { weightsSpectrum, traceG, logDet } from '../src/spatial/spectrum.js';
function cpu<T>(f: () => T): [T, number] { const c = process.cpuUsage(); const r = f(); const u = process.cpuUsage(c); return [r, (u.user + u.system) / 1000]; }
for (const n of [150, 285, 1000, 3000]) {
  const rng = createRng(1);
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  const w = matchWeights(knnWeights({ ids, x: Float64Array.from({ length: n }, () => rng.next()), y: Float64Array.from({ length: n }, () => rng.next()) }, 6), ids, { style: 'row' });
  const [lu, ts] = cpu(() => new SparseLu(w));
  const [, t0] = cpu(() => { for (let r = 0; r < 10; r++) lu.factor(0.4 + r * 0.001, 0); });
  const [, t2] = cpu(() => { for (let r = 0; r < 10; r++) lu.factor(0.4 + r * 0.001, 2); });
  const [, tsolve] = cpu(() => { const b = new Float64Array(n).fill(1); for (let r = 0; r < 100; r++) lu.solve(0.4, b); });
  console.log(n, 'fill', lu.factorEntries, (lu.factorEntries / n).toFixed(1), 'symbolic', ts.toFixed(1), 'factor0', (t0 / 10).toFixed(2), 'factor2', (t2 / 10).toFixed(2), 'solve', (tsolve / 100).toFixed(3));
  if (n <= 285) {
    const s = weightsSpectrum(w);
    for (const rho of [-0.9, 0.4, 0.95]) {
      const f = lu.factor(rho, 2);
      const tg = traceG(s, rho);
      const a = identity(n); const wd = denseWeights(w); for (let q = 0; q < n * n; q++) a[q]! -= rho * wd[q]!;
      console.log(rho, f.logDet - logDet(s, rho), f.logDet - logAbsDeterminant(a, n), f.d1 + tg.tr, f.d2 + tg.tr2, tg.tr, tg.tr2);
    }
    const b = Float64Array.from({ length: n }, () => rng.normal());
    const x = lu.solve(0.7, b);
    const wd = denseWeights(w); let err = 0;
    for (let i = 0; i < n; i++) { let s = x[i]!; for (let j = 0; j < n; j++) s -= 0.7 * wd[i * n + j]! * x[j]!; err = Math.max(err, Math.abs(s - b[i]!)); }
    console.log('solve residual', err);
  }
}
