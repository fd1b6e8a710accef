/**
 * The demo generator: determinism, shape, the documented DGP, the agglomeration mapping and the texts'
 * keyword counts under core's matching rules.
 */
import { describe, expect, it } from 'vitest';
import { compileDictionary, countKeywords, defaultDigitalDictionary, parsePanelCsv } from '@spillover/core';
import {
  agglomerations,
  defaultParameters,
  digitalTerms,
  generateDemo,
  indicators,
  namedMembers,
  parseCities,
  selectCities,
} from '../src/index.js';
import { cityListCsv } from './helpers.js';

describe('generateDemo', () => {
  const small = generateDemo(cityListCsv, { seed: 7, cities: 30 });

  it('gives byte-identical files for the same seed and different ones for another seed', () => {
    const again = generateDemo(cityListCsv, { seed: 7, cities: 30 });
    expect(again.panelCsv).toBe(small.panelCsv);
    expect(again.textsCsv).toBe(small.textsCsv);
    expect(again.weights).toEqual(small.weights);
    expect(JSON.stringify(again.dgp)).toBe(JSON.stringify(small.dgp));
    expect(again.readme).toBe(small.readme);
    const other = generateDemo(cityListCsv, { seed: 8, cities: 30 });
    expect(other.panelCsv).not.toBe(small.panelCsv);
    expect(other.textsCsv).not.toBe(small.textsCsv);
  });

  it('writes one row per observed city-year with the documented columns', () => {
    const panel = parsePanelCsv(small.panelCsv, 'code', 'year');
    expect(panel.units).toHaveLength(30);
    expect(panel.times).toEqual(Array.from({ length: 23 }, (_, k) => 2001 + k));
    expect(panel.nrows).toBe(small.dgp.rows);
    for (const column of [
      ...indicators.map((d) => d.column),
      'digital_emp',
      'total_emp',
      'patents_per10k',
      'ind_upgrade',
      'ln_popden',
      'fiscal_share',
      'fdi_share',
      'fin_dev',
      'engagement_latent',
      'resilience_latent',
    ]) {
      expect(panel.columns.has(column), column).toBe(true);
    }
    const texts = parsePanelCsv(small.textsCsv, 'code', 'year');
    expect(texts.nrows).toBe(panel.nrows);
    expect(small.weights.knn.split('\n')[0]).toBe('from,to,weight');
    expect(small.weights.knn.trim().split('\n')).toHaveLength(1 + 30 * defaultParameters.k);
  });

  it('is unbalanced (莱芜 until 2018, 儋州 from 2015) with a few missing indicator cells, unless complete', () => {
    const all = generateDemo(cityListCsv, { seed: 1 });
    const panel = parsePanelCsv(all.panelCsv, 'code', 'year');
    expect(panel.units).toHaveLength(337);
    expect(panel.units).not.toContain('460300');
    const yearsOf = (code: string) =>
      Array.from(panel.timeIndex)
        .filter((_, r) => panel.units[panel.unitIndex[r]!] === code)
        .map((t) => panel.times[t]);
    expect(yearsOf('371200').at(-1)).toBe(2018);
    expect(yearsOf('460400')[0]).toBe(2015);
    expect(panel.nrows).toBe(337 * 23 - 5 - 14);
    expect(all.dgp.missingCells.length).toBeGreaterThan(0);
    const rowOf = new Map(
      Array.from({ length: panel.nrows }, (_, r) => [
        `${panel.units[panel.unitIndex[r]!]} ${panel.times[panel.timeIndex[r]!]}`,
        r,
      ]),
    );
    for (const cell of all.dgp.missingCells) {
      expect(Number.isNaN(panel.columns.get(cell.column)![rowOf.get(`${cell.code} ${cell.year}`)!]!)).toBe(
        true,
      );
    }
    const complete = generateDemo(cityListCsv, { seed: 1, cities: 40, complete: true });
    expect(complete.dgp.missingCells).toEqual([]);
    expect(complete.dgp.rows).toBe(40 * 23);
  }, 60_000);

  it('documents its parameters and the values they imply', () => {
    const { dgp } = small;
    expect(dgp.simulated).toBe(true);
    expect(dgp.parameters).toEqual(defaultParameters);
    const p = defaultParameters;
    expect(dgp.implied.reducedForm.lq).toBeCloseTo(p.beta + p.a1 * p.b1 + p.a2 * p.b2, 12);
    // with a row-standardised W the short-run total effect is (β + θ)/(1 − ρ)
    expect(dgp.implied.impacts.shortRun.total).toBeCloseTo(
      (dgp.implied.reducedForm.lq! + p.theta) / (1 - p.rho),
      10,
    );
    expect(dgp.implied.impacts.longRun.total).toBeCloseTo(
      (dgp.implied.reducedForm.lq! + p.theta) / (1 - p.tau - p.rho - p.eta),
      10,
    );
    expect(dgp.implied.heterogeneity.engagementHigh).toBeGreaterThan(dgp.implied.heterogeneity.engagementLow);
    expect(dgp.implied.heterogeneity.insideAgglomeration).toBeGreaterThan(
      dgp.implied.heterogeneity.outsideAgglomeration,
    );
    expect(small.readme).toMatch(/SIMULATED/);
    expect(small.readme).toMatch(/CC BY 4\.0/);
  });

  it('takes parameter overrides', () => {
    const d = generateDemo(cityListCsv, { seed: 7, cities: 30, parameters: { tau: 0, eta: 0 } });
    expect(d.dgp.parameters.tau).toBe(0);
    expect(d.dgp.parameters.rho).toBe(defaultParameters.rho);
    expect(d.panelCsv).not.toBe(small.panelCsv);
  });

  it("writes texts whose dictionary counts (core's rules) are the digital sentences, rising with engagement", () => {
    const matcher = compileDictionary([...defaultDigitalDictionary]);
    const panel = parsePanelCsv(small.panelCsv, 'code', 'year');
    const engagement = panel.columns.get('engagement_latent')!;
    const lines = small.textsCsv.trim().split('\n').slice(1);
    const counts = lines.map((line) => {
      const text = line.split(',').slice(2).join(',');
      const naive = digitalTerms.reduce((n, term) => n + text.split(term).length - 1, 0);
      const counted = countKeywords(text, matcher).count;
      expect(counted).toBe(naive);
      return counted;
    });
    // rank correlation between engagement and the counts
    const rank = (v: number[]) => {
      const order = v.map((x, k) => [x, k] as const).sort((a, b) => a[0] - b[0]);
      const r = new Array<number>(v.length);
      order.forEach(([, k], i) => (r[k] = i));
      return r;
    };
    const a = rank(Array.from(engagement));
    const b = rank(counts);
    const mean = (a.length - 1) / 2;
    const cov = a.reduce((s, x, k) => s + (x - mean) * (b[k]! - mean), 0);
    const va = a.reduce((s, x) => s + (x - mean) ** 2, 0);
    expect(cov / va).toBeGreaterThan(0.5);
  });
});

