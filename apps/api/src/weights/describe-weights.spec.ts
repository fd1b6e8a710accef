import { describe, expect, it } from 'vitest';
import { describeWeights } from './describe-weights.js';

const ring = ['id,a,b,c', 'a,0,1,1', 'b,1,0,1', 'c,1,1,0'].join('\n');

describe('describeWeights', () => {
  it('summarises a labelled matrix as given', () => {
    expect(describeWeights(ring, 'ring.csv')).toEqual({
      format: 'matrix',
      fileName: 'ring.csv',
      unitIds: ['a', 'b', 'c'],
      summary: {
        n: 3,
        links: 6,
        neighbours: { min: 2, mean: 2, max: 2 },
        connectivityPercent: 100,
        symmetric: true,
        islands: [],
      },
    });
  });

  it('reports islands and asymmetry without refusing them', () => {
    const text = 'from,to,weight\na,b,1\nb,c,2\nd,d,0\n';
    const { format, unitIds, summary } = describeWeights(text, 'chain');
    expect([format, unitIds]).toEqual(['edges', ['a', 'b', 'c', 'd']]);
    expect(summary).toMatchObject({ links: 2, symmetric: false, islands: ['c', 'd'] });
  });

  it('parses GAL text under a name without extension when the format is given', () => {
    const gal = '3\na 2\nb c\nb 1\na\nc 1\na\n';
    expect(describeWeights(gal, 'contiguity', 'gal')).toMatchObject({
      format: 'gal',
      fileName: 'contiguity.gal',
      summary: { links: 4, symmetric: true },
    });
  });

  it('refuses a format that does not match the text', () => {
    expect(() => describeWeights(ring, 'ring.csv', 'edges')).toThrow(
      'reads as a labelled matrix, not an edge list',
    );
  });

  it.each([
    [
      'a non-zero diagonal',
      ring.replace('a,0,1,1', 'a,2,1,1'),
      'INVALID_WEIGHTS',
      /diagonal must be zero .*: a/,
    ],
    ['a negative weight', ring.replace('b,1,0,1', 'b,1,0,-1'), 'INVALID_WEIGHTS', /weight b → c is -1/],
    [
      'a non-square matrix',
      'id,a,b,c\na,0,1,1\nb,1,0,1',
      'INVALID_WEIGHTS',
      /not square: 3 columns .* 2 rows/,
    ],
    ['a row label not among the columns', 'id,a,b\na,0,1\nz,1,0', 'INVALID_WEIGHTS', /line 3: row label "z"/],
    ['a short row', 'id,a,b\na,0,1\nb,1', 'MALFORMED_CSV', /line 3: 2 fields, but the header has 3/],
  ])('refuses %s naming the units or rows', (_, text, code, message) => {
    expect(() => describeWeights(text, 'W.csv')).toThrow(message);
    expect(() => describeWeights(text, 'W.csv')).toThrow(expect.objectContaining({ code }));
  });
});
