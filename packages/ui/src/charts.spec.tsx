import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { niceTicks, tickLabel } from './chart-scale';
import { MoranChart } from './MoranChart';
import { MoranScatter, quadrantOf, scatterFit } from './MoranScatter';
import { MoranTable } from './MoranTable';

describe('niceTicks', () => {
  it('covers the range with steps of 1, 2 or 5 × 10^k', () => {
    expect(niceTicks(-0.0213, 0.2317, 5)).toMatchObject({ min: -0.05, max: 0.25, step: 0.05 });
    expect(niceTicks(-2.7, 2.7, 6).values).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(niceTicks(3, 3).values.length).toBeGreaterThan(1);
  });
  it('labels ticks with the decimals of the step', () => {
    expect(tickLabel(0.1, 0.05)).toBe('0.10');
    expect(tickLabel(-2, 1)).toBe('−2');
  });
});

const periods = [
  { time: 1970, I: 0.2243, expectation: -0.0213, p: 0.0122 },
  { time: 1971, I: 0.2317, expectation: -0.0213, p: 0.0098 },
  { time: 1986, I: 0.0858, expectation: -0.0213, p: 0.344 },
];

describe('MoranChart', () => {
  const html = renderToStaticMarkup(<MoranChart points={periods} variable="lgsp" />);

  it('draws one point per period and marks the significant ones', () => {
    const points = [...html.matchAll(/<circle[^>]*data-testid="moran-point"[^>]*>/g)].map((m) => m[0]);
    expect(points).toHaveLength(3);
    expect(points.map((p) => p.match(/data-significant="(\w+)"/)?.[1])).toEqual(['true', 'true', 'false']);
    expect(points[0]).toContain('sp-chart-point-significant');
  });

  it('draws the I line and the expectation line through every period', () => {
    const line = html.match(/<polyline class="sp-chart-line" points="([^"]+)"/)?.[1];
    expect(line?.split(' ')).toHaveLength(3);
    const expectation = html.match(/<polyline class="sp-chart-expectation" points="([^"]+)"/)?.[1];
    const ys = expectation!.split(' ').map((xy) => xy.split(',')[1]);
    expect(new Set(ys).size).toBe(1);
  });

  it('has axes with period labels and nice I ticks, and a text alternative', () => {
    expect(html).toContain('>1970</text>');
    expect(html).toContain('>1986</text>');
    expect(html).toContain('>0.25</text>');
    expect(html).toContain('>−0.05</text>');
    expect(html).toContain('Moran&#x27;s I of lgsp by period: 2 of 3 periods significant at 0.05');
  });
});

describe('MoranScatter', () => {
  const points = [
    { unit: 'A', z: 1.2, wz: 0.8 },
    { unit: 'B', z: -1.1, wz: 0.3 },
    { unit: 'C', z: -0.6, wz: -0.9 },
    { unit: 'D', z: 0.5, wz: -0.2 },
    { unit: 'E', z: 0, wz: 0 },
  ];

  it('sorts units into quadrants HH, LH, LL, HL', () => {
    expect(points.map(quadrantOf)).toEqual(['HH', 'LH', 'LL', 'HL', 'HH']);
  });

  it('fits the least-squares line of Wz on z', () => {
    const fit = scatterFit([
      { unit: 'a', z: -1, wz: -0.5 },
      { unit: 'b', z: 0, wz: 0.1 },
      { unit: 'c', z: 1, wz: 0.7 },
    ]);
    expect(fit.slope).toBeCloseTo(0.6, 12);
    expect(fit.intercept).toBeCloseTo(0.1, 12);
  });

  it('labels the quadrants with their counts and draws every unit and the line', () => {
    const html = renderToStaticMarkup(<MoranScatter points={points} variable="lgsp" time={1986} />);
    for (const [quadrant, count] of [
      ['HH', 2],
      ['LH', 1],
      ['LL', 1],
      ['HL', 1],
    ] as const) {
      expect(html).toMatch(
        new RegExp(
          `<title>[^<]+</title><text [^>]*data-testid="quadrant-${quadrant}">${quadrant} · ${count}</text>`,
        ),
      );
    }
    expect(html.match(/data-testid="scatter-point"/g)).toHaveLength(5);
    expect(html).toContain('data-unit="B" data-quadrant="LH"');
    expect(html).toMatch(/data-testid="scatter-line" data-slope="0\.\d+"/);
    expect(html).toContain('W × lgsp (spatial lag)');
  });
});

describe('MoranTable', () => {
  it('lists periods and the pooled statistic, with permutation p-values when computed', () => {
    const row = { I: 0.2, expectation: -0.02, z: 2.5, p: 0.006, pTwoSided: 0.012 };
    const html = renderToStaticMarkup(
      <MoranTable
        variable="lgsp"
        nunits={48}
        byTime={[{ time: 1970, ...row, pPermutation: 0.01 }]}
        pooled={row}
      />,
    );
    expect(html).toContain('p (permutation)');
    expect(html).toContain(
      '<tr data-period="1970"><th scope="row">1970</th><td class="sp-num" data-testid="moran-i">0.2000</td>',
    );
    expect(html).toContain('<tr data-period="Pooled">');
  });
});
