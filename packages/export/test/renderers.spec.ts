import type { AnalysisProvenance, ComparisonTable, RegressionResult } from '@spillover/contracts';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  analysisBundle,
  buildComparisonTable,
  comparisonBundle,
  formatFixed,
  renderCsv,
  renderDocx,
  renderLatex,
  renderMarkdown,
  textCell,
  type BundleAnalysis,
  type TableModel,
} from '../src/index.js';
import { parseCsv, producCase } from './produc-cases.js';

const caseNames = [
  'ols-pooled',
  'fe-unit-classical',
  'fe-twoways-cluster',
  'sdm-twoways',
  'sdpd-dsdm-twoways',
];
const models: TableModel[] = caseNames.map((name, i) => {
  const c = producCase(name);
  return {
    analysisId: `00000000-0000-4000-8000-00000000000${i}`,
    spec: c.spec,
    result: c.expected,
    weights: c.spec.kind === 'regression' && c.spec.weights ? { name: 'produc-W', version: 1 } : null,
  };
});
const table = buildComparisonTable(models, {
  title: 'Produc: public capital and output',
  variableLabels: { lpcap: 'Public capital' },
});
const resultOf = (i: number) => models[i]!.result as RegressionResult;

describe('buildComparisonTable', () => {
  it('has one column per model with default headers and titles', () => {
    expect(table.columns.map((c) => [c.label, c.title])).toEqual([
      ['(1)', 'Pooled OLS'],
      ['(2)', 'FE unit'],
      ['(3)', 'FE two-way'],
      ['(4)', 'SDM two-way'],
      ['(5)', 'Dynamic SDM two-way'],
    ]);
  });

  it('orders coefficients as specified, spatial lags next, the constant last; τ and η go with ρ', () => {
    const coefficients = table.sections.find((s) => s.id === 'coefficients')!;
    expect(coefficients.rows.map((r) => r.key)).toEqual([
      'lpcap',
      'lpc',
      'lemp',
      'unemp',
      'W*lpcap',
      'W*lpc',
      'W*lemp',
      'W*unemp',
      '(Intercept)',
    ]);
    expect(coefficients.rows[0]!.label).toBe('Public capital');
    expect(coefficients.rows[4]!.label).toBe('W·Public capital');
    const spatial = table.sections.find((s) => s.id === 'spatial')!;
    expect(spatial.rows.map((r) => r.key)).toEqual(['rho', 'tau', 'eta']);
    expect(spatial.rows[1]!.cells[4]!.value).toBe(resultOf(4).coefficients['L.lgsp']!.estimate);
    // ρ of the SDM has no stored p: the z test gives its stars
    expect(spatial.rows[0]!.cells[3]!.stars).toBe('***');
  });

  it('keeps the stored numbers and states the star levels', () => {
    const lpcap = table.sections[0]!.rows[0]!;
    expect(lpcap.cells[2]).toMatchObject({
      value: resultOf(2).coefficients.lpcap!.estimate,
      se: resultOf(2).coefficients.lpcap!.se,
      p: resultOf(2).coefficients.lpcap!.p,
      stars: '',
    });
    expect(table.notes.join(' ')).toContain('*** p<0.01, ** p<0.05, * p<0.1');
  });

  it('has short- and long-run effects, fixed effects, weights and statistics rows', () => {
    const ids = table.sections.map((s) => s.id);
    expect(ids).toEqual([
      'coefficients',
      'spatial',
      'direct',
      'indirect',
      'total',
      'directLongRun',
      'indirectLongRun',
      'totalLongRun',
      'specification',
      'statistics',
    ]);
    const spec = table.sections.find((s) => s.id === 'specification')!;
    const text = (key: string) => spec.rows.find((r) => r.key === key)!.cells.map((c) => c?.text);
    expect(text('effects.unit')).toEqual(['No', 'Yes', 'Yes', 'Yes', 'Yes']);
    expect(text('effects.time')).toEqual(['No', 'No', 'Yes', 'Yes', 'Yes']);
    expect(text('weights')).toEqual([
      'None',
      'None',
      'None',
      'produc-W v1, row-standardised',
      'produc-W v1, row-standardised',
    ]);
    const stats = table.sections.find((s) => s.id === 'statistics')!;
    expect(stats.rows.find((r) => r.key === 'nobs')!.cells.map((c) => c?.value)).toEqual([
      816, 816, 816, 816, 768,
    ]);
  });

  it('refuses a result that is not a regression, naming the analysis', () => {
    const moran = producCase('moran-lgsp');
    expect(() =>
      buildComparisonTable([{ analysisId: 'a1', spec: moran.spec, result: moran.expected }], { title: 't' }),
    ).toThrow(/analysis a1 is a moran analysis/);
  });
});

