import { describe, expect, it } from 'vitest';
import { WeightsSpec } from './weights-spec.js';
import { weightsFileName } from './weights.js';

describe('weightsFileName', () => {
  it('keeps a name whose extension fits the format and adds one otherwise', () => {
    expect(weightsFileName('W.csv', 'matrix')).toBe('W.csv');
    expect(weightsFileName('queen.GAL', 'gal')).toBe('queen.GAL');
    expect(weightsFileName('knn5', 'edges')).toBe('knn5.csv');
    expect(weightsFileName('contiguity.txt', 'gwt')).toBe('contiguity.txt.gwt');
  });
});

describe('WeightsSpec', () => {
  it('refuses file options next to a stored weights id, naming the field', () => {
    const result = WeightsSpec.safeParse({ id: 'w-1', contiguity: 'queen' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['contiguity']);
    expect(WeightsSpec.safeParse({ id: 'w-1', style: 'row' }).success).toBe(true);
    expect(WeightsSpec.safeParse({ path: 'map.geojson', contiguity: 'rook' }).success).toBe(true);
  });
});
