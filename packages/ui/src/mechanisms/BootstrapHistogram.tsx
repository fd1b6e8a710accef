import { useId } from 'react';
import { linearScale, niceTicks, tickLabel } from '../chart-scale';
import { formatNumber } from '../format';
import type { HistogramData, IntervalData } from './types';

export interface BootstrapHistogramProps {
  histogram: HistogramData;
  /** The point estimate θ̂ (a·b). */
  estimate: number;
  interval: IntervalData;
  /** e.g. "95 % BCa interval". */
  intervalLabel: string;
  statistic?: string;
  width?: number;
  height?: number;
}

const margin = { top: 24, right: 20, bottom: 44, left: 52 };

/** The bootstrap distribution as a histogram, with the interval shaded and the estimate marked. */
export function BootstrapHistogram({
  histogram,
  estimate,
  interval,
  intervalLabel,
  statistic = 'a·b',
  width = 560,
  height = 260,
}: BootstrapHistogramProps) {
  const titleId = useId();
  const { min, max, counts } = histogram;
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const xTicks = niceTicks(Math.min(min, interval[0], estimate), Math.max(max, interval[1], estimate), 6);
  const xScale = linearScale(xTicks.min, xTicks.max, margin.left, margin.left + innerWidth);
  const yTicks = niceTicks(0, Math.max(1, ...counts), 4);
  const yScale = linearScale(0, yTicks.max, margin.top + innerHeight, margin.top);
  const binWidth = (max - min) / Math.max(1, counts.length);
  const bottom = margin.top + innerHeight;
  return (
    <figure className="sp-chart" data-testid="bootstrap-histogram">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} className="sp-chart-svg">
        <title id={titleId}>
          {`Bootstrap distribution of ${statistic}: estimate ${formatNumber(estimate)}, ${intervalLabel} [${formatNumber(interval[0])}, ${formatNumber(interval[1])}]`}
        </title>
        <rect
          className="sp-chart-interval"
          x={xScale(interval[0])}
          y={margin.top}
          width={Math.max(0, xScale(interval[1]) - xScale(interval[0]))}
          height={innerHeight}
          data-testid="histogram-interval"
        />
        {counts.map((count, i) => (
          <rect
            key={i}
            className="sp-chart-bar"
            x={xScale(min + i * binWidth)}
            y={yScale(count)}
            width={Math.max(0.5, xScale(min + (i + 1) * binWidth) - xScale(min + i * binWidth) - 0.5)}
            height={bottom - yScale(count)}
            data-testid="histogram-bar"
          />
        ))}
        <line
          className="sp-chart-estimate"
          x1={xScale(estimate)}
          x2={xScale(estimate)}
          y1={margin.top}
          y2={bottom}
          data-testid="histogram-estimate"
        />
        <g className="sp-chart-axis">
          <line x1={margin.left} x2={margin.left + innerWidth} y1={bottom} y2={bottom} />
          {xTicks.values.map((v) => (
            <text key={v} x={xScale(v)} y={bottom + 16} textAnchor="middle">
              {tickLabel(v, xTicks.step)}
            </text>
          ))}
          {yTicks.values.map((v) => (
            <text key={v} x={margin.left - 8} y={yScale(v)} dy="0.32em" textAnchor="end">
              {tickLabel(v, yTicks.step)}
            </text>
          ))}
          <text
            className="sp-chart-label"
            x={margin.left + innerWidth / 2}
            y={height - 6}
            textAnchor="middle"
          >
            {`${statistic} (shaded: ${intervalLabel}; line: estimate)`}
          </text>
        </g>
      </svg>
    </figure>
  );
}
