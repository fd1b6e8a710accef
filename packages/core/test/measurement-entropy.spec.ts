/**
 * Entropy-weight index beyond the fixture: analytic weights and TOPSIS closeness, per-period and
 * global weighting, and every error case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpilloverError, type EntropyIndexResult } from '@spillover/contracts';
import {
  entropyWeights,
  minMaxNormalise,
  parseAnalysisSpec,
  runAnalysis,
  topsisCloseness,
  weightedSum,
} from '../src/index.js';
import { fixtureDirectory, readCases } from './fixture-compare.js';

const fixture = readCases('entropy')[0]!;
const panelCsv = readFileSync(join(fixtureDirectory('entropy'), 'panel.csv'), 'utf8');

function run(fields: Record<string, unknown> = {}, csv = panelCsv): EntropyIndexResult {
  const spec = parseAnalysisSpec({ ...fixture.spec, data: undefined, ...fields });
  return runAnalysis(spec, { panelCsv: csv }) as EntropyIndexResult;
}

function errorOf(action: () => unknown): SpilloverError {
  try {
    action();
  } catch (error) {
    if (error instanceof SpilloverError) return error;
    throw error;
  }
  throw new Error('expected a SpilloverError');
}

describe('entropy weights (analytic)', () => {
  it('two observations: a 0/1 indicator has entropy 0, (0.5, 1) has the binary entropy of (1/3, 2/3)', () => {
    const fit = entropyWeights([Float64Array.of(0, 1), Float64Array.of(0.5, 1)]);
    const e2 = -((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3)) / Math.log(2);
    expect(fit.entropy[0]).toBe(0);
    expect(fit.entropy[1]).toBeCloseTo(e2, 15);
    expect(fit.weights[0]).toBeCloseTo(1 / (1 + 1 - e2), 15);
    expect(fit.weights[1]).toBeCloseTo((1 - e2) / (2 - e2), 15);
  });

  it('min-max normalisation follows the direction; zero variance names the indicator', () => {
    expect([...minMaxNormalise(Float64Array.of(2, 4, 6), true, 'x')]).toEqual([0, 0.5, 1]);
    expect([...minMaxNormalise(Float64Array.of(2, 4, 6), false, 'x')]).toEqual([1, 0.5, 0]);
    const error = errorOf(() => minMaxNormalise(Float64Array.of(3, 3), true, 'indicators[1] "flat"'));
    expect(error.code).toBe('INSUFFICIENT_DATA');
    expect(error.message).toBe(
      'indicators[1] "flat" has zero variance (every value is 3): it cannot be weighed',
    );
  });

  it('TOPSIS closeness of a hand-computed example', () => {
    const z = [Float64Array.of(0, 0.5, 1), Float64Array.of(1, 0, 0.5)];
    const c = topsisCloseness(z, [0.6, 0.4]);
    expect(c[0]).toBeCloseTo(0.4, 14);
    expect(c[1]).toBeCloseTo(0.375, 14);
    expect(c[2]).toBeCloseTo(Math.sqrt(0.4) / (0.2 + Math.sqrt(0.4)), 14);
    expect([...weightedSum(z, [0.6, 0.4])].map((v) => +v.toFixed(12))).toEqual([0.4, 0.3, 0.8]);
  });
});

describe('entropy-index analysis', () => {
  it('per-period weights equal the pooled method run on each year alone', () => {
    const result = run({ weighting: 'per-period' });
    expect(result.byPeriod).toHaveLength(5);
    const lines = panelCsv.trim().split('\n');
    for (const period of result.byPeriod!) {
      const year = lines.filter((line, i) => i === 0 || line.split(',')[1] === String(period.time));
      const alone = run({}, `${year.join('\n')}\n`);
      expect(period.nobs).toBe(30);
      for (const [name, w] of Object.entries(alone.weights)) expect(period.weights[name]).toBeCloseTo(w, 14);
      const scores = result.scores.filter((s) => s.time === period.time);
      alone.scores.forEach((s, i) => expect(scores[i]!.score).toBeCloseTo(s.score, 14));
    }
    // top-level weights are the mean over the periods
    const mean = result.byPeriod!.reduce((sum, p) => sum + p.weights.gdp_pc!, 0) / 5;
    expect(result.weights.gdp_pc).toBeCloseTo(mean, 15);
    expect(Object.values(result.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it('global weighting shifts the normalised values by 0.0001 before the entropy and the scores', () => {
    const result = run({ weighting: 'global' });
    const pooled = run();
    const spec = fixture.spec as { indicators: { column: string; direction: string }[] };
    const lines = panelCsv.trim().split('\n');
    const header = lines[0]!.split(',');
    const z = spec.indicators.map((indicator) => {
      const c = header.indexOf(indicator.column);
      const x = Float64Array.from(lines.slice(1), (line) => Number(line.split(',')[c]));
      return minMaxNormalise(x, indicator.direction === '+', indicator.column, 1e-4);
    });
    const fit = entropyWeights(z);
    spec.indicators.forEach((indicator, j) =>
      expect(result.weights[indicator.column]).toBeCloseTo(fit.weights[j]!, 15),
    );
    expect(result.weights.gdp_pc).not.toBeCloseTo(pooled.weights.gdp_pc!, 6);
    const first = weightedSum(z, fit.weights)[0]!;
    expect(result.scores[0]!.score).toBeCloseTo(first, 15);
  });

  it('topsis scores lie in [0, 1] and rank like a hand computation on the fixture weights', () => {
    const result = run({ method: 'topsis' });
    const pooled = run();
    expect(result.weights).toEqual(pooled.weights);
    for (const s of result.scores) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1);
      for (const g of Object.values(s.groups)) expect(g).toBeGreaterThanOrEqual(0);
    }
    // with z in [0, 1] over the pooled sample the ideal is w and the anti-ideal 0
    const spec = fixture.spec as { indicators: { column: string; direction: string }[] };
    const lines = panelCsv.trim().split('\n');
    const header = lines[0]!.split(',');
    const z = spec.indicators.map((indicator) => {
      const c = header.indexOf(indicator.column);
      return minMaxNormalise(
        Float64Array.from(lines.slice(1), (line) => Number(line.split(',')[c])),
        indicator.direction === '+',
        indicator.column,
      );
    });
    const w = spec.indicators.map((i) => pooled.weights[i.column]!);
    const plus = Math.sqrt(z.reduce((s, col, j) => s + (w[j]! * (col[0]! - 1)) ** 2, 0));
    const minus = Math.sqrt(z.reduce((s, col, j) => s + (w[j]! * col[0]!) ** 2, 0));
    expect(result.scores[0]!.score).toBeCloseTo(minus / (plus + minus), 14);
  });

  it('scores come in (unit, time) order, units by first appearance, whatever the row order', () => {
    const [header, ...rows] = panelCsv.trim().split('\n');
    const reversed = `${[header, ...rows.reverse()].join('\n')}\n`;
    const a = run();
    const b = run({}, reversed);
    expect(b.scores.slice(0, 2).map((s) => `${s.unit}/${s.time}`)).toEqual(['city30/2019', 'city30/2020']);
    const byKey = new Map(a.scores.map((s) => [`${s.unit}/${s.time}`, s.score]));
    for (const s of b.scores) expect(s.score).toBeCloseTo(byKey.get(`${s.unit}/${s.time}`)!, 13);
  });

  it('a zero-variance indicator is named (and in per-period mode, with its period)', () => {
    const flat = panelCsv
      .replace(/^(.*)$/m, '$1,flat')
      .replace(/\n(?=.)/g, '\n')
      .split('\n')
      .map((line, i) => (i === 0 || line === '' ? line : `${line},7`))
      .join('\n');
    const indicators = [
      ...(fixture.spec as { indicators: object[] }).indicators,
      { column: 'flat', direction: '+', group: 'social' },
    ];
    const error = errorOf(() => run({ indicators }, flat));
    expect(error.code).toBe('INSUFFICIENT_DATA');
    expect(error.message).toBe(
      'indicators[8] "flat" has zero variance (every value is 7): it cannot be weighed',
    );
    const perPeriod = errorOf(() => run({ indicators, weighting: 'per-period' }, flat));
    expect(perPeriod.message).toContain('indicators[8] "flat" in period 2019 has zero variance');
  });

  it('a missing cell is an error naming indicator, unit, period and line, unless listwise', () => {
    const holed = panelCsv.replace('city01,2020,40632,5.07', 'city01,2020,40632,NA');
    const error = errorOf(() => run({}, holed));
    expect(error.code).toBe('INSUFFICIENT_DATA');
    expect(error.message).toBe(
      'indicators[1] "digital_share" is missing for unit "city01" in period 2020 (line 3); fill it or set "missing": "listwise"',
    );
    const listwise = run({ missing: 'listwise' }, holed);
    expect(listwise.nobs).toBe(149);
    expect(listwise.droppedRows).toBe(1);
    expect(listwise.scores.some((s) => s.unit === 'city01' && s.time === 2020)).toBe(false);
  });

  it('unknown, text and duplicate indicator columns, empty groups and a single indicator are refused', () => {
    const indicators = (fixture.spec as { indicators: { column: string }[] }).indicators;
    const unknown = errorOf(() =>
      run({ indicators: [...indicators, { column: 'nope', direction: '+', group: 'x' }] }),
    );
    expect(unknown.code).toBe('UNKNOWN_COLUMN');
    expect(unknown.message).toMatch(/^indicators\[8\]\.column: column "nope" is not in the panel/);

    const text = errorOf(() => run({}, panelCsv.replace('city01,2019,39055', 'city01,2019,lots')));
    expect(text.code).toBe('NON_NUMERIC_CELL');
    expect(text.message).toBe('indicators[0].column: column "gdp_pc" is not numeric: line 2 holds "lots"');

    const duplicate = errorOf(() => run({ indicators: [...indicators, indicators[0]] }));
    expect(duplicate.code).toBe('INVALID_SPEC');
    expect(duplicate.message).toBe('indicators[8].column: indicator "gdp_pc" is already indicators[0]');

    const emptyGroup = errorOf(() => run({ indicators: [{ ...indicators[0], group: '' }, indicators[1]] }));
    expect(emptyGroup.code).toBe('INVALID_SPEC');
    expect(emptyGroup.message).toBe('indicators[0].group: a group name cannot be empty');

    const single = errorOf(() => run({ indicators: [indicators[0]] }));
    expect(single.message).toBe('indicators: indicators needs at least two indicators');
  });
});
