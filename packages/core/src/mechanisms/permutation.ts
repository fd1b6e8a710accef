/**
 * Fisher's permutation test of group differences in coefficients (as in the `bdiff` procedure):
 * group labels are permuted and the split-sample difference recomputed. When every unit stays in
 * one group, whole units' labels are permuted across units; otherwise labels are permuted among
 * the observations of each period (keeping each period's group sizes). Two-sided p-value
 * p = (1 + #{|d*| ≥ |d|}) / (1 + B) over the B successful permutations (Phipson & Smyth 2010).
 */
import type { PanelStructure } from '../estimators/within.js';
import type { Rng } from '../stats/random.js';
import { randomPermutation } from './resampling.js';

/** True when every observation of a unit carries the same label. */
export function labelsConstantWithinUnits(labels: Int32Array, structure: PanelStructure): boolean {
  const first = new Int32Array(structure.nunits).fill(-1);
  for (let i = 0; i < labels.length; i++) {
    const u = structure.unitIndex[i]!;
    if (first[u]! < 0) first[u] = labels[i]!;
    else if (first[u] !== labels[i]) return false;
  }
  return true;
}

/** Permuted labels (see the module comment). */
export function permuteLabels(
  rng: Rng,
  labels: Int32Array,
  structure: PanelStructure,
  byUnit: boolean,
): Int32Array {
  const out = new Int32Array(labels.length);
  if (byUnit) {
    const unitLabel = new Int32Array(structure.nunits);
    for (let i = 0; i < labels.length; i++) unitLabel[structure.unitIndex[i]!] = labels[i]!;
    const permutation = randomPermutation(rng, structure.nunits);
    for (let i = 0; i < labels.length; i++) out[i] = unitLabel[permutation[structure.unitIndex[i]!]!]!;
    return out;
  }
  const byPeriod: number[][] = Array.from({ length: structure.nperiods }, () => []);
  for (let i = 0; i < labels.length; i++) byPeriod[structure.timeIndex[i]!]!.push(i);
  for (const rows of byPeriod) {
    const permutation = randomPermutation(rng, rows.length);
    rows.forEach((row, j) => (out[row] = labels[rows[permutation[j]!]!]!));
  }
  return out;
}

/** p = (1 + #{|d*| ≥ |d|}) / (1 + B) over the finite d*. */
export function permutationP(observed: number, draws: ArrayLike<number>): { p: number; valid: number } {
  let valid = 0;
  let extreme = 0;
  for (let r = 0; r < draws.length; r++) {
    const d = draws[r]!;
    if (!Number.isFinite(d)) continue;
    valid++;
    if (Math.abs(d) >= Math.abs(observed)) extreme++;
  }
  return { p: (1 + extreme) / (1 + valid), valid };
}
