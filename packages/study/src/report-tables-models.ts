/**
 * The report's non-spatial model tables: baseline two-way FE, mediation, heterogeneity and robustness,
 * each with the DGP value next to the estimate.
 */
import type { RegressionResult } from '@spillover/contracts';
import { CONTROLS } from './panel-ids.js';
import { cellOf, starNote, tableOf, truthCell, type ReportContext } from './report-context.js';
import { estimateCell, formatNumber, formatP, textCell, type Cell } from './tables.js';

const TERMS = ['lq', ...CONTROLS];

export function baselineTable(ctx: ReportContext) {
  const { reducedForm } = ctx.preparation.demo.dgp.implied;
  const stepIds = ['baseline-1', 'baseline-2'];
  return tableOf(
    ctx,
    {
      id: 'baseline',
      title: 'Baseline: two-way fixed effects, resilience on digital agglomeration',
      stepIds,
      kind: 'regression',
    },
    (base) => {
      const each = (cell: (r: RegressionResult) => Cell) => base.map((r) => cellOf(r, cell));
      return {
        header: ['(1) FE', '(2) FE + controls', 'DGP'],
        columnSteps: [...stepIds, undefined],
        rows: [
          ...TERMS.map((t) => ({
            label: t,
            cells: [...each((r) => estimateCell(r.coefficients[t])), truthCell(ctx.scaled(reducedForm[t]))],
          })),
          { label: 'city and year FE', cells: [...each(() => textCell('yes')), textCell('')] },
          { label: 'N', cells: [...each((r) => textCell(String(r.nobs))), textCell('')] },
          { label: 'cities', cells: [...each((r) => textCell(String(r.nunits))), textCell('')] },
          { label: 'within R²', cells: [...each((r) => textCell(r.r2Within ?? NaN)), textCell('')] },
        ],
        notes: [
          starNote,
          'Cluster-robust SEs by city.',
          ctx.scaleNote,
          'The DGP column is the reduced-form slope (mediators substituted out); with spatial and dynamic terms in the DGP a non-spatial FE is not expected to hit it exactly.',
        ],
      };
    },
  );
}

type Mediator = 'ln_patents' | 'ind_upgrade';

export function mediationTable(ctx: ReportContext) {
  const implied = ctx.preparation.demo.dgp.implied.mediation;
  const truthMed = { ln_patents: implied.innovation, ind_upgrade: implied.upgrading };
  const { scaled } = ctx;
  return tableOf(
    ctx,
    {
      id: 'mediation',
      title: 'Mechanisms: innovation (ln patents per 10,000) and industrial-structure upgrading',
      stepIds: ['mediation'],
      kind: 'mediation',
    },
    ([mediation]) => {
      const m = (name: Mediator) => mediation!.mediators[name];
      const interval = (name: Mediator, which: 'percentile' | 'bca') => {
        const b = m(name)?.bootstrap;
        return textCell(b ? `[${formatNumber(b[which][0])}, ${formatNumber(b[which][1])}]` : 'n/a');
      };
      const rows: {
        label: string;
        cell: (m: Mediator) => Cell;
        truth: (m: Mediator) => number | undefined;
      }[] = [
        {
          label: 'total effect c (LQ → resilience)',
          cell: () => estimateCell(mediation!.total),
          truth: () => scaled(implied.total),
        },
        { label: 'a (LQ → mediator)', cell: (k) => estimateCell(m(k)?.a), truth: (k) => truthMed[k].a },
        {
          label: 'b (mediator → resilience)',
          cell: (k) => estimateCell(m(k)?.b),
          truth: (k) => scaled(truthMed[k].b),
        },
        {
          label: "direct effect c'",
          cell: (k) => estimateCell(m(k)?.cPrime),
          truth: (k) => scaled(implied.total - truthMed[k].indirect),
        },
        {
          label: 'indirect a×b (Sobel SE)',
          cell: (k) => {
            const ind = m(k)?.indirect;
            return estimateCell(ind && { estimate: ind.estimate, se: ind.sobel.se, p: ind.sobel.p });
          },
          truth: (k) => scaled(truthMed[k].indirect),
        },
        {
          label: 'bootstrap 95 % CI (percentile)',
          cell: (k) => interval(k, 'percentile'),
          truth: () => undefined,
        },
        { label: 'bootstrap 95 % CI (BCa)', cell: (k) => interval(k, 'bca'), truth: () => undefined },
        {
          label: 'proportion mediated',
          cell: (k) => textCell(m(k)?.proportionMediated ?? NaN),
          truth: (k) => truthMed[k].indirect / implied.total,
        },
      ];
      return {
        header: ['innovation', 'DGP', 'upgrading', 'DGP'],
        rows: rows.map((r) => ({
          label: r.label,
          cells: [
            r.cell('ln_patents'),
            truthCell(r.truth('ln_patents')),
            r.cell('ind_upgrade'),
            truthCell(r.truth('ind_upgrade')),
          ],
        })),
        notes: [
          starNote,
          `Two-way FE, SEs clustered by city, controls in every path; cluster bootstrap over cities with ${ctx.preparation.reps.bootstrap} replications. Each mediator is analysed on its own.`,
          ctx.scaleNote,
        ],
      };
    },
  );
}

