import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ResultTable } from './ResultTable';

/** The Produc two-way FE regression with cluster SEs (fixture fe-twoways-cluster), two of its terms. */
const column = {
  label: 'FE (twoways)',
  estimates: {
    lpcap: { estimate: -0.030176056579839666, se: 0.058240421971447985, p: 0.6067988502087457 },
    lpc: { estimate: 0.1688280354068448, se: 0.08567988503856058, p: 0.05469333070467149 },
    lemp: { estimate: 0.7693061962033692, se: 0.08506789670524635, p: 7.409413450693052e-12 },
  },
  statistics: { nobs: 816, r2Within: 0.9412, sigma2: undefined },
};

function render(extra: Partial<Parameters<typeof ResultTable>[0]> = {}): string {
  return renderToStaticMarkup(
    <ResultTable
      caption="lgsp"
      terms={['lpcap', 'lpc', 'lemp', 'rho']}
      columns={[column]}
      statistics={[
        { key: 'nobs', label: 'N' },
        { key: 'r2Within', label: 'Within R²' },
        { key: 'sigma2', label: 'σ²' },
      ]}
      {...extra}
    />,
  );
}

function row(html: string, term: string): string {
  const match = html.match(new RegExp(`<tr data-term="${term.replace('*', '\\*')}">(.*?)</tr>`));
  if (!match) throw new Error(`no row for ${term}`);
  return match[1];
}

describe('ResultTable', () => {
  it('shows each estimate rounded, with its standard error in parentheses', () => {
    const lpcap = row(render(), 'lpcap');
    expect(lpcap).toContain('<span class="sp-estimate" data-testid="estimate">-0.0302</span>');
    expect(lpcap).toContain('<span class="sp-se" data-testid="se">(0.0582)</span>');
  });

  it('marks significance with stars and states their meaning', () => {
    const html = render();
    expect(row(html, 'lpcap')).toContain('<sup class="sp-stars"></sup>');
    expect(row(html, 'lpc')).toContain('<sup class="sp-stars">*</sup>');
    expect(row(html, 'lemp')).toContain('<sup class="sp-stars">***</sup>');
    expect(html).toContain('* p&lt;0.1, ** p&lt;0.05, *** p&lt;0.01');
  });

  it('leaves a term a column does not estimate empty', () => {
    expect(row(render(), 'rho')).toBe('<th scope="row">rho</th><td class="sp-num"></td>');
  });

  it('shows statistics that some column has, formatted, and hides the others', () => {
    const html = render();
    expect(html).toMatch(
      /<tr data-statistic="nobs"><th scope="row">N<\/th><td class="sp-num">816<\/td><\/tr>/,
    );
    expect(html).toContain('<td class="sp-num">0.9412</td>');
    expect(html).not.toContain('σ²');
  });

  it('puts several columns side by side (effects tables)', () => {
    const html = render({
      terms: ['lpcap'],
      columns: [
        { label: 'Direct', estimates: { lpcap: { estimate: 0.01, se: 0.02, p: 0.6 } } },
        { label: 'Indirect', estimates: { lpcap: { estimate: 0.2, se: 0.05, p: 0.001 } } },
      ],
      statistics: [],
      note: 'Effects from 1,000 draws.',
    });
    expect(html).toContain('<th scope="col">Direct</th><th scope="col">Indirect</th>');
    expect(row(html, 'lpcap')).toContain('0.2000</span><sup class="sp-stars">***</sup>');
    expect(html).toContain('Effects from 1,000 draws.');
  });
});
