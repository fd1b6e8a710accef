import { useId } from 'react';
import { linearScale, niceTicks, tickLabel } from './chart-scale';
import { formatNumber } from './format';

export interface ScatterPoint {
  unit: string;
  /** Standardised value of the unit. */
  z: number;
  /** Spatial lag of the standardised values (neighbours' weighted average for row-standardised W). */
  wz: number;
}

export type Quadrant = 'HH' | 'LH' | 'LL' | 'HL';

/** Quadrant of the Moran scatter plot: own value High/Low, then neighbours' value High/Low. */
export function quadrantOf(point: Pick<ScatterPoint, 'z' | 'wz'>): Quadrant {
  if (point.z >= 0) return point.wz >= 0 ? 'HH' : 'HL';
  return point.wz >= 0 ? 'LH' : 'LL';
}

/** Least-squares line wz = a + b z (with row-standardised W, b is Moran's I). */
export function scatterFit(points: ScatterPoint[]): { intercept: number; slope: number } {
  const n = points.length;
  const mz = points.reduce((s, p) => s + p.z, 0) / n;
  const mw = points.reduce((s, p) => s + p.wz, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.z - mz) * (p.wz - mw);
    sxx += (p.z - mz) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: mw - slope * mz, slope };
}

export interface MoranScatterProps {
  points: ScatterPoint[];
  variable: string;
  time: string | number;
  size?: number;
}

const margin = { top: 16, right: 16, bottom: 44, left: 52 };
const quadrantNames: Record<Quadrant, string> = {
  HH: 'high values among high neighbours',
  LH: 'low values among high neighbours',
  LL: 'low values among low neighbours',
  HL: 'high values among low neighbours',
};

/**
 * Moran scatter plot (Anselin 1996) of one period: each unit's standardised value against its spatial
 * lag, the least-squares line through them and the four quadrants HH, LH, LL, HL with their counts.
 */
export function MoranScatter({ points, variable, time, size = 440 }: MoranScatterProps) {
  const titleId = useId();
  const clipId = useId();
  const inner = size - margin.left - margin.right;
  const extent = Math.max(
    1,
    ...points.flatMap((p) => [Math.abs(p.z), Math.abs(p.wz)]).filter(Number.isFinite),
  );
  const ticks = niceTicks(-extent, extent, 6);
  const bound = Math.max(Math.abs(ticks.min), Math.abs(ticks.max));
  const xScale = linearScale(-bound, bound, margin.left, margin.left + inner);
  const yScale = linearScale(-bound, bound, margin.top + inner, margin.top);
  const values = ticks.values.filter((v) => Math.abs(v) <= bound);
  const fit = scatterFit(points);
  const counts: Record<Quadrant, number> = { HH: 0, LH: 0, LL: 0, HL: 0 };
  for (const p of points) counts[quadrantOf(p)] += 1;
  const corners: { quadrant: Quadrant; x: number; y: number; anchor: 'start' | 'end' }[] = [
    { quadrant: 'HH', x: margin.left + inner - 6, y: margin.top + 14, anchor: 'end' },
    { quadrant: 'LH', x: margin.left + 6, y: margin.top + 14, anchor: 'start' },
    { quadrant: 'LL', x: margin.left + 6, y: margin.top + inner - 8, anchor: 'start' },
    { quadrant: 'HL', x: margin.left + inner - 6, y: margin.top + inner - 8, anchor: 'end' },
  ];
  const bottom = margin.top + inner;

  return (
    <figure className="sp-chart" data-testid="moran-scatter" data-time={String(time)}>
      <svg
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-labelledby={titleId}
        className="sp-chart-svg sp-chart-square"
      >
        <title id={titleId}>
          {`Moran scatter plot of ${variable}, ${String(time)}: slope ${formatNumber(fit.slope)}; ` +
            `HH ${counts.HH}, LH ${counts.LH}, LL ${counts.LL}, HL ${counts.HL} units`}
        </title>
        <defs>
          <clipPath id={clipId}>
            <rect x={margin.left} y={margin.top} width={inner} height={inner} />
          </clipPath>
        </defs>
        <rect className="sp-chart-frame" x={margin.left} y={margin.top} width={inner} height={inner} />
        <g className="sp-chart-axis">
          {values.map((v) => (
            <g key={v}>
              <line x1={xScale(v)} x2={xScale(v)} y1={bottom} y2={bottom + 5} />
              <text x={xScale(v)} y={bottom + 18} textAnchor="middle">
                {tickLabel(v, ticks.step)}
              </text>
              <line x1={margin.left - 5} x2={margin.left} y1={yScale(v)} y2={yScale(v)} />
              <text x={margin.left - 8} y={yScale(v)} dy="0.32em" textAnchor="end">
                {tickLabel(v, ticks.step)}
              </text>
            </g>
          ))}
          <text className="sp-chart-label" x={margin.left + inner / 2} y={size - 4} textAnchor="middle">
            {`${variable} (standardised)`}
          </text>
          <text
            className="sp-chart-label"
            transform={`translate(14 ${margin.top + inner / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {`W × ${variable} (spatial lag)`}
          </text>
        </g>
        <g className="sp-chart-zero">
          <line x1={xScale(0)} x2={xScale(0)} y1={margin.top} y2={bottom} />
          <line x1={margin.left} x2={margin.left + inner} y1={yScale(0)} y2={yScale(0)} />
        </g>
        {corners.map(({ quadrant, x, y, anchor }) => (
          <g key={quadrant}>
            <title>{quadrantNames[quadrant]}</title>
            <text
              className="sp-chart-quadrant"
              x={x}
              y={y}
              textAnchor={anchor}
              data-testid={`quadrant-${quadrant}`}
            >
              {`${quadrant} · ${counts[quadrant]}`}
            </text>
          </g>
        ))}
        <g clipPath={`url(#${clipId})`}>
          <line
            className="sp-chart-fit"
            x1={xScale(-bound)}
            x2={xScale(bound)}
            y1={yScale(fit.intercept - fit.slope * bound)}
            y2={yScale(fit.intercept + fit.slope * bound)}
            data-testid="scatter-line"
            data-slope={fit.slope}
          />
          {points.map((p) => (
            <circle
              key={p.unit}
              className="sp-chart-dot"
              cx={xScale(p.z)}
              cy={yScale(p.wz)}
              r={3.5}
              data-testid="scatter-point"
              data-unit={p.unit}
              data-quadrant={quadrantOf(p)}
            >
              <title>{`${p.unit}: z = ${formatNumber(p.z, 3)}, Wz = ${formatNumber(p.wz, 3)}`}</title>
            </circle>
          ))}
        </g>
      </svg>
      <figcaption className="sp-note">
        {`${String(time)}: slope of the fitted line ${formatNumber(fit.slope)} (Moran's I for row-standardised weights).`}
      </figcaption>
    </figure>
  );
}
