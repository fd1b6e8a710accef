import type { ReactNode } from 'react';
import { formatNumber, significanceStars, starsNote } from './format';

/** One estimated parameter: the estimate with its standard error and p-value where known. */
export interface EstimateCell {
  estimate: number;
  se?: number;
  p?: number;
}

/** One column of the table: a model, or an effect (direct, indirect, total). */
export interface ResultColumn {
  label: string;
  /** Keyed by term name; a term missing from a column shows an empty cell. */
  estimates: Record<string, EstimateCell | undefined>;
  /** Keyed by the statistic keys of the table (N, R², …). */
  statistics?: Record<string, number | string | undefined>;
}

export interface ResultStatistic {
  key: string;
  label: string;
}

export interface ResultTableProps {
  caption: string;
  /** Row order of the terms; rows whose term no column estimates are still shown. */
  terms: string[];
  /** How to show a term's name (default: the term itself); rows keep the term in `data-term`. */
  termLabels?: Record<string, ReactNode>;
  columns: ResultColumn[];
  /** Rows below the coefficients, shown when at least one column has a value. */
  statistics?: ResultStatistic[];
  digits?: number;
  /** Added after the standard note on parentheses and stars. */
  note?: string;
  testId?: string;
}

/** Coefficient table in the journal style: estimate with stars, standard error in parentheses below. */
export function ResultTable({
  caption,
  terms,
  termLabels = {},
  columns,
  statistics = [],
  digits = 4,
  note,
  testId = 'result-table',
}: ResultTableProps) {
  const shownStatistics = statistics.filter((s) => columns.some((c) => c.statistics?.[s.key] !== undefined));
  return (
    <figure className="sp-result" data-testid={testId}>
      <table className="sp-table sp-result-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Term</th>
            {columns.map((column) => (
              <th scope="col" key={column.label}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {terms.map((term) => (
            <tr key={term} data-term={term}>
              <th scope="row">{termLabels[term] ?? term}</th>
              {columns.map((column) => (
                <EstimateTableCell key={column.label} cell={column.estimates[term]} digits={digits} />
              ))}
            </tr>
          ))}
        </tbody>
        {shownStatistics.length > 0 && (
          <tfoot>
            {shownStatistics.map((statistic) => (
              <tr key={statistic.key} data-statistic={statistic.key}>
                <th scope="row">{statistic.label}</th>
                {columns.map((column) => (
                  <td key={column.label} className="sp-num">
                    {formatStatistic(column.statistics?.[statistic.key], digits)}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        )}
      </table>
      <figcaption className="sp-note">
        Standard errors in parentheses. {starsNote}.{note ? ` ${note}` : ''}
      </figcaption>
    </figure>
  );
}

function EstimateTableCell({ cell, digits }: { cell: EstimateCell | undefined; digits: number }) {
  if (!cell) return <td className="sp-num" />;
  const stars = significanceStars(cell.p);
  return (
    <td className="sp-num">
      <span className="sp-estimate" data-testid="estimate">
        {formatNumber(cell.estimate, digits)}
      </span>
      {/* Always present (even empty) so estimates line up whatever their stars. */}
      <sup className="sp-stars">{stars}</sup>
      {cell.se !== undefined && (
        <span className="sp-se" data-testid="se">
          ({formatNumber(cell.se, digits)})
        </span>
      )}
    </td>
  );
}

function formatStatistic(value: number | string | undefined, digits: number): string {
  if (value === undefined) return '';
  return typeof value === 'number' ? formatNumber(value, digits) : value;
}
