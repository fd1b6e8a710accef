import { describe, expect, it } from 'vitest';
import { SpilloverError } from '@spillover/contracts';
import { createRng } from '../../stats/random.js';
import { contiguityWeights } from './contiguity.js';
import { matchWeights } from './match.js';
import { summariseWeights } from './summary.js';

type Ring = [number, number][];

function square(x: number, y: number, size = 1): Ring {
  return [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
}

function feature(
  id: string | number | undefined,
  coordinates: Ring[] | Ring[][],
  type: 'Polygon' | 'MultiPolygon' = 'Polygon',
) {
  return {
    type: 'Feature',
    properties: id === undefined ? {} : { code: id },
    geometry: { type, coordinates },
  };
}

/** An r × c grid of unit squares with ids "r<row>c<col>", optionally with coordinate noise per feature. */
function grid(rows: number, cols: number, noise = 0, seed = 1) {
  const rng = createRng(seed);
  const features = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const ring = square(c, r).map(
        ([x, y]) => [x + noise * (rng.next() - 0.5), y + noise * (rng.next() - 0.5)] as [number, number],
      );
      ring[4] = ring[0]!;
      features.push(feature(`r${r}c${c}`, [ring]));
    }
  }
  return { type: 'FeatureCollection', features };
}

function degrees(t: ReturnType<typeof contiguityWeights>): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(t.ids.map((id) => [id, 0]));
  for (const a of t.from) out[t.ids[a]!]!++;
  return out;
}

