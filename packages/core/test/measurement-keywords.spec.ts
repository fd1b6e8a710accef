/** Keyword counts: leftmost-longest, whole Latin words, mixed scripts, edits of the dictionary. */
import { describe, expect, it } from 'vitest';
import { SpilloverError, type KeywordCountResult } from '@spillover/contracts';
import {
  compileDictionary,
  countKeywords,
  countNonWhitespace,
  defaultDigitalDictionary,
  editDictionary,
  parseAnalysisSpec,
  runAnalysis,
} from '../src/index.js';

function counts(text: string, terms: readonly string[] = defaultDigitalDictionary): Record<string, number> {
  const matcher = compileDictionary(terms);
  const result = countKeywords(text, matcher);
  return Object.fromEntries(
    matcher.terms.map((t, j) => [t, result.termCounts[j]!]).filter(([, c]) => (c as number) > 0),
  );
}

describe('keyword counting', () => {
  it('the longest term wins and matches do not overlap', () => {
    expect(counts('发展工业互联网和互联网+政务服务，推进互联网+行动与互联网普及')).toEqual({
      工业互联网: 1,
      '互联网+政务服务': 1,
      '互联网+': 1,
      互联网: 1,
    });
    expect(counts('数字经济数字化数字政府')).toEqual({ 数字经济: 1, 数字化: 1, 数字政府: 1 });
    expect(counts('aaaa', ['aa', 'a'])).toEqual({});
    expect(counts('大大大', ['大大'])).toEqual({ 大大: 1 });
  });

  it('Latin terms: case-insensitive, whole words, CJK neighbours are boundaries, full-width forms normalised', () => {
    expect(counts('Big Data and BIG DATA; bigdata; big databases')).toEqual({ 'big data': 2 });
    expect(counts('推进5G网络、15G不算、５Ｇ基站')).toEqual({ '5G': 2 });
    expect(counts('E-Government portals; e-governments; smart cities and a smart city')).toEqual({
      'e-government': 1,
      'smart cities': 1,
      'smart city': 1,
    });
    expect(counts('大数据big data平台 Internet of Things物联网')).toEqual({
      大数据: 1,
      'big data': 1,
      'internet of things': 1,
      物联网: 1,
    });
  });

  it('characters are non-whitespace code points; frequency per 10,000; ln(1 + count)', () => {
    expect(countNonWhitespace(' 大 数据\n\tab 𠀀 ')).toBe(6);
    const result = countKeywords('大数据 云计算', compileDictionary(defaultDigitalDictionary));
    expect(result.count).toBe(2);
    expect(result.characters).toBe(6);
    expect(result.frequency).toBeCloseTo((2 / 6) * 10_000, 10);
    expect(result.lnCount).toBeCloseTo(Math.log(3), 15);
    expect(countKeywords('   ', compileDictionary(['x'])).frequency).toBe(0);
  });

  it('dictionary edits: replace, add, remove (normalised), duplicates kept once', () => {
    expect(editDictionary({ terms: ['A', 'b'], add: ['c', 'a'], remove: ['B'] })).toEqual(['A', 'c', 'a']);
    expect(compileDictionary(['A', 'c', 'a']).terms).toEqual(['A', 'c']);
    expect(editDictionary(undefined)).toContain('工业互联网');
  });
});

describe('keyword-count analysis', () => {
  const csv = [
    'city,year,report',
    'B,2021,"推进数字政府建设, e-government"',
    'A,2021,大数据与云计算',
    'A,2020,',
    'B,2020,Smart City',
  ].join('\n');

  function run(fields: Record<string, unknown> = {}): KeywordCountResult {
    return runAnalysis(
      parseAnalysisSpec({ kind: 'keyword-count', unit: 'city', time: 'year', text: 'report', ...fields }),
      {
        panelCsv: csv,
      },
    ) as KeywordCountResult;
  }

  it('counts each unit-period text in panel order with per-term counts and totals', () => {
    const r = run();
    expect(r.texts.map((t) => [t.unit, t.time, t.count])).toEqual([
      ['B', 2020, 1],
      ['B', 2021, 2],
      ['A', 2020, 0],
      ['A', 2021, 2],
    ]);
    expect(r.texts[1]!.terms['数字政府']).toBe(1);
    expect(r.texts[1]!.characters).toBe(21);
    expect(r.totals['smart city']).toBe(1);
    expect(r.warnings).toEqual(['1 empty text(s): A 2020']);
  });

  it('an edited dictionary; an unknown text column is named', () => {
    const r = run({ dictionary: { terms: ['建设'], add: ['smart'] } });
    expect(r.dictionary).toEqual(['建设', 'smart']);
    expect(r.texts.map((t) => t.count)).toEqual([1, 1, 0, 0]);
    const error = (() => {
      try {
        run({ text: 'body' });
      } catch (e) {
        return e as SpilloverError;
      }
    })()!;
    expect(error.code).toBe('UNKNOWN_COLUMN');
    expect(error.message).toBe(
      'text: column "body" is not in the panel; available columns: city, year, report',
    );
  });
});
