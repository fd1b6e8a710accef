import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EffectsComparison, EffectsTable } from './EffectsTable';
import { normalTwoSidedP } from './normal';
import { SpatialRegressionView } from './SpatialRegressionView';
import { TestsTable } from './TestsTable';
import { WeightsSummary } from './WeightsSummary';

/** Produc two-way SDM (fixture sdm-twoways), simulated effect SEs from 20,000 draws. */
const sdmEffects = {
  direct: {
    lpcap: { estimate: -0.016411942566483567, se: 0.025447566723245676 },
    lpc: { estimate: 0.16731410396786967, se: 0.025934191151434964 },
    lemp: { estimate: 0.7503669630623249, se: 0.028224136038572278 },
    unemp: { estimate: -0.001844776420493168, se: 0.001193290227709507 },
  },
  indirect: {
    lpcap: { estimate: -0.09705919919255507, se: 0.0670822019948021 },
    lpc: { estimate: 0.11319941765485764, se: 0.06482762840987061 },
    lemp: { estimate: -0.0037534105100853754, se: 0.05678702486324706 },
    unemp: { estimate: -0.005481833507264934, se: 0.002494582860636901 },
  },
  total: {
    lpcap: { estimate: -0.11347114175903864, se: 0.075484220130166 },
    lpc: { estimate: 0.2805135216227273, se: 0.07314064861540534 },
    lemp: { estimate: 0.7466135525522395, se: 0.06157437569429939 },
    unemp: { estimate: -0.0073266099277581025, se: 0.00253852839749377 },
  },
};

/** The cells of a term's row, in column order, as [estimate, stars, se]. */
function cells(html: string, testId: string, term: string): string[][] {
  const table = html.match(new RegExp(`data-testid="${testId}".*?</figure>`))?.[0] ?? '';
  const row = table.match(new RegExp(`<tr data-term="${term.replace('*', '\\*')}">(.*?)</tr>`))?.[1];
  if (!row) throw new Error(`no row ${term} in ${testId}`);
  return [...row.matchAll(/<td class="sp-num">(.*?)<\/td>/g)].map(([, cell]) => [
    cell!.match(/data-testid="estimate">(.*?)</)?.[1] ?? '',
    cell!.match(/class="sp-stars">(.*?)</)?.[1] ?? '',
    cell!.match(/data-testid="se">(.*?)</)?.[1] ?? '',
  ]);
}

describe('normalTwoSidedP', () => {
  it('matches the normal distribution at known points', () => {
    expect(normalTwoSidedP(1.959963984540054)).toBeCloseTo(0.05, 6);
    expect(normalTwoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 6);
    expect(normalTwoSidedP(0)).toBeCloseTo(1, 6);
  });
});

describe('EffectsTable', () => {
  const html = renderToStaticMarkup(<EffectsTable caption="Effects" effects={sdmEffects} />);

  it('shows direct, indirect and total effects with the SE in parentheses', () => {
    expect(html).toContain(
      '<th scope="col">Direct</th><th scope="col">Indirect</th><th scope="col">Total</th>',
    );
    expect(cells(html, 'effects-table', 'lpc')).toEqual([
      ['0.1673', '***', '(0.0259)'],
      ['0.1132', '*', '(0.0648)'],
      ['0.2805', '***', '(0.0731)'],
    ]);
  });

  it('puts stars from z = effect / SE', () => {
    // z: direct -0.64, indirect -1.45, total -1.50: none; unemp indirect -2.20 (p 0.028), total -2.89 (p 0.004).
    expect(cells(html, 'effects-table', 'lpcap').map((c) => c[1])).toEqual(['', '', '']);
    expect(cells(html, 'effects-table', 'unemp').map((c) => c[1])).toEqual(['', '**', '***']);
    expect(html).toContain('Stars from z = effect / SE.');
  });

  it('shows short-run and long-run effects side by side', () => {
    const longRun = {
      direct: { lpcap: { estimate: -0.2 } },
      indirect: { lpcap: { estimate: -0.24 } },
      total: { lpcap: { estimate: -0.4462750157694635 } },
    };
    const both = renderToStaticMarkup(
      <EffectsComparison shortRun={sdmEffects} longRun={longRun} terms={['lpcap']} />,
    );
    expect(both).toMatch(/data-testid="effects-comparison".*Short-run effects.*Long-run effects/);
    expect(cells(both, 'effects-long-run', 'lpcap')).toEqual([
      ['-0.2000', '', ''],
      ['-0.2400', '', ''],
      ['-0.4463', '', ''],
    ]);
    expect(cells(both, 'effects-short-run', 'lpcap')[2]).toEqual(['-0.1135', '', '(0.0755)']);
  });
});

