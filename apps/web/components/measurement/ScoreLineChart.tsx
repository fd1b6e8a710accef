import { linearScale, niceTicks, tickLabel } from '@spillover/ui';
import { useId } from 'react';

export interface ScoreSeries {
  unit: string;
  /** One value per period of `times` (null: the unit-period is absent). */
  values: (number | null)[];
}

export interface ScoreLineChartProps {
  times: (string | number)[];
  series: ScoreSeries[];
  /** What is plotted, for the title and the y axis. */
  label: string;
  width?: number;
  height?: number;
}

const margin = { top: 28, right: 130, bottom: 40, left: 60 };
/** Distinguishable in colour and for most colour-vision deficiencies (Okabe & Ito 2008). */
const palette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#f0e442'];

/**
 * An index score over time for a few units: one line per unit, periods evenly spaced on the x axis
 * (they are labels, not a continuous time), a legend on the right. Drawn here as plain SVG with the
 * axis helpers of @spillover/ui.
 */
export function ScoreLineChart({ times, series, label, width = 720, height = 300 }: ScoreLineChartProps) {
  const titleId = useId();
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ticks = niceTicks(Math.min(...values), Math.max(...values), 5);
  const x = (i: number) =>
    margin.left + (times.length > 1 ? (i / (times.length - 1)) * innerWidth : innerWidth / 2);
  const y = linearScale(ticks.min, ticks.max, margin.top + innerHeight, margin.top);

  return (
    <svg
      className="score-chart"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={titleId}
      data-testid="score-chart"
    >
      <title id={titleId}>{`${label} by period for ${series.map((s) => s.unit).join(', ')}`}</title>
      {ticks.values.map((v) => (
        <g key={v}>
          <line x1={margin.left} x2={margin.left + innerWidth} y1={y(v)} y2={y(v)} stroke="#e3e6ea" />
          <text x={margin.left - 8} y={y(v)} dy="0.32em" textAnchor="end" fontSize="11" fill="#555">
            {tickLabel(v, ticks.step)}
          </text>
        </g>
      ))}
      {times.map((t, i) => (
        <text
          key={String(t)}
          x={x(i)}
          y={margin.top + innerHeight + 18}
          textAnchor="middle"
          fontSize="11"
          fill="#555"
        >
          {String(t)}
        </text>
      ))}
      <text x={margin.left} y={16} fontSize="12" fill="#333">
        {label}
      </text>
      {series.map((s, k) => {
        const colour = palette[k % palette.length];
        // a gap in the data breaks the line rather than bridging it
        const path = s.values
          .map((v, i) =>
            v === null ? null : `${i === 0 || s.values[i - 1] === null ? 'M' : 'L'}${x(i)},${y(v)}`,
          )
          .filter(Boolean)
          .join(' ');
        return (
          <g key={s.unit} data-unit={s.unit}>
            <path d={path} fill="none" stroke={colour} strokeWidth={2} />
            {s.values.map((v, i) =>
              v === null ? null : (
                <circle key={i} cx={x(i)} cy={y(v)} r={3} fill={colour}>
                  <title>{`${s.unit} ${String(times[i])}: ${v.toFixed(4)}`}</title>
                </circle>
              ),
            )}
            <g transform={`translate(${margin.left + innerWidth + 16},${margin.top + 6 + k * 18})`}>
              <line x1={0} x2={16} y1={0} y2={0} stroke={colour} strokeWidth={2} />
              <text x={22} y={0} dy="0.32em" fontSize="11" fill="#333">
                {s.unit}
              </text>
            </g>
          </g>
        );
      })}
    </svg>
  );
}
