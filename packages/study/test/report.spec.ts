/**
 * buildStudyReport on a small study run in process: every section, table and chart; links to the
 * platform's analyses when `linkOf` gives them; failed steps shown as "step failed: <reason>".
 */
import { describe, expect, it } from 'vitest';
import { buildStudyReport, type StudyRun } from '../src/index.js';
import { measurementIds, planIds, smallRun } from './fixture.js';

const tableIds = [
  'descriptives',
  'entropy-weights',
  'baseline',
  'mediation',
  'lm-tests',
  'sdm',
  'dsdm',
  'heterogeneity',
  'robustness',
];

/** The run with some planned steps failed (`reason`) or missing (`undefined`). */
function failing(run: StudyRun, failures: Record<string, string | undefined>): StudyRun {
  const steps = { ...run.steps };
  for (const [id, reason] of Object.entries(failures)) {
    if (reason === undefined) delete steps[id];
    else steps[id] = { error: reason, seconds: 0.5 };
  }
  return { ...run, steps };
}

/** The HTML of one table figure. */
const figure = (html: string, id: string) =>
  /<figure[^>]*id="tab-[^"]*"[^]*?<\/figure>/g.exec(html.slice(html.indexOf(`id="tab-${id}"`) - 40))?.[0] ??
  '';

