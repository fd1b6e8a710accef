/**
 * Balanced panel data for the spatial estimators, stacked by period: index t·N + i with units i in
 * the order of W (so W acts on each period's block; I_T ⊗ W is never built), and the fixed-effects
 * (within) transformations of such vectors.
 */
import { SpilloverError, type FixedEffects } from '@spillover/contracts';
import type { PanelSample } from '../data/panel.js';

const MAX_LISTED = 20;

/** Throws UNBALANCED_PANEL listing the missing unit-periods unless every unit is observed in every period. */
export function requireBalanced(sample: PanelSample, what: string): void {
  if (sample.balanced) return;
  const present = new Uint8Array(sample.nunits * sample.nperiods);
  for (let r = 0; r < sample.rows.length; r++) {
    present[sample.unitIndex[r]! * sample.nperiods + sample.timeIndex[r]!] = 1;
  }
  const missing: string[] = [];
  present.forEach((p, k) => {
    if (!p) {
      missing.push(`${sample.units[Math.floor(k / sample.nperiods)]} ${sample.times[k % sample.nperiods]}`);
    }
  });
  const shown = missing.slice(0, MAX_LISTED).join(', ');
  throw new SpilloverError(
    'UNBALANCED_PANEL',
    `${what} needs a balanced panel; ${missing.length} unit-period(s) missing or with a missing value: ${shown}${
      missing.length > MAX_LISTED ? ' …' : ''
    }`,
    {
      missing: missing.slice(0, 1000),
      units: [...new Set(missing.map((m) => m.slice(0, m.lastIndexOf(' '))))],
    },
  );
}

/** A sample column rearranged to period-major order (t·N + i) with units in `sample.units` order. */
export function periodMajor(sample: PanelSample, values: Float64Array): Float64Array {
  const n = sample.nunits;
  const out = new Float64Array(values.length);
  for (let r = 0; r < values.length; r++) out[sample.timeIndex[r]! * n + sample.unitIndex[r]!] = values[r]!;
  return out;
}

/**
 * Within transformation of a period-major vector (N units × T periods): `unit` subtracts unit means,
 * `time` period means, `twoways` both plus the grand mean (closed form for balanced panels).
 */
export function demean(v: Float64Array, n: number, periods: number, effects: FixedEffects): Float64Array {
  if (effects === 'none') return Float64Array.from(v);
  const unitMean = new Float64Array(n);
  const timeMean = new Float64Array(periods);
  let grand = 0;
  for (let t = 0; t < periods; t++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const x = v[t * n + i]!;
      unitMean[i]! += x;
      s += x;
    }
    timeMean[t] = s / n;
    grand += s;
  }
  grand /= n * periods;
  for (let i = 0; i < n; i++) unitMean[i]! /= periods;
  const out = new Float64Array(v.length);
  const useUnit = effects === 'unit' || effects === 'twoways';
  const useTime = effects === 'time' || effects === 'twoways';
  for (let t = 0; t < periods; t++) {
    for (let i = 0; i < n; i++) {
      let x = v[t * n + i]!;
      if (useUnit) x -= unitMean[i]!;
      if (useTime) x -= timeMean[t]!;
      if (useUnit && useTime) x += grand;
      out[t * n + i] = x;
    }
  }
  return out;
}

/** Fixed-effect parameters absorbed by the within transformation (for degrees of freedom). */
export function absorbedEffects(effects: FixedEffects, n: number, periods: number): number {
  switch (effects) {
    case 'unit':
      return n;
    case 'time':
      return periods;
    case 'twoways':
      return n + periods - 1;
    case 'none':
      return 0;
  }
}
