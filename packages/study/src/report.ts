/**
 * `buildStudyReport`: the study's tables (booktabs LaTeX and CSV) and a self-contained report.html
 * (inline CSS and SVG, no scripts, no external resources) from the preparation and the step results.
 * Returns them; the caller writes files (CLI) or stores them (platform). A step without a result is
 * shown as "step failed: <reason>" where its table, column or chart would be.
 */
import type { Estimate } from '@spillover/contracts';
import { indicators } from '@spillover/demo';
import { chartCoefficients, chartMoran, type CoefficientPoint } from './charts.js';
import { reportContext, type ReportContext } from './report-context.js';
import { page, reproduction, type Section } from './report-page.js';
import { descriptivesTable, entropyWeightsTable } from './report-tables-data.js';
import {
  baselineTable,
  heterogeneityTable,
  mediationTable,
  ROBUSTNESS,
  robustnessTable,
} from './report-tables-models.js';
import { dsdmTable, lmTestsTable, SDM_STEPS, sdmTable } from './report-tables-spatial.js';
import {
  analysisLink,
  escapeHtml,
  failureText,
  formatNumber,
  tableCsv,
  tableHtml,
  tableTex,
  type FailedTable,
  type LinkOf,
  type Table,
} from './tables.js';
import type { StudyReport, StudyReportOptions, StudyReportTable, StudyRun } from './types.js';

export function buildStudyReport(run: StudyRun, options: StudyReportOptions = {}): StudyReport {
  const ctx = reportContext(run);
  const { linkOf } = options;
  const tables: StudyReportTable[] = [];
  const add = (t: Table | FailedTable) => {
    if (!('failures' in t)) tables.push({ id: t.id, stepId: t.stepId, tex: tableTex(t), csv: tableCsv(t) });
    return tableHtml(t, linkOf);
  };
  const { dgp } = run.preparation.demo;
  const { balanced } = run.preparation;

  const sections: Section[] = [
    {
      id: 'data',
      title: '1. Data (simulated)',
      html: `<p>${run.preparation.options.cities} prefecture-level cities, ${dgp.years[0]}–${dgp.years[1]}, ${dgp.rows} city-years (seed ${dgp.seed}). Unbalanced: ${
        Object.values(dgp.observedYears)
          .map((r) => escapeHtml(r.reason))
          .join('; ') || 'no'
      }; ${dgp.missingCells.length} missing indicator cells. The spatial models use the balanced sub-panel of ${balanced.units} cities${
        balanced.dropped.length > 0 ? ` (left out: ${balanced.dropped.map(escapeHtml).join(', ')})` : ''
      }.</p>${add(descriptivesTable(ctx))}`,
    },
    {
      id: 'measurement',
      title: '2. Measurement',
      html: `<p>Urban resilience is the entropy-weighted index of ${indicators.length} indicators in four subsystems (economic, social, environmental, resource); digital-economy agglomeration is the location quotient of digital employment; government digital engagement is ln(1 + count) of digital-economy terms in the work reports.</p>${add(entropyWeightsTable(ctx))}${calibration(ctx, linkOf)}`,
    },
    { id: 'baseline', title: '3. Baseline regression', html: add(baselineTable(ctx)) },
    { id: 'mechanisms', title: '4. Mechanisms', html: add(mediationTable(ctx)) },
    {
      id: 'spatial',
      title: '5. Spatial analysis',
      html: `${moranFigure(ctx, linkOf)}${add(lmTestsTable(ctx))}${add(sdmTable(ctx))}`,
    },
    { id: 'dynamic', title: '6. Dynamic spatial Durbin model', html: add(dsdmTable(ctx)) },
    { id: 'heterogeneity', title: '7. Heterogeneity', html: add(heterogeneityTable(ctx)) },
    {
      id: 'robustness',
      title: '8. Robustness',
      html: `${add(robustnessTable(ctx))}<figure class="chart"><figcaption class="title">Effect of digital agglomeration across models (95 % intervals; ◆ DGP value)</figcaption>${coefficientChart(ctx)}</figure>`,
    },
    { id: 'reproduce', title: '9. Reproduction', html: reproduction(run, ctx, options) },
  ];
  return { html: page(run, sections), tables };
}

