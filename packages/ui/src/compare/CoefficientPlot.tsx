import { useId } from 'react';
import { linearScale, niceTicks, tickLabel } from '../chart-scale';
import type { ComparisonTableData } from './comparison-types';

export interface CoefficientPlotProps {
  table: ComparisonTableData;
  /** Two-sided confidence level of the intervals. */
  level?: 0.9 | 0.95 | 0.99;
  width?: number;
}

/** Standard normal quantiles of the two-sided levels offered. */
const zOf = { 0.9: 1.6449, 0.95: 1.96, 0.99: 2.5758 } as const;
const palette = ['#1f5fa8', '#c4542b', '#2e8540', '#7a4fa3', '#a8741f', '#1f8a8a', '#8a1f4f', '#4f6b1f'];
const margin = { top: 16, right: 24, bottom: 40, left: 150 };
const bandHeight = 26;

/**
 * Coefficient plot: each slope of the table's coefficient section (not the constant) in a band, one point per model with its
 * estimate ± z·SE interval (Wald, normal), a dashed line at zero, colours keyed to the columns.
 */
export function CoefficientPlot({ table, level = 0.95, width = 720 }: CoefficientPlotProps) {
  const titleId = useId();
  const z = zOf[level];
  // the constant sits on another scale and would squeeze every slope into a corner
  const rows = (table.sections.find((s) => s.id === 'coefficients')?.rows ?? []).filter(
    (row) => row.key !== '(Intercept)',
  );
  const models = table.columns.length;
  const intervals = rows.flatMap((row) =>
    row.cells.flatMap((cell) =>
      cell?.value !== undefined && cell.se !== undefined
        ? [cell.value - z * cell.se, cell.value + z * cell.se]
        : [],
    ),
  );
  const x = niceTicks(Math.min(0, ...intervals), Math.max(0, ...intervals), 6);
  const innerWidth = width - margin.left - margin.right;
  const xScale = linearScale(x.min, x.max, margin.left, margin.left + innerWidth);
  const height = margin.top + rows.length * bandHeight + margin.bottom;
  const bottom = margin.top + rows.length * bandHeight;
  const offset = (model: number) => (models === 1 ? 0 : (model / (models - 1) - 0.5) * (bandHeight * 0.6));

  return (
    <figure className="sp-chart" data-testid="coefficient-plot">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} className="sp-chart-svg">
        <title
          id={titleId}
        >{`Coefficients with ${Math.round(level * 100)}% confidence intervals, ${models} model${models === 1 ? '' : 's'}`}</title>
        {x.values.map((tick) => (
          <g key={tick}>
            <line x1={xScale(tick)} x2={xScale(tick)} y1={margin.top} y2={bottom} className="sp-grid" />
            <text x={xScale(tick)} y={bottom + 16} textAnchor="middle" className="sp-axis-label">
              {tickLabel(tick, x.step)}
            </text>
          </g>
        ))}
        <line x1={xScale(0)} x2={xScale(0)} y1={margin.top} y2={bottom} stroke="#555" strokeDasharray="4 3" />
        {rows.map((row, r) => {
          const centre = margin.top + r * bandHeight + bandHeight / 2;
          return (
            <g key={row.key} data-term={row.key}>
              <text x={margin.left - 8} y={centre + 4} textAnchor="end" className="sp-axis-label">
                {row.label}
              </text>
              {row.cells.map((cell, m) => {
                if (cell?.value === undefined) return null;
                const y = centre + offset(m);
                const colour = palette[m % palette.length];
                return (
                  <g key={m} data-model={table.columns[m]?.analysisId}>
                    {cell.se !== undefined && (
                      <line
                        x1={xScale(cell.value - z * cell.se)}
                        x2={xScale(cell.value + z * cell.se)}
                        y1={y}
                        y2={y}
                        stroke={colour}
                        strokeWidth={2}
                      />
                    )}
                    <circle cx={xScale(cell.value)} cy={y} r={3.5} fill={colour} />
                  </g>
                );
              })}
            </g>
          );
        })}
        <text x={margin.left + innerWidth / 2} y={height - 6} textAnchor="middle" className="sp-axis-label">
          estimate ± {z} × SE
        </text>
      </svg>
      <figcaption className="sp-legend">
        {table.columns.map((column, m) => (
          <span key={column.analysisId} className="sp-legend-item">
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="5" fill={palette[m % palette.length]} />
            </svg>{' '}
            {column.label} {column.title}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
