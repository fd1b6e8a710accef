import { useId } from 'react';
import { linearScale, niceTicks, tickLabel } from '../chart-scale';
import { formatNumber } from '../format';

export interface ThresholdLrPlotProps {
  /** LR(γ) points of one threshold, in any order. */
  points: { gamma: number; lr: number }[];
  estimate: number;
  /** −2 ln(1 − √0.95) ≈ 7.35 for 95 % intervals. */
  critical?: number;
  /** 1-based position of the threshold, for the title. */
  threshold?: number;
  variable?: string;
  width?: number;
  height?: number;
}

const margin = { top: 24, right: 20, bottom: 44, left: 52 };

/** Hansen's likelihood-ratio curve LR(γ): the curve, the critical-value line and the estimate γ̂ (LR = 0). */
export function ThresholdLrPlot({
  points,
  estimate,
  critical = 7.35,
  threshold = 1,
  variable = 'γ',
  width = 560,
  height = 260,
}: ThresholdLrPlotProps) {
  const titleId = useId();
  const sorted = [...points].filter((p) => Number.isFinite(p.lr)).sort((a, b) => a.gamma - b.gamma);
  const gammas = sorted.map((p) => p.gamma);
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const x = niceTicks(Math.min(...gammas, estimate), Math.max(...gammas, estimate), 6);
  const y = niceTicks(0, Math.max(critical * 1.2, ...sorted.map((p) => p.lr)), 5);
  const xScale = linearScale(x.min, x.max, margin.left, margin.left + innerWidth);
  const yScale = linearScale(y.min, y.max, margin.top + innerHeight, margin.top);
  const bottom = margin.top + innerHeight;
  const path = sorted.map((p) => `${xScale(p.gamma)},${yScale(p.lr)}`).join(' ');
  return (
    <figure className="sp-chart" data-testid="threshold-lr-plot">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} className="sp-chart-svg">
        <title id={titleId}>
          {`LR curve of threshold ${threshold} of ${variable}: estimate ${formatNumber(estimate)}, critical value ${formatNumber(critical, 2)}`}
        </title>
        <g className="sp-chart-grid">
          {y.values.map((v) => (
            <line key={v} x1={margin.left} x2={margin.left + innerWidth} y1={yScale(v)} y2={yScale(v)} />
          ))}
        </g>
        <line
          className="sp-chart-expectation"
          x1={margin.left}
          x2={margin.left + innerWidth}
          y1={yScale(critical)}
          y2={yScale(critical)}
          data-testid="lr-critical"
        />
        <text
          className="sp-chart-note"
          x={margin.left + innerWidth - 4}
          y={yScale(critical) - 6}
          textAnchor="end"
        >
          {`95 % critical value ${formatNumber(critical, 2)}`}
        </text>
        <polyline className="sp-chart-line" points={path} data-testid="lr-curve" />
        <line
          className="sp-chart-estimate"
          x1={xScale(estimate)}
          x2={xScale(estimate)}
          y1={margin.top}
          y2={bottom}
          data-testid="lr-estimate"
        />
        <circle
          className="sp-chart-point sp-chart-point-significant"
          cx={xScale(estimate)}
          cy={yScale(0)}
          r={4.5}
        >
          <title>{`γ̂ = ${formatNumber(estimate)}`}</title>
        </circle>
        <g className="sp-chart-axis">
          <line x1={margin.left} x2={margin.left + innerWidth} y1={bottom} y2={bottom} />
          <line x1={margin.left} x2={margin.left} y1={margin.top} y2={bottom} />
          {x.values.map((v) => (
            <text key={v} x={xScale(v)} y={bottom + 16} textAnchor="middle">
              {tickLabel(v, x.step)}
            </text>
          ))}
          {y.values.map((v) => (
            <text key={v} x={margin.left - 8} y={yScale(v)} dy="0.32em" textAnchor="end">
              {tickLabel(v, y.step)}
            </text>
          ))}
          <text
            className="sp-chart-label"
            x={margin.left + innerWidth / 2}
            y={height - 6}
            textAnchor="middle"
          >
            {`threshold ${threshold}: ${variable}`}
          </text>
          <text
            className="sp-chart-label"
            transform={`translate(14 ${margin.top + innerHeight / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            LR(γ)
          </text>
        </g>
      </svg>
    </figure>
  );
}
