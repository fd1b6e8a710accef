import type { BuildWeightsBody } from '@spillover/contracts';
import { BuildWeightsBody as BuildWeightsSchema } from '@spillover/contracts';
import { parsePanelCsv } from '@spillover/core';
import { describe, expect, it } from 'vitest';
import { buildWeightTriplets } from './build-weights.js';
import { constantPerUnit, meanPerUnit } from './unit-values.js';

// four units on a line at x = 0, 1, 3, 7; gdp differs by unit and year; lat is missing in 2001
const panel = parsePanelCsv(
  [
    'unit,year,x,y,gdp',
    'a,2000,0,0,1',
    'b,2000,1,0,2',
    'c,2000,3,0,4',
    'd,2000,7,0,8',
    'a,2001,0,NA,3',
    'b,2001,1,NA,4',
    'c,2001,3,NA,6',
    'd,2001,7,NA,10',
  ].join('\n'),
  'unit',
  'year',
);

function body(fields: Record<string, unknown>): BuildWeightsBody {
  return BuildWeightsSchema.parse({
    teamId: '00000000-0000-4000-8000-00000000000a',
    datasetId: '00000000-0000-4000-8000-00000000000b',
    name: 'w',
    ...fields,
  });
}

function links(t: { ids: string[]; from: Int32Array; to: Int32Array }): string[] {
  return [...t.from].map((f, e) => `${t.ids[f]}→${t.ids[t.to[e]!]}`);
}

describe('per-unit values', () => {
  it('takes each unit’s first non-missing coordinate and means of an attribute', () => {
    expect([...constantPerUnit(panel, 'y', 'y')]).toEqual([0, 0, 0, 0]);
    expect([...meanPerUnit(panel, 'gdp', 'variable')]).toEqual([2, 3, 5, 9]);
  });

  it('refuses coordinates that change over time, naming the unit and lines', () => {
    expect(() => constantPerUnit(panel, 'gdp', 'x')).toThrow(
      'x: column "gdp" changes over time for unit a (1 on line 2, 3 on line 6)',
    );
  });

  it('names a unit without any value and an unknown column', () => {
    const gap = parsePanelCsv('unit,year,x\na,1,0\nb,1,NA\n', 'unit', 'year');
    expect(() => constantPerUnit(gap, 'x', 'lon')).toThrow('lon: column "x" has no value for unit b');
    expect(() => constantPerUnit(panel, 'z', 'lat')).toThrow('lat: column "z" is not in the panel');
  });
});

describe('buildWeightTriplets', () => {
  it('k nearest neighbours on planar coordinates', () => {
    const t = buildWeightTriplets(body({ method: 'knn', k: 1, x: 'x', y: 'y' }), panel);
    expect(links(t)).toEqual(['a→b', 'b→a', 'c→b', 'd→c']);
  });

  it('distance band and inverse distance with a cutoff', () => {
    const band = buildWeightTriplets(body({ method: 'distance-band', threshold: 2, x: 'x', y: 'y' }), panel);
    expect(links(band)).toEqual(['a→b', 'b→a', 'b→c', 'c→b']);
    const inverse = buildWeightTriplets(
      body({ method: 'inverse-distance', power: 2, cutoff: 3, x: 'x', y: 'y' }),
      panel,
    );
    expect(links(inverse)).toEqual(['a→b', 'a→c', 'b→a', 'b→c', 'c→a', 'c→b']);
    expect(inverse.weight[1]).toBeCloseTo(1 / 9, 15);
  });

  it('economic distance from unit means', () => {
    const t = buildWeightTriplets(body({ method: 'economic', variable: 'gdp' }), panel);
    expect(t.weight[0]).toBe(1); // |2 − 3|
    expect(t.weight[2]).toBeCloseTo(1 / 7, 15); // |2 − 9|
  });

  it('nested weights mix row-standardised geographic and economic weights', () => {
    const t = buildWeightTriplets(
      body({ method: 'nested', variable: 'gdp', phi: 0.5, x: 'x', y: 'y' }),
      panel,
    );
    const rowA = [...t.from].flatMap((f, e) => (f === 0 ? [t.weight[e]!] : []));
    expect(rowA.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });

  it('great-circle distances on lon/lat (km)', () => {
    const cities = parsePanelCsv(
      'city,year,lon,lat\nparis,1,2.3522,48.8566\nlondon,1,-0.1276,51.5072\nrome,1,12.4964,41.9028\n',
      'city',
      'year',
    );
    const t = buildWeightTriplets(
      body({ method: 'inverse-distance', lon: 'lon', lat: 'lat', greatCircle: true }),
      cities,
    );
    // Paris–London is about 344 km
    expect(1 / t.weight[0]!).toBeGreaterThan(340);
    expect(1 / t.weight[0]!).toBeLessThan(348);
  });
});

describe('BuildWeightsBody', () => {
  it('names missing and conflicting coordinate fields and fields of another method', () => {
    const issues = (input: Record<string, unknown>) =>
      BuildWeightsSchema.safeParse({
        teamId: '00000000-0000-4000-8000-00000000000a',
        datasetId: '00000000-0000-4000-8000-00000000000b',
        name: 'w',
        ...input,
      }).error?.issues.map((issue) => issue.path.join('.'));
    expect(issues({ method: 'knn', k: 5, lon: 'lon' })).toEqual(['lat']);
    expect(issues({ method: 'knn', k: 5, lon: 'lon', lat: 'lat', x: 'x' })).toEqual(['x']);
    expect(issues({ method: 'knn', k: 5, x: 'x', y: 'y', greatCircle: true })).toEqual(['greatCircle']);
    expect(issues({ method: 'economic', variable: 'gdp', k: 5 })).toEqual(['']);
    expect(issues({ method: 'knn', x: 'x', y: 'y' })).toEqual(['k']);
  });
});
