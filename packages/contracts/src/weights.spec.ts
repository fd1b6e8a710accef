import { describe, expect, it } from 'vitest';
import { weightsFileName } from './weights.js';

describe('weightsFileName', () => {
  it('keeps a name whose extension fits the format and adds one otherwise', () => {
    expect(weightsFileName('W.csv', 'matrix')).toBe('W.csv');
    expect(weightsFileName('queen.GAL', 'gal')).toBe('queen.GAL');
    expect(weightsFileName('knn5', 'edges')).toBe('knn5.csv');
    expect(weightsFileName('contiguity.txt', 'gwt')).toBe('contiguity.txt.gwt');
  });
});