describe('buildStudyReport', () => {
  const run = smallRun();

  it('returns the report with every section, table and chart, and says the data are simulated', () => {
    const report = buildStudyReport(run);
    const { html } = report;
    for (const id of [
      'simulated',
      'dgp',
      'data',
      'measurement',
      'baseline',
      'mechanisms',
      'spatial',
      'dynamic',
      'heterogeneity',
      'robustness',
      'reproduce',
    ]) {
      expect(html, id).toContain(`id="${id}"`);
    }
    expect(html).toContain('<strong>The data are simulated.</strong>');
    expect(html).toContain('Do not cite these numbers as findings about Chinese cities.');
    expect(html).toMatch(/<svg[^>]*aria-label="Moran's I by year"/);
    expect(html).toMatch(/<svg[^>]*aria-label="coefficient plot"/);
    expect(html).not.toMatch(/<script|<link|src="http|step failed|class="analysis"/);
    expect(html).toContain('npx spillover study --seed 7 --quick');
    for (const [k, id] of [...measurementIds, ...planIds].entries()) {
      expect(html, id).toContain(`results/${String(k + 1).padStart(2, '0')}-${id}.json`);
    }
    expect(report.tables.map((t) => t.id)).toEqual(tableIds);
    expect(report.tables.map((t) => t.stepId)).toEqual([
      'transform',
      'entropy-index',
      'baseline-1',
      'mediation',
      'lm-tests',
      'sdm-knn',
      'dsdm',
      'heterogeneity-engagement',
      'robust-lag',
    ]);
    for (const t of report.tables) {
      expect(t.tex, t.id).toMatch(/\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
      expect(t.tex, t.id).toContain(`\\label{tab:${t.id}}`);
      expect(t.csv.split('\n').length, t.id).toBeGreaterThan(3);
    }
    const sdm = report.tables.find((t) => t.id === 'sdm')!;
    expect(sdm.csv).toMatch(/^ρ,[-0-9.]+\*{0,3},[-0-9.]+\*{0,3},[-0-9.]+\*{0,3},\[0\.[0-9]{3}\]$/m);
    expect(sdm.tex).toContain('$\\rho$');
  });

  it('shows the DGP values scaled by the calibration slope next to the estimates', () => {
    const { tables } = buildStudyReport(run);
    const regression = run.steps.calibration!.result;
    const c1 = regression?.kind === 'regression' ? regression.coefficients.resilience_latent!.estimate : NaN;
    const lq = run.preparation.demo.dgp.implied.reducedForm.lq!;
    const baseline = tables.find((t) => t.id === 'baseline')!.csv;
    expect(baseline).toContain(`[${(c1 * lq).toFixed(3)}]`);
    const dsdm = tables.find((t) => t.id === 'dsdm')!.csv;
    expect(dsdm).toMatch(
      new RegExp(
        `^τ: L\\.resilience,[-0-9.*]+,\\[${run.preparation.demo.dgp.parameters.tau.toFixed(3)}\\]$`,
        'm',
      ),
    );
  });

  it('links every table, column, chart and step to its analysis when linkOf gives one', () => {
    const link = (id: string) => `/analyses/uuid-${id}`;
    const { html } = buildStudyReport(run, {
      linkOf: (id) => (planIds.includes(id) ? link(id) : undefined),
      reproduction: 'platform',
    });
    for (const [table, stepId] of [
      ['entropy-weights', undefined],
      ['baseline', 'baseline-1'],
      ['mediation', 'mediation'],
      ['lm-tests', 'lm-tests'],
      ['sdm', 'sdm-knn'],
      ['dsdm', 'dsdm'],
      ['heterogeneity', 'heterogeneity-engagement'],
      ['robustness', 'robust-lag'],
    ] as const) {
      const f = figure(html, table);
      expect(f, table).toContain('<figcaption class="title">');
      if (stepId) expect(f, table).toContain(`<a class="analysis" href="${link(stepId)}">analysis</a>`);
      else expect(f, table).not.toContain('href');
    }
    const sdm = figure(html, 'sdm');
    for (const id of ['sdm-knn', 'sdm-inverse', 'sdm-economic']) {
      expect(sdm).toContain(`<th><a href="${link(id)}">`);
    }
    expect(figure(html, 'baseline')).toContain(`<a href="${link('baseline-2')}">(2) FE + controls</a>`);
    for (const id of planIds) expect(html, id).toContain(`href="${link(id)}"`);
    expect(html).toMatch(
      /Moran's I of resilience by year \(kNN W\) <a class="analysis" href="\/analyses\/uuid-moran">/,
    );
    // the platform's reproduction section names no local files
    expect(html).not.toContain('results/05-calibration.json');
    expect(html).toContain('ran as an analysis on the platform');
  });

  it('shows failed steps in place of their tables, columns and charts without throwing', () => {
    const broken = failing(run, {
      'sdm-inverse': 'worker <crashed>',
      dsdm: 'out of memory',
      moran: undefined,
      'heterogeneity-agglomeration': 'singular matrix',
    });
    const report = buildStudyReport(broken, { linkOf: (id) => `/analyses/${id}` });
    const { html } = report;
    expect(html).toContain('sdm-inverse: step failed: worker &lt;crashed&gt;');
    expect(figure(html, 'dsdm')).toContain('dsdm: step failed: out of memory');
    expect(figure(html, 'dsdm')).not.toContain('<table>');
    expect(html).toContain('moran: step failed: no result');
    expect(html).not.toMatch(/aria-label="Moran's I by year"/);
    expect(report.tables.map((t) => t.id)).toEqual(tableIds.filter((id) => id !== 'dsdm'));
    const sdm = report.tables.find((t) => t.id === 'sdm')!.csv;
    // the failed column: "step failed" in the first row, blanks below; the other columns intact
    expect(sdm).toMatch(/^lq,[-0-9.]+\*{0,3},step failed,[-0-9.]+\*{0,3},\[/m);
    expect(sdm).toMatch(/^ρ,[-0-9.]+\*{0,3},,[-0-9.]+\*{0,3},/m);
    expect(report.tables.find((t) => t.id === 'sdm')!.tex).toContain(
      'sdm-inverse: step failed: worker <crashed>',
    );
    const het = report.tables.find((t) => t.id === 'heterogeneity')!.csv;
    expect(het).toMatch(/^lq,[-0-9.]+\*{0,3},[-0-9.]+\*{0,3},step failed,step failed$/m);
    // still linked, so that the failed analysis can be opened
    expect(figure(html, 'dsdm')).toContain('href="/analyses/dsdm"');
    expect(html).toMatch(/aria-label="coefficient plot"/);
  });

  it('renders without the calibration (DGP values left blank) and with no planned results at all', () => {
    const noCalibration = buildStudyReport(failing(run, { calibration: 'diverged' }));
    expect(noCalibration.html).toContain('calibration: step failed: diverged');
    const baseline = noCalibration.tables.find((t) => t.id === 'baseline')!.csv;
    expect(baseline).toMatch(/^lq,[-0-9.]+\*{0,3},[-0-9.]+\*{0,3},$/m);
    expect(noCalibration.tables.find((t) => t.id === 'baseline')!.tex).toContain(
      'the calibration step failed (diverged)',
    );

    const empty = buildStudyReport({ preparation: run.preparation, steps: {} });
    expect(empty.tables.map((t) => t.id)).toEqual(['descriptives', 'entropy-weights']);
    expect(empty.html).toContain('<strong>The data are simulated.</strong>');
    for (const id of planIds) expect(empty.html, id).toContain(`${id}: step failed: no result`);
    expect(empty.html).toContain('No estimates to plot');
  });
});
