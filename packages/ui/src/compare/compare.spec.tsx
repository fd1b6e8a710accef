import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CoefficientPlot } from './CoefficientPlot';
import { ComparisonTableView } from './ComparisonTableView';
import type { ComparisonTableData } from './comparison-types';

const table: ComparisonTableData = {
  title: 'Produc',
  digits: 4,
  columns: [
    { analysisId: 'a', label: '(1)', title: 'Pooled OLS' },
    { analysisId: 'b', label: '(2)', title: 'FE unit' },
  ],
  sections: [
    {
      id: 'coefficients',
      title: 'Coefficients',
      rows: [
        {
          key: 'lpcap',
          label: 'lpcap',
          format: 'estimate',
          cells: [
            { value: 0.155, se: 0.017, stars: '***' },
            { value: -0.03, se: 0.06, stars: '' },
          ],
        },
        {
          key: 'lpc',
          label: 'lpc',
          format: 'estimate',
          cells: [null, { value: 0.3, se: 0.1, stars: '***' }],
        },
      ],
    },
    {
      id: 'specification',
      title: 'Specification',
      rows: [
        {
          key: 'effects.unit',
          label: 'Unit fixed effects',
          format: 'text',
          cells: [{ text: 'No' }, { text: 'Yes' }],
        },
      ],
    },
    {
      id: 'statistics',
      title: 'Statistics',
      rows: [{ key: 'nobs', label: 'N', format: 'integer', cells: [{ value: 816 }, { value: 816 }] }],
    },
  ],
  notes: ['Standard errors in parentheses.', '*** p<0.01'],
};

describe('ComparisonTableView', () => {
  it('shows each model as a column with estimates, SEs, stars, section titles and notes', () => {
    const html = renderToStaticMarkup(<ComparisonTableView table={table} />);
    expect(html).toContain('<div class="sp-column-title">FE unit</div>');
    expect(html).toContain(
      '<span class="sp-estimate" data-testid="estimate">0.1550</span><sup class="sp-stars">***</sup>',
    );
    expect(html).toContain('(0.0600)');
    expect(html).toMatch(/<th scope="rowgroup" colspan="3">Specification<\/th>/i);
    expect(html).toContain('<tr data-row="nobs"><th scope="row">N</th><td class="sp-num">816</td>');
    expect(html).toContain('Standard errors in parentheses. *** p&lt;0.01');
  });
});

describe('CoefficientPlot', () => {
  it('draws a 95% interval per model and term, with a line at zero', () => {
    const html = renderToStaticMarkup(<CoefficientPlot table={table} />);
    expect(html).toContain('Coefficients with 95% confidence intervals, 2 models');
    expect((html.match(/<circle cx=/g) ?? []).length).toBe(3 + 2); // 3 points, 2 legend dots
    expect(html).toContain('data-term="lpcap"');
    expect(html).toContain('stroke-dasharray="4 3"');
    expect(html).toContain('estimate ± 1.96 × SE');
  });
});
