/**
 * Queen and rook contiguity weights from GeoJSON polygons (Polygon and MultiPolygon features, holes
 * included): queen links two units whose boundaries share at least one point, rook two units whose
 * boundaries share a segment of positive length. Boundaries are compared up to a snap tolerance, so
 * shared edges digitised with tiny coordinate noise, and T-junctions (a vertex of one polygon on the
 * interior of another's edge), still count.
 *
 * Every boundary segment goes into a uniform grid index (cell ≈ typical segment length, segments'
 * boxes widened by the tolerance); only segments sharing a cell are compared, so the cost is about
 * linear in the number of vertices for map-like inputs instead of quadratic.
 *   queen: a vertex of unit a within `snap` of a segment of unit b;
 *   rook:  segments of a and b that are collinear within `snap` and overlap by more than `snap`.
 */
import { SpilloverError } from '@spillover/contracts';
import type { WeightTriplets } from './types.js';

export interface ContiguityOptions {
  /** Feature property holding the unit id (strings and numbers; numbers become their decimal text). */
  idProperty: string;
  type: 'queen' | 'rook';
  /** Snap tolerance in coordinate units (default 1e-7 of the larger side of the map's bounding box). */
  snap?: number;
}

export interface ContiguityWeights extends WeightTriplets {
  /** Units without any neighbour, in feature order. */
  islands: string[];
}

/** Boundary segments of every feature, as parallel typed arrays. */
interface Segments {
  x1: Float64Array;
  y1: Float64Array;
  x2: Float64Array;
  y2: Float64Array;
  owner: Int32Array;
  count: number;
}

type Position = [number, number];

function invalid(message: string, details: Record<string, unknown> = {}): SpilloverError {
  return new SpilloverError('INVALID_WEIGHTS', message, details);
}

/** "feature 3 (id AL)" or "feature 3" when its id is unknown. */
function featureName(index: number, id?: string): string {
  return id === undefined ? `feature ${index}` : `feature ${index} (id ${id})`;
}

function readRing(ring: unknown, where: string, id: string | undefined): Position[] {
  if (!Array.isArray(ring)) throw invalid(`${where}: a ring must be an array of positions`, { unit: id });
  const out: Position[] = [];
  ring.forEach((p, k) => {
    if (
      !Array.isArray(p) ||
      p.length < 2 ||
      typeof p[0] !== 'number' ||
      typeof p[1] !== 'number' ||
      !Number.isFinite(p[0]) ||
      !Number.isFinite(p[1])
    ) {
      throw invalid(`${where}, position ${k}: coordinates must be two finite numbers`, { unit: id });
    }
    out.push([p[0], p[1]]);
  });
  // drop the closing position (GeoJSON rings repeat the first) and consecutive repeats
  const open = out.filter((p, k) => k === 0 || p[0] !== out[k - 1]![0] || p[1] !== out[k - 1]![1]);
  if (
    open.length > 1 &&
    open[0]![0] === open[open.length - 1]![0] &&
    open[0]![1] === open[open.length - 1]![1]
  ) {
    open.pop();
  }
  if (open.length < 3) {
    throw invalid(`${where}: a ring needs at least 3 distinct positions (got ${open.length})`, { unit: id });
  }
  return open;
}

/** Rings of a Polygon or MultiPolygon geometry. */
function readRings(geometry: unknown, name: string, id: string | undefined): Position[][] {
  if (!geometry || typeof geometry !== 'object') throw invalid(`${name}: geometry is missing`, { unit: id });
  const g = geometry as { type?: unknown; coordinates?: unknown };
  const polygons =
    g.type === 'Polygon'
      ? [g.coordinates]
      : g.type === 'MultiPolygon' && Array.isArray(g.coordinates)
        ? g.coordinates
        : null;
  if (!polygons) {
    throw invalid(`${name}: geometry type ${String(g.type)} is not Polygon or MultiPolygon`, { unit: id });
  }
  const rings: Position[][] = [];
  polygons.forEach((polygon: unknown, q: number) => {
    const where = g.type === 'Polygon' ? name : `${name}, polygon ${q}`;
    if (!Array.isArray(polygon) || polygon.length === 0) {
      throw invalid(`${where}: a polygon needs at least one ring`, { unit: id });
    }
    polygon.forEach((ring, r) => rings.push(readRing(ring, `${where}, ring ${r}`, id)));
  });
  return rings;
}

