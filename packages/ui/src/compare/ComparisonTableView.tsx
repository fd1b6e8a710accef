import { formatNumber } from '../format';
import type { ComparisonCell, ComparisonRow, ComparisonTableData } from './comparison-types';

export interface ComparisonTableViewProps {
  table: ComparisonTableData;
  testId?: string;
}

function CellView({
  row,
  cell,
  digits,
}: {
  row: ComparisonRow;
  cell: ComparisonCell | null;
  digits: number;
}) {
  if (!cell) return <td className="sp-num" />;
  switch (row.format) {
    case 'text':
      return <td className="sp-num">{cell.text}</td>;
    case 'integer':
      return <td className="sp-num">{cell.value === undefined ? '' : String(Math.round(cell.value))}</td>;
    case 'number':
      return <td className="sp-num">{formatNumber(cell.value, digits)}</td>;
    case 'estimate':
      return (
        <td className="sp-num">
          <span className="sp-estimate" data-testid="estimate">
            {formatNumber(cell.value, digits)}
          </span>
          <sup className="sp-stars">{cell.stars}</sup>
          {cell.se !== undefined && (
            <span className="sp-se" data-testid="se">
              ({formatNumber(cell.se, digits)})
            </span>
          )}
        </td>
      );
  }
}

/**
 * Models side by side in the journal style: a header and a title per column, estimates with stars and
 * standard errors below, one block per section (coefficients, spatial parameters, effects, specification,
 * statistics), the notes under the table.
 */
export function ComparisonTableView({ table, testId = 'comparison-table' }: ComparisonTableViewProps) {
  const span = table.columns.length + 1;
  return (
    <figure className="sp-result" data-testid={testId}>
      <table className="sp-table sp-result-table sp-comparison-table">
        <caption>{table.title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {table.columns.map((column) => (
              <th scope="col" key={column.analysisId} data-column={column.analysisId}>
                {column.label}
                <div className="sp-column-title">{column.title}</div>
              </th>
            ))}
          </tr>
        </thead>
        {table.sections
          .filter((section) => section.rows.length > 0)
          .map((section) => (
            <tbody key={section.id} data-section={section.id}>
              {section.id !== 'coefficients' && (
                <tr className="sp-section-row">
                  <th scope="rowgroup" colSpan={span}>
                    {section.title}
                  </th>
                </tr>
              )}
              {section.rows.map((row) => (
                <tr key={row.key} data-row={row.key}>
                  <th scope="row">{row.label}</th>
                  {row.cells.map((cell, i) => (
                    <CellView
                      key={table.columns[i]?.analysisId ?? i}
                      row={row}
                      cell={cell}
                      digits={table.digits}
                    />
                  ))}
                </tr>
              ))}
            </tbody>
          ))}
      </table>
      <figcaption className="sp-note">{table.notes.join(' ')}</figcaption>
    </figure>
  );
}
