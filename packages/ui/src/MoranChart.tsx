import { useId } from 'react';
import { formatNumber, formatPValue } from './format';
import { linearScale, niceTicks, tickLabel } from './chart-scale';

export interface MoranChartPoint {
  time: string | number;
  I: number;
  expectation: number;
  /** The p-value that decides whether the point is marked significant. */
  p: number;
}

export interface MoranChartProps {
  points: MoranChartPoint[];
  variable: string;
  /** Significance level of the marked points. */
  alpha?: number;
  /** What `p` is, for the legend (e.g. "two-sided"). */
  pLabel?: string;
  width?: number;
  height?: number;
}

const margin = { top: 28, right: 20, bottom: 44, left: 60 };

/**
 * Moran's I by period as a line chart: the statistic, its expectation under no autocorrelation (dashed)
 * and the periods where I differs significantly from it (filled points).
 */
export function MoranChart({
  points,
  variable,
  alpha = 0.05,
  pLabel = 'two-sided',
  width = 720,
  height = 300,
}: MoranChartProps) {
  const titleId = useId();
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const values = points.flatMap((p) => [p.I, p.expectation]).filter(Number.isFinite);
  const y = niceTicks(Math.min(...values, 0), Math.max(...values, 0), 5);
  const yScale = linearScale(y.min, y.max, margin.top + innerHeight, margin.top);
  const xAt = (i: number) =>
    points.length === 1 ? margin.left + innerWidth / 2 : margin.left + (i / (points.length - 1)) * innerWidth;
  // At most about twelve period labels: every k-th, always the first and last.
  const every = Math.max(1, Math.ceil(points.length / 12));
  const labelled = (i: number) => i % every === 0 || i === points.length - 1;
  const path = (key: 'I' | 'expectation') =>
    points
      .map((p, i) => (Number.isFinite(p[key]) ? `${xAt(i).toFixed(1)},${yScale(p[key]).toFixed(1)}` : ''))
      .filter(Boolean)
      .join(' ');
  const bottom = margin.top + innerHeight;
  const significant = points.filter((p) => p.p < alpha).length;

  return (
    <figure className="sp-chart" data-testid="moran-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} className="sp-chart-svg">
        <title id={titleId}>
          {`Moran's I of ${variable} by period: ${significant} of ${points.length} periods significant at ${alpha}`}
        </title>
        <g className="sp-chart-grid">
          {y.values.map((v) => (
            <line key={v} x1={margin.left} x2={margin.left + innerWidth} y1={yScale(v)} y2={yScale(v)} />
          ))}
        </g>
        <g className="sp-chart-axis" data-testid="y-axis">
          <line x1={margin.left} x2={margin.left} y1={margin.top} y2={bottom} />
          {y.values.map((v) => (
            <g key={v}>
              <line x1={margin.left - 5} x2={margin.left} y1={yScale(v)} y2={yScale(v)} />
              <text x={margin.left - 8} y={yScale(v)} dy="0.32em" textAnchor="end">
                {tickLabel(v, y.step)}
              </text>
            </g>
          ))}
          <text
            className="sp-chart-label"
            transform={`translate(14 ${margin.top + innerHeight / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            Moran&apos;s I
          </text>
        </g>
        <g className="sp-chart-axis" data-testid="x-axis">
          <line x1={margin.left} x2={margin.left + innerWidth} y1={bottom} y2={bottom} />
          {points.map((p, i) =>
            labelled(i) ? (
              <g key={String(p.time)}>
                <line x1={xAt(i)} x2={xAt(i)} y1={bottom} y2={bottom + 5} />
                <text x={xAt(i)} y={bottom + 18} textAnchor="middle">
                  {String(p.time)}
                </text>
              </g>
            ) : null,
          )}
          <text
            className="sp-chart-label"
            x={margin.left + innerWidth / 2}
            y={height - 4}
            textAnchor="middle"
          >
            Period
          </text>
        </g>
        <polyline
          className="sp-chart-expectation"
          points={path('expectation')}
          data-testid="moran-expectation"
        />
        <polyline className="sp-chart-line" points={path('I')} data-testid="moran-line" />
        {points.map((p, i) =>
          Number.isFinite(p.I) ? (
            <circle
              key={String(p.time)}
              className={p.p < alpha ? 'sp-chart-point sp-chart-point-significant' : 'sp-chart-point'}
              cx={xAt(i)}
              cy={yScale(p.I)}
              r={4.5}
              data-testid="moran-point"
              data-time={String(p.time)}
              data-significant={p.p < alpha}
            >
              <title>{`${String(p.time)}: I = ${formatNumber(p.I)}, p = ${formatPValue(p.p)}`}</title>
            </circle>
          ) : null,
        )}
        <g className="sp-chart-legend" transform={`translate(${margin.left + 8} ${margin.top - 14})`}>
          <line className="sp-chart-line" x1={0} x2={18} y1={0} y2={0} />
          <text x={24} y={0} dy="0.32em">
            I
          </text>
          <line className="sp-chart-expectation" x1={48} x2={66} y1={0} y2={0} />
          <text x={72} y={0} dy="0.32em">
            E[I]
          </text>
          <circle className="sp-chart-point sp-chart-point-significant" cx={118} cy={0} r={4.5} />
          <text x={127} y={0} dy="0.32em">
            p &lt; {alpha} ({pLabel})
          </text>
          <circle className="sp-chart-point" cx={300} cy={0} r={4.5} />
          <text x={309} y={0} dy="0.32em">
            not significant
          </text>
        </g>
      </svg>
    </figure>
  );
}