/** Unit ids and boundary segments of a FeatureCollection; errors name the feature. */
function readFeatures(geojson: unknown, idProperty: string): { ids: string[]; segments: Segments } {
  const collection = typeof geojson === 'string' ? parseJson(geojson) : geojson;
  const features = (collection as { type?: unknown; features?: unknown } | null)?.features;
  if (
    !collection ||
    (collection as { type?: unknown }).type !== 'FeatureCollection' ||
    !Array.isArray(features)
  ) {
    throw invalid('GeoJSON: expected a FeatureCollection with a features array');
  }
  const ids: string[] = [];
  const seen = new Map<string, number>();
  const rings: { owner: number; ring: Position[] }[] = [];
  features.forEach((feature: unknown, index: number) => {
    const properties = (feature as { properties?: Record<string, unknown> } | null)?.properties;
    const raw = properties?.[idProperty];
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      throw invalid(`${featureName(index)}: property "${idProperty}" (the unit id) is missing`, {
        feature: index,
        field: idProperty,
      });
    }
    const id = String(raw).trim();
    if (id === '') {
      throw invalid(`${featureName(index)}: property "${idProperty}" (the unit id) is empty`, {
        feature: index,
        field: idProperty,
      });
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw invalid(`${featureName(index, id)}: unit id ${id} was already used by feature ${earlier}`, {
        unit: id,
        features: [earlier, index],
      });
    }
    seen.set(id, index);
    ids.push(id);
    for (const ring of readRings((feature as { geometry?: unknown }).geometry, featureName(index, id), id)) {
      rings.push({ owner: index, ring });
    }
  });
  const count = rings.reduce((s, r) => s + r.ring.length, 0);
  const segments: Segments = {
    x1: new Float64Array(count),
    y1: new Float64Array(count),
    x2: new Float64Array(count),
    y2: new Float64Array(count),
    owner: new Int32Array(count),
    count,
  };
  let s = 0;
  for (const { owner, ring } of rings) {
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k]!;
      const b = ring[(k + 1) % ring.length]!;
      segments.x1[s] = a[0];
      segments.y1[s] = a[1];
      segments.x2[s] = b[0];
      segments.y2[s] = b[1];
      segments.owner[s++] = owner;
    }
  }
  return { ids, segments };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(`GeoJSON: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Uniform grid over the segments' boxes widened by `pad`, stored compactly: the (cell, segment) pairs
 * sorted by cell, each cell's segments `members[start[c] .. start[c + 1])` for the c-th occupied cell.
 */
class SegmentGrid {
  /** Occupied cell keys, ascending. */
  readonly keys: Float64Array;
  readonly start: Int32Array;
  readonly members: Int32Array;
  private readonly x0: number;
  private readonly y0: number;
  private readonly size: number;
  private readonly nx: number;

  constructor(s: Segments, pad: number) {
    let xmin = Infinity;
    let ymin = Infinity;
    let xmax = -Infinity;
    let ymax = -Infinity;
    let length = 0;
    for (let k = 0; k < s.count; k++) {
      xmin = Math.min(xmin, s.x1[k]!);
      xmax = Math.max(xmax, s.x1[k]!);
      ymin = Math.min(ymin, s.y1[k]!);
      ymax = Math.max(ymax, s.y1[k]!);
      length += Math.hypot(s.x2[k]! - s.x1[k]!, s.y2[k]! - s.y1[k]!);
    }
    const extent = Math.max(xmax - xmin, ymax - ymin, pad, 1e-300);
    // about one segment per cell, never more than 2²⁴ cells a side
    this.size = Math.max(length / Math.max(s.count, 1), extent / 2 ** 24, 2 * pad);
    this.x0 = xmin - pad;
    this.y0 = ymin - pad;
    this.nx = Math.floor((xmax + pad - this.x0) / this.size) + 1;
    const cellKeys: number[] = [];
    const cellSegments: number[] = [];
    for (let k = 0; k < s.count; k++) {
      const ia = this.ix(Math.min(s.x1[k]!, s.x2[k]!) - pad);
      const ib = this.ix(Math.max(s.x1[k]!, s.x2[k]!) + pad);
      const ja = this.iy(Math.min(s.y1[k]!, s.y2[k]!) - pad);
      const jb = this.iy(Math.max(s.y1[k]!, s.y2[k]!) + pad);
      for (let i = ia; i <= ib; i++) {
        for (let j = ja; j <= jb; j++) {
          cellKeys.push(j * this.nx + i);
          cellSegments.push(k);
        }
      }
    }
    const order = Int32Array.from(cellKeys, (_, e) => e).sort((a, b) => cellKeys[a]! - cellKeys[b]! || a - b);
    const keys: number[] = [];
    const start: number[] = [];
    this.members = new Int32Array(order.length);
    order.forEach((e, r) => {
      if (r === 0 || cellKeys[e] !== keys[keys.length - 1]) {
        keys.push(cellKeys[e]!);
        start.push(r);
      }
      this.members[r] = cellSegments[e]!;
    });
    start.push(order.length);
    this.keys = Float64Array.from(keys);
    this.start = Int32Array.from(start);
  }

  private ix(x: number): number {
    return Math.max(0, Math.floor((x - this.x0) / this.size));
  }

  private iy(y: number): number {
    return Math.max(0, Math.floor((y - this.y0) / this.size));
  }

  /** Index of the occupied cell holding the point (x, y), or −1. */
  cellAt(x: number, y: number): number {
    const key = this.iy(y) * this.nx + this.ix(x);
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = this.keys[mid]!;
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** Distance from (px, py) to the segment k. */
function pointSegmentDistance(s: Segments, k: number, px: number, py: number): number {
  const ax = s.x1[k]!;
  const ay = s.y1[k]!;
  const dx = s.x2[k]! - ax;
  const dy = s.y2[k]! - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Segments a and b lie on one line (within snap) and overlap along it by more than snap. */
function sharesEdge(s: Segments, a: number, b: number, snap: number): boolean {
  const ax = s.x1[a]!;
  const ay = s.y1[a]!;
  const dx = s.x2[a]! - ax;
  const dy = s.y2[a]! - ay;
  const len = Math.hypot(dx, dy);
  if (len <= snap) return false;
  const ux = dx / len;
  const uy = dy / len;
  // signed distances of b's endpoints from a's line, and their positions along it
  const d1 = (s.x1[b]! - ax) * uy - (s.y1[b]! - ay) * ux;
  const d2 = (s.x2[b]! - ax) * uy - (s.y2[b]! - ay) * ux;
  if (Math.abs(d1) > snap || Math.abs(d2) > snap) return false;
  const t1 = (s.x1[b]! - ax) * ux + (s.y1[b]! - ay) * uy;
  const t2 = (s.x2[b]! - ax) * ux + (s.y2[b]! - ay) * uy;
  return Math.min(len, Math.max(t1, t2)) - Math.max(0, Math.min(t1, t2)) > snap;
}

/**
 * Queen or rook contiguity of the features of a GeoJSON FeatureCollection (object or text), as
 * symmetric binary triplets over the features' unit ids in feature order (match them to a panel with
 * matchWeights). Throws INVALID_WEIGHTS naming the feature for a missing or duplicate id and for a
 * missing, non-polygonal or malformed geometry.
 */
export function contiguityWeights(geojson: unknown, options: ContiguityOptions): ContiguityWeights {
  const { ids, segments: s } = readFeatures(geojson, options.idProperty);
  let extent = 0;
  if (s.count > 0) {
    let [xmin, xmax, ymin, ymax] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let k = 0; k < s.count; k++) {
      xmin = Math.min(xmin, s.x1[k]!);
      xmax = Math.max(xmax, s.x1[k]!);
      ymin = Math.min(ymin, s.y1[k]!);
      ymax = Math.max(ymax, s.y1[k]!);
    }
    extent = Math.max(xmax - xmin, ymax - ymin);
  }
  const snap = options.snap ?? 1e-7 * extent;
  if (!(snap >= 0) || !Number.isFinite(snap)) {
    throw invalid(`contiguity: the snap tolerance must be a finite number ≥ 0 (got ${snap})`);
  }
  const grid = new SegmentGrid(s, snap);
  // each unit's neighbours so far (short lists: checked by a linear scan)
  const neighbours: number[][] = ids.map(() => []);
  const isLinked = (a: number, b: number): boolean => neighbours[a]!.includes(b);
  const link = (a: number, b: number): void => {
    neighbours[a]!.push(b);
    neighbours[b]!.push(a);
  };
  const { start, members } = grid;
  if (options.type === 'queen') {
    // each segment's start point is a vertex: test it against the other units' segments in its cell
    for (let k = 0; k < s.count; k++) {
      const a = s.owner[k]!;
      const px = s.x1[k]!;
      const py = s.y1[k]!;
      const c = grid.cellAt(px, py);
      if (c < 0) continue;
      for (let r = start[c]!; r < start[c + 1]!; r++) {
        const m = members[r]!;
        const b = s.owner[m]!;
        if (b !== a && !isLinked(a, b) && pointSegmentDistance(s, m, px, py) <= snap) link(a, b);
      }
    }
  } else {
    for (let c = 0; c + 1 < start.length; c++) {
      for (let p = start[c]!; p < start[c + 1]!; p++) {
        const k = members[p]!;
        const a = s.owner[k]!;
        for (let q = p + 1; q < start[c + 1]!; q++) {
          const m = members[q]!;
          const b = s.owner[m]!;
          if (a !== b && !isLinked(a, b) && (sharesEdge(s, k, m, snap) || sharesEdge(s, m, k, snap))) {
            link(a, b);
          }
        }
      }
    }
  }
  const from: number[] = [];
  const to: number[] = [];
  neighbours.forEach((list, a) => {
    list.sort((x, y) => x - y);
    for (const b of list) {
      from.push(a);
      to.push(b);
    }
  });
  return {
    ids,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    weight: new Float64Array(from.length).fill(1),
    label: `${options.type} contiguity weights`,
    islands: ids.filter((_, i) => neighbours[i]!.length === 0),
  };
}
