/**
 * The report's spatial tables: LM tests, the static SDM under the three weights matrices and the
 * dynamic SDM with short- and long-run effects, with the DGP values (the DGP uses the kNN matrix).
 */
import type { RegressionResult } from '@spillover/contracts';
import { CONTROLS } from './panel-ids.js';
import { cellOf, starNote, tableOf, truthCell, type ReportContext } from './report-context.js';
import { estimateCell, formatP, textCell, type Cell } from './tables.js';

const TERMS = ['lq', ...CONTROLS];
export const SDM_STEPS = ['sdm-knn', 'sdm-inverse', 'sdm-economic'];

export function lmTestsTable(ctx: ReportContext) {
  return tableOf(
    ctx,
    {
      id: 'lm-tests',
      title: 'Lagrange multiplier tests (two-way FE residuals, kNN W)',
      stepIds: ['lm-tests'],
      kind: 'regression',
    },
    ([r]) => ({
      header: ['statistic', 'df', 'p'],
      rows: Object.entries(r!.lmTests ?? {}).map(([name, t]) => ({
        label: name,
        cells: [textCell(t.stat), textCell(String(t.df)), textCell(formatP(t.p))],
      })),
      notes: [`Balanced sub-panel of ${ctx.preparation.balanced.units} cities.`],
    }),
  );
}

export function sdmTable(ctx: ReportContext) {
  const { parameters: p, implied } = ctx.preparation.demo.dgp;
  const { scaled } = ctx;
  return tableOf(
    ctx,
    {
      id: 'sdm',
      title: 'Spatial Durbin model with two-way fixed effects under three weights matrices',
      stepIds: SDM_STEPS,
      kind: 'regression',
    },
    (sdm) => {
      const each = (cell: (r: RegressionResult) => Cell) => sdm.map((r) => cellOf(r, cell));
      const effectRow = (label: string, kind: 'direct' | 'indirect' | 'total', truth: number) => ({
        label,
        cells: [...each((r) => estimateCell(r.impacts?.[kind].lq)), truthCell(scaled(truth))],
      });
      return {
        header: ['kNN', 'inverse distance', 'economic', 'DGP (kNN)'],
        columnSteps: [...SDM_STEPS, undefined],
        rows: [
          ...TERMS.map((t) => ({
            label: t,
            cells: [
              ...each((r) => estimateCell(r.coefficients[t])),
              truthCell(scaled(implied.reducedForm[t])),
            ],
          })),
          ...TERMS.map((t) => ({
            label: `W*${t}`,
            cells: [
              ...each((r) => estimateCell(r.coefficients[`W*${t}`])),
              truthCell(t === 'lq' ? scaled(p.theta) : 0),
            ],
          })),
          { label: 'ρ', cells: [...each((r) => estimateCell(r.rho)), truthCell(p.rho)] },
          effectRow('direct effect of lq', 'direct', implied.impacts.shortRun.direct),
          effectRow('indirect effect of lq', 'indirect', implied.impacts.shortRun.indirect),
          effectRow('total effect of lq', 'total', implied.impacts.shortRun.total),
          { label: 'log-likelihood', cells: [...each((r) => textCell(r.logLik ?? NaN)), textCell('')] },
          { label: 'N', cells: [...each((r) => textCell(String(r.nobs))), textCell('')] },
        ],
        notes: [
          starNote,
          `ML estimates, SEs from the information matrix; effects by LeSage–Pace with ${ctx.preparation.reps.draws} simulation draws.`,
          ctx.scaleNote,
          `The DGP is dynamic (τ = ${p.tau}, η = ${p.eta}); the static SDM omits L.y and W*L.y, so its ρ and effects are expected to absorb part of them. The DGP uses the kNN W: other matrices have no true value.`,
        ],
      };
    },
  );
}

export function dsdmTable(ctx: ReportContext) {
  const { parameters: p, implied } = ctx.preparation.demo.dgp;
  const { scaled } = ctx;
  const y = 'resilience';
  return tableOf(
    ctx,
    {
      id: 'dsdm',
      title: 'Dynamic spatial Durbin model (two-way FE, Lee–Yu correction, kNN W)',
      stepIds: ['dsdm'],
      kind: 'regression',
    },
    ([dsdm]) => {
      const sr = dsdm!.impacts;
      const lr = dsdm!.impactsLongRun;
      const row = (label: string, cell: Cell, truth: number | undefined) => ({
        label,
        cells: [cell, truthCell(truth)],
      });
      return {
        header: ['estimate', 'DGP'],
        rows: [
          row(`τ: L.${y}`, estimateCell(dsdm!.coefficients[`L.${y}`]), p.tau),
          row(`η: W*L.${y}`, estimateCell(dsdm!.coefficients[`W*L.${y}`]), p.eta),
          row('ρ: W*y', estimateCell(dsdm!.rho), p.rho),
          ...TERMS.map((t) => row(t, estimateCell(dsdm!.coefficients[t]), scaled(implied.reducedForm[t]))),
          row('W*lq', estimateCell(dsdm!.coefficients['W*lq']), scaled(p.theta)),
          row('short-run direct', estimateCell(sr?.direct.lq), scaled(implied.impacts.shortRun.direct)),
          row('short-run indirect', estimateCell(sr?.indirect.lq), scaled(implied.impacts.shortRun.indirect)),
          row('short-run total', estimateCell(sr?.total.lq), scaled(implied.impacts.shortRun.total)),
          row('long-run direct', estimateCell(lr?.direct.lq), scaled(implied.impacts.longRun.direct)),
          row('long-run indirect', estimateCell(lr?.indirect.lq), scaled(implied.impacts.longRun.indirect)),
          row('long-run total', estimateCell(lr?.total.lq), scaled(implied.impacts.longRun.total)),
          { label: 'N', cells: [textCell(String(dsdm!.nobs)), textCell('')] },
        ],
        notes: [
          starNote,
          'Quasi-ML with the Lee–Yu bias correction; W*controls estimated but not shown (true value 0).',
          ctx.scaleNote,
        ],
      };
    },
  );
}