/** The CSV's numeric cells: (key, statistic, column) → text. */
function csvCells(csv: string) {
  const [header, ...rows] = parseCsv(csv);
  expect(header!.slice(0, 4)).toEqual(['section', 'key', 'label', 'statistic']);
  return rows.filter((r) => r[0] !== 'note');
}

describe('renderCsv', () => {
  it('reads back to the stored numbers at the displayed precision', () => {
    let compared = 0;
    for (const row of csvCells(renderCsv(table))) {
      const [sectionId, key, , statistic, ...cells] = row;
      const tableRow = table.sections.find((s) => s.id === sectionId)!.rows.find((r) => r.key === key)!;
      cells.forEach((text, column) => {
        const cell = tableRow.cells[column];
        if (!cell || tableRow.format === 'text' || statistic === 'stars') return;
        const stored = statistic === 'se' ? cell.se : statistic === 'p' ? cell.p : cell.value;
        if (stored === undefined) return expect(text).toBe('');
        const expected = tableRow.format === 'integer' ? String(stored) : formatFixed(stored, table.digits);
        expect(text).toBe(expected);
        expect(Math.abs(Number(text) - stored)).toBeLessThanOrEqual(
          0.5 * 10 ** -table.digits + Math.abs(stored) * 1e-2,
        );
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('with raw, reads back to exactly the stored doubles', () => {
    const rows = csvCells(renderCsv(table, { raw: true }));
    const lpcap = rows.filter((r) => r[1] === 'lpcap');
    expect(Number(lpcap.find((r) => r[3] === 'estimate')![4 + 2])).toBe(
      resultOf(2).coefficients.lpcap!.estimate,
    );
    expect(Number(lpcap.find((r) => r[3] === 'se')![4 + 2])).toBe(resultOf(2).coefficients.lpcap!.se);
    expect(Number(rows.find((r) => r[1] === 'rho' && r[3] === 'estimate')![4 + 3])).toBe(
      resultOf(3).rho!.estimate,
    );
  });

  it('escapes text cells a spreadsheet would run as formulas, and keeps negative numbers numeric', () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(textCell(text).replace(/^"|"$/g, '')).toMatch(/^'/);
    }
    expect(textCell('plain, text')).toBe('"plain, text"');
    const hostile = buildComparisonTable([models[0]!], {
      title: 't',
      variableLabels: { lpcap: '=cmd|"/c calc"!A1', lpc: '-minus', lemp: '@at' },
    });
    const rows = csvCells(renderCsv(hostile));
    const labels = rows.map((r) => r[2]!);
    expect(labels).toContain(`'=cmd|"/c calc"!A1`);
    expect(labels).toContain(`'-minus`);
    expect(labels).toContain(`'@at`);
    const unemp = rows.find((r) => r[1] === 'unemp' && r[3] === 'estimate')!;
    expect(unemp[4]).toMatch(/^-\d/); // a negative estimate stays a number
  });
});

describe('renderLatex', () => {
  it('writes a booktabs table with the estimates, escaped labels and the notes line', () => {
    const latex = renderLatex(
      buildComparisonTable(models, { title: 'Produc & co_1', variableLabels: { lpcap: 'log_cap' } }),
    );
    for (const rule of ['\\toprule', '\\midrule', '\\bottomrule']) expect(latex).toContain(rule);
    expect(latex).toContain('\\caption{Produc \\& co\\_1}');
    expect(latex).toContain('log\\_cap & ');
    expect(latex).toContain(`$-$${formatFixed(-resultOf(2).coefficients.lpcap!.estimate, 4)}`);
    expect(latex).toContain('$^{***}$');
    expect(latex).toMatch(/\\bottomrule\n\\multicolumn\{6\}\{l\}\{\\footnotesize Dependent variable: lgsp\./);
    expect(latex).toContain('*** p$<$0.01, ** p$<$0.05, * p$<$0.1');
    expect(latex).toContain('$\\rho$ (W$\\cdot$y)');
  });
});

describe('renderMarkdown', () => {
  it('writes one pipe table with SEs in parentheses and the notes', () => {
    const markdown = renderMarkdown(table);
    expect(markdown).toContain('|  | (1) Pooled OLS | (2) FE unit |');
    expect(markdown).toContain(
      `| Public capital | ${formatFixed(resultOf(0).coefficients.lpcap!.estimate, 4)}***`,
    );
    expect(markdown).toContain(`(${formatFixed(resultOf(0).coefficients.lpcap!.se, 4)})`);
    expect(markdown).toContain('**Direct effects**');
    expect(markdown).toContain('Standard errors in parentheses');
  });
});

describe('renderDocx', () => {
  it('writes a Word document holding the table', async () => {
    const bytes = await renderDocx(table);
    const files = unzipSync(new Uint8Array(bytes));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain(formatFixed(resultOf(1).coefficients.lpcap!.estimate, 4));
    expect(xml).toContain('Public capital');
    expect(xml).toContain('p&lt;0.01');
  });
});

describe('bundles', () => {
  const provenance = (id: string): AnalysisProvenance => ({
    analysisId: id,
    status: 'succeeded',
    dataset: {
      id: 'd1',
      name: 'produc',
      version: 2,
      sha256: 'ab'.repeat(32),
      sizeBytes: 10,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    weights: null,
    spec: models[0]!.spec,
    code: { version: '0.1.0', commit: 'unknown' },
    seeds: [],
    worker: 'host:1',
    queue: 'estimation',
    jobId: `analysis-${id}`,
    attempts: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    rerunOf: null,
  });
  const bundled = (i: number): BundleAnalysis => ({
    id: models[i]!.analysisId,
    title: `model ${i}`,
    spec: {
      ...models[i]!.spec,
      ...(i === 3 ? { weights: { id: 'w1', style: 'row', allowIslands: false } } : {}),
    } as BundleAnalysis['spec'],
    result: models[i]!.result,
    provenance: provenance(models[i]!.analysisId),
    dataset: { fileName: 'produc-v2.csv', content: new TextEncoder().encode('state,year\n') },
    weights: i === 3 ? { fileName: 'produc-W.csv', format: 'matrix', content: 'id,A\nA,0\n' } : null,
  });

  it('holds the data version, runnable spec, result, provenance and an R script of one analysis', () => {
    const files = unzipSync(analysisBundle(bundled(3), buildComparisonTable([models[3]!], { title: 'one' })));
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.md',
        'data/produc-v2.csv',
        'provenance.json',
        'replicate.R',
        'result.json',
        'spec.json',
        'table.csv',
        'table.md',
        'table.tex',
        'weights/produc-W.csv',
      ].sort(),
    );
    const spec = JSON.parse(strFromU8(files['spec.json']!));
    expect(spec.data).toBe('data/produc-v2.csv');
    expect(spec.weights).toEqual({ path: 'weights/produc-W.csv', style: 'row', allowIslands: false });
    expect(JSON.parse(strFromU8(files['result.json']!))).toEqual(models[3]!.result);
    const script = strFromU8(files['replicate.R']!);
    expect(script).toContain('library(splm)');
    expect(script).toContain('spml(lgsp ~ lpcap + lpc + lemp + unemp + W_lpcap + W_lpc + W_lemp + W_unemp');
    expect(script).toContain('effect = "twoways", lag = TRUE, spatial.error = "none"');
    expect(script).toContain('set.seed(1)');
    expect(strFromU8(files['README.md']!)).toContain(`sha256 ${'ab'.repeat(32)}`);
  });

  it('holds every model of a comparison in its own folder, with the table', () => {
    const comparison: ComparisonTable = buildComparisonTable(models.slice(0, 3), { title: 'three' });
    const files = unzipSync(comparisonBundle('three', comparison, [0, 1, 2].map(bundled)));
    expect(Object.keys(files)).toContain('models/2-FE_unit/spec.json');
    expect(JSON.parse(strFromU8(files['models/3-FE_two-way/spec.json']!)).data).toBe(
      '../../data/produc-v2.csv',
    );
    expect(strFromU8(files['models/3-FE_two-way/replicate.R']!)).toContain(
      'plm(lgsp ~ lpcap + lpc + lemp + unemp, data = pdata, model = "within", effect = "twoways")',
    );
    expect(strFromU8(files['models/3-FE_two-way/replicate.R']!)).toContain('type = "sss", cluster = "group"');
    expect(strFromU8(files['table.tex']!)).toContain('\\toprule');
  });
});
