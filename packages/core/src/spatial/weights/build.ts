/**
 * Weights built from unit coordinates or attributes, as labelled triplets (match them to a panel with
 * matchWeights, which also row-standardises). Distances are planar (Euclidean) or great-circle
 * (haversine, km, coordinates as longitude/latitude in degrees, Earth radius 6371.0088 km).
 */
import { SpilloverError } from '@spillover/contracts';
import type { WeightTriplets } from './types.js';

export interface Coordinates {
  ids: string[];
  /** x or longitude */
  x: ArrayLike<number>;
  /** y or latitude */
  y: ArrayLike<number>;
  metric?: 'planar' | 'greatCircle';
}

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

function distanceFunction(c: Coordinates): (i: number, j: number) => number {
  if (c.metric === 'greatCircle') {
    return (i, j) => {
      const p1 = c.y[i]! * RAD;
      const p2 = c.y[j]! * RAD;
      const dp = p2 - p1;
      const dl = (c.x[j]! - c.x[i]!) * RAD;
      const h = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
      return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    };
  }
  return (i, j) => Math.hypot(c.x[i]! - c.x[j]!, c.y[i]! - c.y[j]!);
}

function checkCoordinates(c: Coordinates): void {
  if (c.x.length !== c.ids.length || c.y.length !== c.ids.length) {
    throw new SpilloverError(
      'INVALID_WEIGHTS',
      `coordinates: ${c.ids.length} ids but ${c.x.length} x and ${c.y.length} y values`,
    );
  }
  for (let i = 0; i < c.ids.length; i++) {
    if (!Number.isFinite(c.x[i]!) || !Number.isFinite(c.y[i]!)) {
      throw new SpilloverError(
        'INVALID_WEIGHTS',
        `coordinates of unit ${c.ids[i]} are missing or not numbers`,
        { unit: c.ids[i] },
      );
    }
  }
}

function triplets(
  ids: string[],
  from: number[],
  to: number[],
  weight: number[],
  label: string,
): WeightTriplets {
  return {
    ids: ids.slice(),
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    weight: Float64Array.from(weight),
    label,
  };
}

/** Each unit's k nearest other units get weight 1 (ties broken by order). Not symmetric in general. */
export function knnWeights(c: Coordinates, k: number): WeightTriplets {
  checkCoordinates(c);
  const n = c.ids.length;
  if (!Number.isInteger(k) || k < 1 || k >= n) {
    throw new SpilloverError('INVALID_WEIGHTS', `k = ${k} nearest neighbours needs 1 ≤ k < ${n} units`);
  }
  const dist = distanceFunction(c);
  const from: number[] = [];
  const to: number[] = [];
  const d = new Float64Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      d[j] = j === i ? Infinity : dist(i, j);
      order[j] = j;
    }
    order.sort((a, b) => d[a]! - d[b]! || a - b);
    for (let r = 0; r < k; r++) {
      from.push(i);
      to.push(order[r]!);
    }
  }
  return triplets(c.ids, from, to, new Array(from.length).fill(1), `${k}-nearest-neighbour weights`);
}

/** Weight 1 between units at distance ≤ threshold (symmetric). */
export function distanceBandWeights(c: Coordinates, threshold: number): WeightTriplets {
  checkCoordinates(c);
  const dist = distanceFunction(c);
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < c.ids.length; i++) {
    for (let j = 0; j < c.ids.length; j++) {
      if (i !== j && dist(i, j) <= threshold) {
        from.push(i);
        to.push(j);
      }
    }
  }
  return triplets(c.ids, from, to, new Array(from.length).fill(1), `distance-band weights (≤ ${threshold})`);
}

/** w_ij = 1 / d_ij^power for d_ij ≤ cutoff (all pairs when no cutoff); coincident units are an error. */
export function inverseDistanceWeights(
  c: Coordinates,
  options: { power?: number; cutoff?: number } = {},
): WeightTriplets {
  checkCoordinates(c);
  const power = options.power ?? 1;
  const cutoff = options.cutoff ?? Infinity;
  const dist = distanceFunction(c);
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < c.ids.length; i++) {
    for (let j = 0; j < c.ids.length; j++) {
      if (i === j) continue;
      const d = dist(i, j);
      if (d === 0) {
        throw new SpilloverError(
          'INVALID_WEIGHTS',
          `units ${c.ids[i]} and ${c.ids[j]} have the same coordinates`,
          { units: [c.ids[i]!, c.ids[j]!] },
        );
      }
      if (d <= cutoff) {
        from.push(i);
        to.push(j);
        weight.push(1 / d ** power);
      }
    }
  }
  return triplets(c.ids, from, to, weight, `inverse-distance weights (power ${power})`);
}

/**
 * Economic distance weights w_ij = 1 / |x̄_i − x̄_j| from each unit's mean of an attribute
 * (e.g. GDP per capita over the sample period); equal means are an error naming the units.
 */
export function economicDistanceWeights(ids: string[], means: ArrayLike<number>): WeightTriplets {
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = 0; j < ids.length; j++) {
      if (i === j) continue;
      const d = Math.abs(means[i]! - means[j]!);
      if (!(d > 0)) {
        throw new SpilloverError(
          'INVALID_WEIGHTS',
          `units ${ids[i]} and ${ids[j]} have the same mean: economic distance is undefined`,
          { units: [ids[i]!, ids[j]!] },
        );
      }
      from.push(i);
      to.push(j);
      weight.push(1 / d);
    }
  }
  return triplets(ids, from, to, weight, 'economic-distance weights');
}

/**
 * Economic-geographic nested weights W = φ W_d + (1 − φ) W_e, with W_d the inverse-distance and W_e the
 * economic-distance weights, each row-standardised before mixing (so rows of W sum to one); φ ∈ [0, 1].
 */
export function nestedWeights(
  c: Coordinates,
  means: ArrayLike<number>,
  phi: number,
  power = 1,
): WeightTriplets {
  if (!(phi >= 0 && phi <= 1)) {
    throw new SpilloverError('INVALID_WEIGHTS', `nested weights need 0 ≤ φ ≤ 1 (got ${phi})`);
  }
  const geo = rowNormalised(inverseDistanceWeights(c, { power }));
  const eco = rowNormalised(economicDistanceWeights(c.ids, means));
  const n = c.ids.length;
  const dense = new Float64Array(n * n);
  for (let e = 0; e < geo.from.length; e++) dense[geo.from[e]! * n + geo.to[e]!]! += phi * geo.weight[e]!;
  for (let e = 0; e < eco.from.length; e++) {
    dense[eco.from[e]! * n + eco.to[e]!]! += (1 - phi) * eco.weight[e]!;
  }
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (dense[i * n + j]! > 0) {
        from.push(i);
        to.push(j);
        weight.push(dense[i * n + j]!);
      }
    }
  }
  return triplets(c.ids, from, to, weight, `economic-geographic nested weights (φ = ${phi})`);
}

function rowNormalised(t: WeightTriplets): WeightTriplets {
  const sums = new Float64Array(t.ids.length);
  for (let e = 0; e < t.from.length; e++) sums[t.from[e]!]! += t.weight[e]!;
  const weight = Float64Array.from(t.weight, (w, e) => w / sums[t.from[e]!]!);
  return { ...t, weight };
}
