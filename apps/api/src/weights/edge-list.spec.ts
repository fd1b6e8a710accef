import { parseWeights } from '@spillover/core';
import { describe, expect, it } from 'vitest';
import { edgeListCsv } from './edge-list.js';

describe('edgeListCsv', () => {
  it('writes triplets that core reads back exactly, quoting ids and keeping units without links', () => {
    const weights = {
      ids: ['North, East', 'say "hi"', 'plain', 'alone'],
      from: Int32Array.from([0, 1, 2]),
      to: Int32Array.from([1, 2, 0]),
      weight: Float64Array.from([1 / 3, Math.PI * 1e-9, 2]),
      label: 'test',
    };
    const text = edgeListCsv(weights);
    expect(text.split('\n')[0]).toBe('from,to,weight');
    expect(text).toContain('"North, East","say ""hi""",0.3333333333333333\n');
    expect(text).toContain('alone,alone,0\n');
    const back = parseWeights(text, 'built.csv');
    expect(back.ids).toEqual(['North, East', 'say "hi"', 'plain', 'alone']);
    expect([...back.from]).toEqual([0, 1, 2]);
    expect([...back.to]).toEqual([1, 2, 0]);
    expect([...back.weight]).toEqual([...weights.weight]);
  });
});