describe('SpatialRegressionView', () => {
  const base = {
    model: 'sdm',
    nobs: 816,
    nunits: 48,
    nperiods: 17,
    coefficients: {
      'W*lpc': { estimate: 0.01761022092773014, se: 0.045857639077682956, p: 0.7009641029734202 },
      lpc: { estimate: 0.15943695091600196, se: 0.025618749280395443, p: 4.863464284623541e-10 },
    },
    rho: { estimate: 0.3688462116922506, se: 0.04041200683336245, p: 7.033004223022225e-20 },
    sigma2: 0.0009192227457054286,
    logLik: 1680.4735320902073,
    impacts: sdmEffects,
  };

  it('adds ρ in plain words after the regressors and their spatial lags, with fit statistics', () => {
    const html = renderToStaticMarkup(
      <SpatialRegressionView result={base} y="lgsp" x={['lpc']} modelLabel="SDM" />,
    );
    const terms = [...html.matchAll(/<tr data-term="([^"]+)"/g)].map((m) => m[1]);
    expect(terms.slice(0, 3)).toEqual(['lpc', 'W*lpc', 'rho']);
    expect(html).toContain(
      '<span class="sp-symbol">ρ</span> <span class="sp-term-words">spatial lag of y (W*lgsp)</span>',
    );
    expect(cells(html, 'result-table', 'rho')[0]).toEqual(['0.3688', '***', '(0.0404)']);
    expect(html).toContain('<th scope="row">Log-likelihood</th><td class="sp-num">1680.4735</td>');
    expect(html).toContain('<th scope="row">σ²</th><td class="sp-num">0.0009192</td>');
    expect(html).toContain('<th scope="row">Periods</th><td class="sp-num">17</td>');
    expect(html).toContain('data-testid="effects-table"');
    expect(html).not.toContain('dynamic-terms-note');
  });

  it('names the lags of a dynamic model and shows the stability check and warnings', () => {
    const html = renderToStaticMarkup(
      <SpatialRegressionView
        result={{
          ...base,
          model: 'dsdm',
          coefficients: {
            ...base.coefficients,
            'L.lgsp': { estimate: 0.7888700915126663, se: 0.022207224739048553, p: 1e-200 },
            'W*L.lgsp': { estimate: -0.4013812839257192, se: 0.04847217247756851, p: 1e-16 },
          },
          impactsLongRun: sdmEffects,
          stability: {
            stable: true,
            tauPlusRhoPlusEta: 0.8665,
            maxModulus: 0.9,
            condition: 'max |eig(A)| < 1',
          },
          warnings: ['rho is at a bound of its admissible interval: estimates and SEs are unreliable'],
        }}
        y="lgsp"
        x={['lpc']}
        modelLabel="Dynamic SDM"
      />,
    );
    const terms = [...html.matchAll(/<tr data-term="([^"]+)"/g)].map((m) => m[1]);
    expect(terms.slice(0, 5)).toEqual(['L.lgsp', 'W*L.lgsp', 'lpc', 'W*lpc', 'rho']);
    expect(html).toContain(
      '<span class="sp-symbol">τ</span> <span class="sp-term-words">time lag of y (L.lgsp)</span>',
    );
    expect(html).toContain(
      '<span class="sp-symbol">η</span> <span class="sp-term-words">spatial-time lag (W*L.lgsp)</span>',
    );
    expect(html).toMatch(/data-testid="dynamic-terms-note".*“tournament” effect.*“backflow”/);
    expect(html).toContain('data-testid="effects-short-run"');
    expect(html).toContain('data-testid="effects-long-run"');
    expect(html).toMatch(/data-testid="stability" data-stable="true">.*Stable \(stationary\)/);
    expect(html).toMatch(/data-testid="warnings".*rho is at a bound/);
  });
});

describe('TestsTable', () => {
  it('names the LM tests in words', () => {
    const html = renderToStaticMarkup(
      <TestsTable caption="LM tests" tests={{ lmLag: { stat: 12.3456, df: 1, p: 0.0004 } }} />,
    );
    expect(html).toContain(
      '<tr data-test="lmLag"><th scope="row">LM lag</th><td class="sp-num">12.3456</td><td class="sp-num">1</td><td class="sp-num">&lt;0.001</td></tr>',
    );
  });
});

describe('WeightsSummary', () => {
  it('shows neighbour counts and names the islands', () => {
    const html = renderToStaticMarkup(
      <WeightsSummary
        summary={{
          n: 4,
          links: 4,
          neighbours: { min: 0, mean: 1, max: 2 },
          connectivityPercent: 33.333,
          symmetric: true,
          islands: ['HAWAII'],
        }}
      />,
    );
    expect(html).toContain('<dd data-testid="weights-neighbours">0 / 1 / 2</dd>');
    expect(html).toContain('<dd data-testid="weights-connectivity">33.33 %</dd>');
    expect(html).toContain('<dd data-testid="weights-symmetric">Yes</dd>');
    expect(html).toMatch(/data-testid="weights-islands">.*One unit has.*<li>HAWAII<\/li>/);
  });
});