export function heterogeneityTable(ctx: ReportContext) {
  const h = ctx.preparation.demo.dgp.implied.heterogeneity;
  const stepIds = ['heterogeneity-engagement', 'heterogeneity-agglomeration'];
  return tableOf(
    ctx,
    {
      id: 'heterogeneity',
      title: 'Heterogeneity: government digital engagement and urban agglomerations',
      stepIds,
      kind: 'heterogeneity',
    },
    (het) => {
      const fits = het.flatMap((r) => [r?.groups[0], r?.groups[1]]);
      const truths = [h.engagementLow, h.engagementHigh, h.outsideAgglomeration, h.insideAgglomeration];
      const diff = het.map((r) => r?.differences.find((d) => d.coefficient === 'lq'));
      return {
        header: ['low engagement', 'high engagement', 'outside agglomerations', 'inside agglomerations'],
        columnSteps: [stepIds[0], stepIds[0], stepIds[1], stepIds[1]],
        rows: [
          { label: 'lq', cells: fits.map((g) => estimateCell(g?.coefficients.lq)) },
          { label: 'DGP (lq)', cells: truths.map((x) => truthCell(ctx.scaled(x))) },
          { label: 'group', cells: fits.map((g) => textCell(g?.group ?? '')) },
          { label: 'N', cells: fits.map((g) => textCell(String(g?.nobs ?? ''))) },
          {
            label: 'difference (suest p)',
            cells: diff.flatMap((d) => [textCell(''), textCell(formatP(d?.suest?.p))]),
          },
          {
            label: 'interaction lq × group',
            cells: diff.flatMap((d) => [textCell(''), estimateCell(d?.interaction)]),
          },
        ],
        notes: [
          starNote,
          'Split-sample two-way FE with controls, SEs clustered by city; engagement groups by the median of the keyword index within each year; suest: seemingly-unrelated Wald test of equal lq slopes.',
          `${ctx.scaleNote} DGP groups use the persistent latent engagement, the estimates the measured keyword index.`,
        ],
      };
    },
  );
}

/** The treatment column of each robustness model: L.lq, winsorised lq, lq instrumented by L.lq. */
export const ROBUSTNESS = [
  { stepId: 'robust-lag', treatment: 'lq_lag1', header: 'L.lq' },
  { stepId: 'robust-winsor', treatment: 'lq_w', header: 'winsorised' },
  { stepId: 'robust-iv', treatment: 'lq', header: 'IV (L.lq)' },
];

export function robustnessTable(ctx: ReportContext) {
  const { reducedForm } = ctx.preparation.demo.dgp.implied;
  const stepIds = ROBUSTNESS.map((r) => r.stepId);
  return tableOf(
    ctx,
    {
      id: 'robustness',
      title: 'Robustness: lagged regressor, winsorised variables, IV',
      stepIds,
      kind: 'regression',
    },
    (rob) => {
      const each = (cell: (r: RegressionResult, k: number) => Cell) =>
        rob.map((r, k) => cellOf(r, (x) => cell(x, k)));
      return {
        header: [...ROBUSTNESS.map((r) => r.header), 'DGP'],
        columnSteps: [...stepIds, undefined],
        rows: [
          {
            label: 'digital agglomeration',
            cells: [
              ...each((r, k) => estimateCell(r.coefficients[ROBUSTNESS[k]!.treatment])),
              truthCell(ctx.scaled(reducedForm.lq)),
            ],
          },
          ...CONTROLS.map((t) => ({
            label: t,
            cells: [...each((r) => estimateCell(r.coefficients[t])), truthCell(ctx.scaled(reducedForm[t]))],
          })),
          { label: 'N', cells: [...each((r) => textCell(String(r.nobs))), textCell('')] },
        ],
        notes: [
          starNote,
          'Two-way FE, SEs clustered by city. Column 1 replaces lq by its one-year lag, column 2 winsorises resilience and lq at 1 %/99 %, column 3 instruments lq with L.lq (2SLS within estimator).',
          ctx.scaleNote,
        ],
      };
    },
  );
}
