/** Table formatting: stars and SEs, LaTeX escaping, CSV quoting, HTML links and failure notices. */
import { describe, expect, it } from 'vitest';
import { estimateCell, tableCsv, tableHtml, tableTex, textCell, type Table } from '../src/tables.js';

const table: Table = {
  id: 'demo',
  stepId: 'step-a',
  columnSteps: ['step-a', 'step-b', undefined],
  title: 'ρ & effects',
  header: ['(1)', '(2)', 'DGP'],
  rows: [
    {
      label: 'ln_x',
      cells: [
        estimateCell({ estimate: 0.1234, se: 0.01, p: 0.004 }),
        estimateCell({ estimate: -2, p: 0.07 }),
        textCell('[0.100]'),
      ],
    },
    { label: 'N, cities', cells: [textCell('10'), textCell(''), textCell('')] },
  ],
  notes: ['50 % of "x".'],
};

describe('study tables', () => {
  it('writes stars, SEs below and escaped LaTeX', () => {
    const tex = tableTex(table);
    expect(tex).toContain('\\caption{$\\rho$ \\& effects}');
    expect(tex).toContain('ln\\_x & 0.123$^{***}$ & -2.000$^{*}$ & [0.100] \\\\\n & (0.010) &  &  \\\\');
    expect(tex).toContain('50 \\% of "x".');
  });

  it('quotes CSV fields with commas and puts SEs on their own line', () => {
    expect(tableCsv(table)).toBe(
      ',(1),(2),DGP\nln_x,0.123***,-2.000*,[0.100]\n,(0.010),,\n"N, cities",10,,\n',
    );
  });

  it('links the title and the column headers to their analyses, escaping the href', () => {
    const html = tableHtml(table, (id) => (id === 'step-b' ? '/analyses/b?x="1"' : `/analyses/${id}`));
    expect(html).toContain('ρ &amp; effects <a class="analysis" href="/analyses/step-a">analysis</a>');
    expect(html).toContain('<th><a href="/analyses/b?x=&quot;1&quot;">(2)</a></th><th>DGP</th>');
    expect(tableHtml(table)).not.toContain('<a ');
  });

  it('shows a table without results as its failures', () => {
    const html = tableHtml(
      {
        id: 'gone',
        stepId: 's1',
        title: 'Gone',
        failures: [
          { stepId: 's1', reason: 'timeout' },
          { stepId: 's2', reason: '<x>' },
        ],
      },
      (id) => `/a/${id}`,
    );
    expect(html).toContain('<figure class="table failed" id="tab-gone">');
    expect(html).toContain('<li>s1: step failed: timeout</li>');
    expect(html).toContain(
      '<li>s2: step failed: &lt;x&gt; <a class="analysis" href="/a/s2">analysis</a></li>',
    );
    expect(html).not.toContain('<table>');
  });
});
