/**
 * Building blocks shared by the bootstrap and permutation procedures: unit draws from a
 * replication's own random stream and the test that tells a failed replication from a bug.
 */
import type { Rng } from '../stats/random.js';

/** Multiplicities of N units drawn with replacement (a unit drawn twice counts as two units). */
export function drawUnitWeights(rng: Rng, nunits: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let k = 0; k < nunits; k++) out[Math.floor(rng.next() * nunits)]!++;
  return out;
}

/** N unit indices drawn with replacement. */
export function drawUnits(rng: Rng, nunits: number): Int32Array {
  const out = new Int32Array(nunits);
  for (let k = 0; k < nunits; k++) out[k] = Math.floor(rng.next() * nunits);
  return out;
}

/** A uniformly random permutation of 0..n−1 (Fisher-Yates). */
export function randomPermutation(rng: Rng, n: number): Int32Array {
  const out = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

/** A replication that cannot be estimated (singular or degenerate resample) counts as failed. */
export function isReplicationFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SINGULAR_DESIGN' || code === 'INSUFFICIENT_DATA';
}