function thrown(fn: () => unknown): SpilloverError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpilloverError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('contiguity weights from GeoJSON polygons', () => {
  it('3 × 3 grid: rook degrees 2/3/4, queen 3/5/8', () => {
    const g = grid(3, 3);
    const rook = degrees(contiguityWeights(g, { idProperty: 'code', type: 'rook' }));
    const queen = degrees(contiguityWeights(g, { idProperty: 'code', type: 'queen' }));
    expect(rook).toEqual({ r0c0: 2, r0c1: 3, r0c2: 2, r1c0: 3, r1c1: 4, r1c2: 3, r2c0: 2, r2c1: 3, r2c2: 2 });
    expect(queen).toEqual({
      r0c0: 3,
      r0c1: 5,
      r0c2: 3,
      r1c0: 5,
      r1c1: 8,
      r1c2: 5,
      r2c0: 3,
      r2c1: 5,
      r2c2: 3,
    });
    const w = contiguityWeights(g, { idProperty: 'code', type: 'rook' });
    const m = matchWeights(w, w.ids, { style: 'none' });
    expect(summariseWeights(m).symmetric).toBe(true);
    expect(m.symmetricRowSums).toBeDefined();
  });

  it('is robust to coordinate noise below the snap tolerance and separates units beyond it', () => {
    const g = grid(3, 3, 1e-9, 7);
    expect(degrees(contiguityWeights(g, { idProperty: 'code', type: 'queen' }))['r1c1']).toBe(8);
    expect(degrees(contiguityWeights(g, { idProperty: 'code', type: 'rook' }))['r1c1']).toBe(4);
    // two squares 0.01 apart touch only with a tolerance that large
    const apart = {
      type: 'FeatureCollection',
      features: [feature('a', [square(0, 0)]), feature('b', [square(1.01, 0)])],
    };
    expect(contiguityWeights(apart, { idProperty: 'code', type: 'rook' }).islands).toEqual(['a', 'b']);
    expect(contiguityWeights(apart, { idProperty: 'code', type: 'rook', snap: 0.02 }).from.length).toBe(2);
  });

  it('finds T-junctions, MultiPolygon parts and holes, and reports islands', () => {
    const features = [
      // a 2 × 1 rectangle below two unit squares: vertex (1, 1) of the squares lies inside its top edge
      feature('wide', [
        [
          [0, 0],
          [2, 0],
          [2, 1],
          [0, 1],
          [0, 0],
        ],
      ]),
      feature('left', [square(0, 1)]),
      feature('right', [square(1, 1)]),
      // a MultiPolygon whose second part touches "right" only at its corner (2, 2)
      feature('multi', [[square(10, 10)], [square(2, 2)]], 'MultiPolygon'),
      // a ring with a hole holding the unit "inner"
      feature('donut', [
        square(20, 0, 3),
        [
          [21, 1],
          [21, 2],
          [22, 2],
          [22, 1],
          [21, 1],
        ],
      ]),
      feature('inner', [square(21, 1)]),
      feature(7, [square(50, 50)]),
    ];
    const geo = JSON.stringify({ type: 'FeatureCollection', features });
    const rook = contiguityWeights(geo, { idProperty: 'code', type: 'rook' });
    const queen = contiguityWeights(geo, { idProperty: 'code', type: 'queen' });
    expect(degrees(rook)).toEqual({ wide: 2, left: 2, right: 2, multi: 0, donut: 1, inner: 1, '7': 0 });
    expect(degrees(queen)).toEqual({ wide: 2, left: 2, right: 3, multi: 1, donut: 1, inner: 1, '7': 0 });
    expect(rook.islands).toEqual(['multi', '7']);
    expect(queen.islands).toEqual(['7']);
    expect(queen.label).toBe('queen contiguity weights');
  });

  it('names the feature for a missing or duplicate id and invalid geometry', () => {
    const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
    const opts = { idProperty: 'code', type: 'queen' as const };
    expect(
      thrown(() =>
        contiguityWeights(collection(feature('a', [square(0, 0)]), feature(undefined, [square(1, 0)])), opts),
      ).message,
    ).toMatch(/feature 1: property "code" \(the unit id\) is missing/);
    const dup = thrown(() =>
      contiguityWeights(collection(feature('a', [square(0, 0)]), feature('a', [square(1, 0)])), opts),
    );
    expect(dup.code).toBe('INVALID_WEIGHTS');
    expect(dup.message).toMatch(/feature 1 \(id a\): unit id a was already used by feature 0/);
    const point = {
      type: 'Feature',
      properties: { code: 'p' },
      geometry: { type: 'Point', coordinates: [0, 0] },
    };
    expect(thrown(() => contiguityWeights(collection(point), opts)).message).toMatch(
      /feature 0 \(id p\): geometry type Point is not Polygon/,
    );
    const nan = feature('z', [
      [
        [0, 0],
        [1, 0],
        [1, Number.NaN],
        [0, 0],
      ],
    ]);
    expect(thrown(() => contiguityWeights(collection(nan), opts)).message).toMatch(
      /feature 0 \(id z\), ring 0, position 2: coordinates must be two finite numbers/,
    );
    const flat = feature('f', [
      [
        [0, 0],
        [1, 0],
        [0, 0],
      ],
    ]);
    expect(thrown(() => contiguityWeights(collection(flat), opts)).message).toMatch(
      /feature 0 \(id f\), ring 0: a ring needs at least 3 distinct positions/,
    );
    const noGeometry = { type: 'Feature', properties: { code: 'g' }, geometry: null };
    expect(thrown(() => contiguityWeights(collection(noGeometry), opts)).message).toMatch(
      /feature 0 \(id g\): geometry is missing/,
    );
    expect(thrown(() => contiguityWeights('{"type":', opts)).message).toMatch(/not valid JSON/);
  });

  it('scales to a 120 × 120 grid (14,400 polygons) through the grid index', () => {
    const g = grid(120, 120, 1e-9, 3);
    const started = performance.now();
    const queen = contiguityWeights(g, { idProperty: 'code', type: 'queen' });
    const rook = contiguityWeights(g, { idProperty: 'code', type: 'rook' });
    const elapsed = performance.now() - started;
    // rook links: 2·(2·120·119); queen adds 2·(2·119²) diagonals
    expect(rook.from.length).toBe(2 * 2 * 120 * 119);
    expect(queen.from.length).toBe(2 * 2 * 120 * 119 + 2 * 2 * 119 * 119);
    // about 0.3 s on an idle machine; all pairs of vertices would be ~10¹⁰ distance tests
    expect(elapsed).toBeLessThan(20_000);
  });
});