describe('cities and agglomerations', () => {
  const cities = parseCities(cityListCsv);

  it('has 19 agglomerations whose named members are all in the city list', () => {
    expect(agglomerations).toHaveLength(19);
    const names = new Set(cities.map((c) => `${c.province}/${c.name}`));
    for (const m of namedMembers()) {
      expect(names.has(`${m.province}/${m.name}`), `${m.agglomeration}: ${m.province} ${m.name}`).toBe(true);
    }
    const ids = new Set(cities.map((c) => c.agglomeration).filter((a) => a !== ''));
    expect(ids.size).toBe(19);
  });

  it('assigns regions and corrects the duplicated 鞍山 point', () => {
    expect(cities.find((c) => c.name === '北京市')!.region).toBe('east');
    expect(cities.find((c) => c.name === '武汉市')!.region).toBe('central');
    expect(cities.find((c) => c.name === '成都市')!.region).toBe('west');
    const anshan = cities.find((c) => c.code === '210300')!;
    const maanshan = cities.find((c) => c.code === '340500')!;
    expect(anshan.lat).toBeGreaterThan(40);
    expect([anshan.lon, anshan.lat]).not.toEqual([maanshan.lon, maanshan.lat]);
  });

  it('selects evenly spaced cities and refuses too few', () => {
    expect(selectCities(cities)).toHaveLength(337);
    const some = selectCities(cities, 50);
    expect(some).toHaveLength(50);
    expect(new Set(some.map((c) => c.province)).size).toBeGreaterThan(20);
    expect(() => selectCities(cities, 5)).toThrow(/at least 12/);
  });
});
