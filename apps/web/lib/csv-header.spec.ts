import { describe, expect, it } from 'vitest';
import { guessPanelColumns, parseCsvHeader } from './csv-header';

describe('parseCsvHeader', () => {
  it('reads the first line only', () => {
    expect(parseCsvHeader('state,year,gsp\r\nALABAMA,1970,1\n')).toEqual(['state', 'year', 'gsp']);
  });
  it('handles quotes, doubled quotes and a byte-order mark', () => {
    expect(parseCsvHeader('\uFEFF"unit id","a ""b"", c",z\n1,2,3')).toEqual(['unit id', 'a "b", c', 'z']);
  });
  it('gives no columns for an empty file', () => {
    expect(parseCsvHeader('')).toEqual([]);
  });
});

describe('guessPanelColumns', () => {
  it('recognises common unit and time names', () => {
    expect(guessPanelColumns(['gsp', 'year', 'state'])).toEqual({ unit: 'state', time: 'year' });
    expect(guessPanelColumns(['city', 'Period', 'y'])).toEqual({ unit: 'city', time: 'Period' });
  });
  it('falls back to the first two columns', () => {
    expect(guessPanelColumns(['a', 'b', 'c'])).toEqual({ unit: 'a', time: 'b' });
  });
});
