/** Inline SVG charts of the study report (no scripts, fixed sizes, scaled by CSS). */
import type { MoranResult } from '@spillover/contracts';
import { escapeHtml, formatNumber } from './tables.js';

export interface CoefficientPoint {
  label: string;
  estimate: number;
  se: number;
  /** The DGP value on the same scale. */
  truth?: number;
}

/** "Nice" tick values covering [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => span / s <= count) ?? 10 * magnitude;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

const f = (x: number) => x.toFixed(1);

/** Moran's I by period: line with points (filled when p < 0.05) and the expectation as a dashed line. */
export function chartMoran(moran: MoranResult): string {
  const width = 720;
  const height = 300;
  const m = { left: 56, right: 16, top: 16, bottom: 40 };
  const data = moran.byTime;
  const values = data.flatMap((d) => [d.I, d.expectation]);
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values) * 1.1;
  const x = (k: number) => m.left + (k / Math.max(1, data.length - 1)) * (width - m.left - m.right);
  const y = (v: number) => height - m.bottom - ((v - lo) / (hi - lo)) * (height - m.top - m.bottom);
  const yTicks = ticks(lo, hi);
  const grid = yTicks
    .map(
      (v) =>
        `<line x1="${m.left}" x2="${width - m.right}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="#eee"/><text x="${m.left - 6}" y="${f(y(v) + 4)}" text-anchor="end">${formatNumber(v, 2)}</text>`,
    )
    .join('');
  const xLabels = data
    .map((d, k) =>
      k % 2 === 0 || k === data.length - 1
        ? `<text x="${f(x(k))}" y="${height - m.bottom + 16}" text-anchor="middle">${escapeHtml(String(d.time))}</text>`
        : '',
    )
    .join('');
  const line = data.map((d, k) => `${k === 0 ? 'M' : 'L'}${f(x(k))},${f(y(d.I))}`).join('');
  const expectation = data.map((d, k) => `${k === 0 ? 'M' : 'L'}${f(x(k))},${f(y(d.expectation))}`).join('');
  const points = data
    .map(
      (d, k) =>
        `<circle cx="${f(x(k))}" cy="${f(y(d.I))}" r="4" fill="${d.p < 0.05 ? '#1f5fa8' : '#fff'}" stroke="#1f5fa8"><title>${escapeHtml(String(d.time))}: I = ${formatNumber(d.I)}, z = ${formatNumber(d.z, 2)}, p = ${formatNumber(d.p)}</title></circle>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-size="11" role="img" aria-label="Moran's I by year">
${grid}${xLabels}
<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${height - m.bottom}" stroke="#999"/>
<path d="${expectation}" fill="none" stroke="#999" stroke-dasharray="4 3"/>
<path d="${line}" fill="none" stroke="#1f5fa8" stroke-width="1.5"/>${points}
<text x="14" y="${f((height - m.bottom + m.top) / 2)}" transform="rotate(-90 14 ${f((height - m.bottom + m.top) / 2)})" text-anchor="middle">Moran's I</text>
</svg>`;
}

/** Horizontal coefficient plot: estimate ± 1.96 SE per row, the DGP value as a diamond. */
export function chartCoefficients(points: CoefficientPoint[]): string {
  const width = 720;
  const row = 28;
  const m = { left: 190, right: 20, top: 12, bottom: 36 };
  const height = m.top + m.bottom + row * points.length;
  const values = points.flatMap((p) => [
    p.estimate - 1.96 * p.se,
    p.estimate + 1.96 * p.se,
    ...(p.truth !== undefined ? [p.truth] : []),
  ]);
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.05;
  const x = (v: number) => m.left + ((v - lo + pad) / (hi - lo + 2 * pad)) * (width - m.left - m.right);
  const xTicks = ticks(lo, hi);
  const axis = xTicks
    .map(
      (v) =>
        `<line x1="${f(x(v))}" x2="${f(x(v))}" y1="${m.top}" y2="${height - m.bottom}" stroke="${v === 0 ? '#999' : '#eee'}"/><text x="${f(x(v))}" y="${height - m.bottom + 16}" text-anchor="middle">${formatNumber(v, 2)}</text>`,
    )
    .join('');
  const rows = points
    .map((p, k) => {
      const cy = m.top + row * k + row / 2;
      const diamond =
        p.truth !== undefined
          ? `<path d="M${f(x(p.truth))},${f(cy - 6)}l6,6l-6,6l-6,-6z" fill="#d9822b"><title>DGP ${formatNumber(p.truth)}</title></path>`
          : '';
      return `<text x="${m.left - 8}" y="${f(cy + 4)}" text-anchor="end">${escapeHtml(p.label)}</text>
<line x1="${f(x(p.estimate - 1.96 * p.se))}" x2="${f(x(p.estimate + 1.96 * p.se))}" y1="${f(cy)}" y2="${f(cy)}" stroke="#1f5fa8" stroke-width="2"/>
<circle cx="${f(x(p.estimate))}" cy="${f(cy)}" r="4" fill="#1f5fa8"><title>${escapeHtml(p.label)}: ${formatNumber(p.estimate)} (${formatNumber(p.se)})</title></circle>${diamond}`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-size="11" role="img" aria-label="coefficient plot">
${axis}
${rows}
</svg>`;
}
