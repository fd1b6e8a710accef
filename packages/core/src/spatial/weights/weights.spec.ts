import { describe, expect, it } from 'vitest';
import { SpilloverError } from '@spillover/contracts';
import { matchWeights } from './match.js';
import { parseEdgeListCsv, parseGal, parseGwt, parseMatrixCsv, parseWeights } from './parse.js';
import { knnWeights, inverseDistanceWeights } from './build.js';
import { summariseWeights } from './summary.js';
import { denseWeights } from './types.js';

function thrown(fn: () => unknown): SpilloverError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpilloverError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

const matrix = 'id,A,B,C\nA,0,1,1\nB,1,0,0\nC,1,0,0\n';

describe('weights files', () => {
  it('reads a labelled matrix and matches it by id, not position', () => {
    const w = matchWeights(parseMatrixCsv(matrix), ['C', 'A', 'B'], { style: 'row' });
    // row A (now index 1) has neighbours B and C with 1/2 each
    const d = denseWeights(w);
    expect(Array.from(d.subarray(3, 6))).toEqual([0.5, 0, 0.5]);
    expect(Array.from(d.subarray(0, 3))).toEqual([0, 1, 0]);
    expect(w.symmetricRowSums).toBeDefined();
  });

  it('names units in the panel but not in W and vice versa', () => {
    const e = thrown(() => matchWeights(parseMatrixCsv(matrix), ['A', 'B', 'D']));
    expect(e.code).toBe('INVALID_WEIGHTS');
    expect(e.message).toContain('in the panel but not in weights matrix: D');
    expect(e.message).toContain('but not in the panel: C');
  });

  it('rejects a non-square matrix, a non-zero diagonal, negative weights and islands', () => {
    expect(thrown(() => parseMatrixCsv('id,A,B\nA,0,1\n')).message).toContain('not square');
    expect(
      thrown(() => matchWeights(parseMatrixCsv('id,A,B\nA,1,1\nB,1,0\n'), ['A', 'B'])).message,
    ).toContain('diagonal must be zero');
    const neg = thrown(() => matchWeights(parseMatrixCsv('id,A,B\nA,0,-1\nB,1,0\n'), ['A', 'B']));
    expect(neg.message).toContain('A → B');
    const island = thrown(() =>
      matchWeights(parseMatrixCsv('id,A,B,C\nA,0,1,0\nB,1,0,0\nC,0,0,0\n'), ['A', 'B', 'C']),
    );
    expect(island.message).toContain('islands): C');
    const kept = matchWeights(parseMatrixCsv('id,A,B,C\nA,0,1,0\nB,1,0,0\nC,0,0,0\n'), ['A', 'B', 'C'], {
      allowIslands: true,
    });
    expect(summariseWeights(kept).islands).toEqual(['C']);
  });

  it('reports a non-numeric cell with its line and column', () => {
    const e = thrown(() => parseMatrixCsv('id,A,B\nA,0,x\nB,1,0\n'));
    expect(e.message).toContain('line 2, column "B"');
  });

  it('reads edge lists, GAL and GWT to the same matrix', () => {
    const units = ['A', 'B', 'C'];
    const fromMatrix = denseWeights(matchWeights(parseMatrixCsv(matrix), units));
    const fromEdges = denseWeights(
      matchWeights(parseEdgeListCsv('from,to,weight\nA,B,1\nA,C,1\nB,A,1\nC,A,1\n'), units),
    );
    const fromGal = denseWeights(matchWeights(parseGal('0 3 shp id\nA 2\nB C\nB 1\nA\nC 1\nA\n'), units));
    const fromGwt = denseWeights(matchWeights(parseGwt('0 3 shp id\nA B 1\nA C 1\nB A 1\nC A 1\n'), units));
    expect(fromEdges).toEqual(fromMatrix);
    expect(fromGal).toEqual(fromMatrix);
    expect(fromGwt).toEqual(fromMatrix);
    expect(
      denseWeights(matchWeights(parseWeights('0 3\nA 2\nB C\nB 1\nA\nC 1\nA\n', 'w.gal'), units)),
    ).toEqual(fromMatrix);
  });

  it('builds k-nearest-neighbour and inverse-distance weights', () => {
    const c = { ids: ['a', 'b', 'c', 'd'], x: [0, 1, 3, 6], y: [0, 0, 0, 0] };
    const knn = denseWeights(matchWeights(knnWeights(c, 1), c.ids, { style: 'none' }));
    expect(Array.from(knn)).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    const inv = matchWeights(inverseDistanceWeights(c, { power: 2, cutoff: 2 }), c.ids, {
      style: 'none',
      allowIslands: true,
    });
    expect(denseWeights(inv)[1]).toBe(1);
    expect(denseWeights(inv)[6]).toBe(0.25);
    const s = summariseWeights(matchWeights(knnWeights(c, 2), c.ids));
    expect(s.neighbours).toEqual({ min: 2, mean: 2, max: 2 });
    expect(s.symmetric).toBe(false);
  });
});