function failedParagraph(ctx: ReportContext, stepId: string, linkOf: LinkOf | undefined): string {
  return `<p class="failed">${escapeHtml(failureText(ctx.failure(stepId)))}${analysisLink(stepId, linkOf)}</p>`;
}

function calibration(ctx: ReportContext, linkOf: LinkOf | undefined): string {
  const r = ctx.result('calibration', 'regression');
  const slope = r?.coefficients.resilience_latent;
  if (!slope) return `<p>Calibration (simulation only):</p>${failedParagraph(ctx, 'calibration', linkOf)}`;
  return `<p>Calibration (simulation only): the index is c0 + c1 × latent resilience + noise with c1 = ${formatNumber(slope.estimate, 4)} (SE ${formatNumber(slope.se, 4)}, within R² ${formatNumber(r.r2Within)}).${analysisLink('calibration', linkOf)}</p>`;
}

function moranFigure(ctx: ReportContext, linkOf: LinkOf | undefined): string {
  const moran = ctx.result('moran', 'moran');
  const title = `<figcaption class="title">Global Moran's I of resilience by year (kNN W)${analysisLink('moran', linkOf)}</figcaption>`;
  if (!moran) return `<figure class="chart">${title}${failedParagraph(ctx, 'moran', undefined)}</figure>`;
  return `<figure class="chart">${title}${chartMoran(moran)}<figcaption class="notes">Filled points: p &lt; 0.05 (one-sided, randomisation). Dashed line: E[I] = −1/(n − 1).</figcaption></figure>`;
}

/** The effect of LQ across the models that have a result, each with its DGP value. */
function coefficientChart(ctx: ReportContext): string {
  const { implied } = ctx.preparation.demo.dgp;
  const point = (label: string, e: Estimate | undefined, truth: number): CoefficientPoint[] =>
    e && e.se !== undefined ? [{ label, estimate: e.estimate, se: e.se, truth: ctx.scaled(truth) }] : [];
  const coefficient = (id: string, term: string) => ctx.result(id, 'regression')?.coefficients[term];
  const impacts = (id: string) => ctx.result(id, 'regression')?.impacts;
  const longRun = ctx.result('dsdm', 'regression')?.impactsLongRun;
  const { shortRun } = implied.impacts;
  const [lag, winsor, iv] = ROBUSTNESS;
  const [knn, inverse, economic] = SDM_STEPS;
  const points = [
    ...point('FE (baseline)', coefficient('baseline-2', 'lq'), implied.reducedForm.lq!),
    ...point('FE, L.lq', coefficient(lag!.stepId, lag!.treatment), implied.reducedForm.lq!),
    ...point('FE, winsorised', coefficient(winsor!.stepId, winsor!.treatment), implied.reducedForm.lq!),
    ...point('IV (L.lq)', coefficient(iv!.stepId, iv!.treatment), implied.reducedForm.lq!),
    ...point('SDM kNN: direct', impacts(knn!)?.direct.lq, shortRun.direct),
    ...point('SDM inv. distance: direct', impacts(inverse!)?.direct.lq, shortRun.direct),
    ...point('SDM economic: direct', impacts(economic!)?.direct.lq, shortRun.direct),
    ...point('DSDM: short-run direct', impacts('dsdm')?.direct.lq, shortRun.direct),
    ...point('DSDM: long-run direct', longRun?.direct.lq, implied.impacts.longRun.direct),
  ];
  return points.length > 0
    ? chartCoefficients(points)
    : '<p class="failed">No estimates to plot: the steps of this chart failed.</p>';
}
