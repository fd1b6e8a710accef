import { knnWeights } from '../src/spatial/weights/build.js';
import { matchWeights } from '../src/spatial/weights/match.js';
import { createRng } from '../src/stats/random.js';
function cpu(f: () => void): number { const c = process.cpuUsage(); f(); const u = process.cpuUsage(c); return (u.user + u.system) / 1000; }
for (const n of [285, 285, 285, 1000, 1000]) {
  const rng = createRng(1);
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  const w = matchWeights(knnWeights({ ids, x: Float64Array.from({ length: n }, () => rng.next()), y: Float64Array.from({ length: n }, () => rng.next()) }, 6), ids, { style: 'row' });
  let power = new Float64Array(n * n); for (let i = 0; i < n; i++) power[i * n + i] = 1;
  let next = new Float64Array(n * n);
  const K = n >= 3000 ? 5 : 20;
  const t = cpu(() => {
    for (let k = 0; k < K; k++) {
      next.fill(0);
      for (let i = 0; i < n; i++) {
        const ri = i * n;
        for (let p = w.rowPtr[i]!; p < w.rowPtr[i + 1]!; p++) {
          const f = w.val[p]!; const rk = w.col[p]! * n;
          for (let j = 0; j < n; j++) next[ri + j]! += f * power[rk + j]!;
        }
      }
      [power, next] = [next, power];
    }
  });
  // alternative: row at a time, no fill, unrolled accumulate into row
  const t2 = cpu(() => {
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < n; i++) {
        const ri = i * n;
        const p0 = w.rowPtr[i]!, p1 = w.rowPtr[i + 1]!;
        const row = next.subarray(ri, ri + n);
        const f0 = w.val[p0]!; const r0 = power.subarray(w.col[p0]! * n, w.col[p0]! * n + n);
        for (let j = 0; j < n; j++) row[j] = f0 * r0[j]!;
        for (let p = p0 + 1; p < p1; p++) {
          const f = w.val[p]!; const r = power.subarray(w.col[p]! * n, w.col[p]! * n + n);
          for (let j = 0; j < n; j++) row[j]! += f * r[j]!;
        }
      }
      [power, next] = [next, power];
    }
  });
  console.log(n, 'per power ms', (t / K).toFixed(2), (t2 / K).toFixed(2), 'nnz', w.val.length);
}
