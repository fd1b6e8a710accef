/** The report's data tables: descriptive statistics of the analysis panel and the entropy weights. */
import { parsePanelCsv } from '@spillover/core';
import { indicators } from '@spillover/demo';
import { CONTROLS, panelIds } from './panel-ids.js';
import { tableOf, type ReportContext } from './report-context.js';
import { textCell, type Table } from './tables.js';

const DESCRIBED = [
  'resilience',
  'resilience_economic',
  'resilience_social',
  'resilience_environmental',
  'resilience_resource',
  'lq',
  'digital_ln',
  'ln_patents',
  'ind_upgrade',
  ...CONTROLS,
];

/** N, mean, sd (n − 1), min, max of the finite values; the panel is the output of the measurement steps. */
export function descriptivesTable(ctx: ReportContext): Table {
  const panel = parsePanelCsv(ctx.preparation.data.analysisPanelCsv, panelIds.unit, panelIds.time);
  return {
    id: 'descriptives',
    stepId: 'transform',
    title: 'Descriptive statistics (simulated data)',
    header: ['N', 'mean', 'sd', 'min', 'max'],
    rows: DESCRIBED.map((name) => {
      const v = Array.from(panel.columns.get(name)!).filter(Number.isFinite);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
      return {
        label: name,
        cells: [
          textCell(String(v.length)),
          textCell(mean),
          textCell(sd),
          textCell(Math.min(...v)),
          textCell(Math.max(...v)),
        ],
      };
    }),
    notes: [
      'resilience: entropy index (pooled weights) of 20 indicators; resilience_<subsystem>: its four subsystem scores; lq: location quotient of digital employment; digital_ln: ln(1 + digital keyword count) of the work report.',
    ],
  };
}

export function entropyWeightsTable(ctx: ReportContext) {
  return tableOf(
    ctx,
    {
      id: 'entropy-weights',
      title: 'Entropy weights of the resilience indicators',
      stepIds: ['entropy-index'],
      kind: 'entropy-index',
    },
    ([entropy]) => ({
      header: ['subsystem', 'direction', 'weight', 'within subsystem'],
      rows: indicators.map((d) => ({
        label: `${d.column}: ${d.label}`,
        cells: [
          textCell(d.subsystem),
          textCell(d.direction),
          textCell(entropy!.weights[d.column] ?? NaN),
          textCell(entropy!.groupWeights[d.subsystem]?.[d.column] ?? NaN),
        ],
      })),
      notes: [
        `Pooled entropy weights over ${entropy!.nobs} city-years (rows with a missing indicator left out: ${entropy!.droppedRows ?? 0}).`,
      ],
    }),
  );
}
