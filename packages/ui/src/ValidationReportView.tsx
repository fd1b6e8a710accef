import { formatNumber } from './format';

/** What an upload learned about a panel (same shape as the API's ValidationReport). */
export interface PanelReport {
  rows: number;
  unitColumn: string;
  timeColumn: string;
  units: number;
  periods: number;
  timeValues: (string | number)[];
  balanced: boolean;
  missingUnitPeriods: { unit: string; time: string | number }[];
  missingUnitPeriodCount: number;
  columns: { name: string; type: 'numeric' | 'text'; missing: number }[];
}

export interface ValidationReportViewProps {
  report: PanelReport;
  testId?: string;
}

export function ValidationReportView({ report, testId = 'validation-report' }: ValidationReportViewProps) {
  const first = report.timeValues[0];
  const last = report.timeValues[report.timeValues.length - 1];
  return (
    <section className="sp-report" data-testid={testId} aria-label="Validation report">
      <dl className="sp-summary">
        <SummaryItem label="Rows" value={formatNumber(report.rows)} testId="report-rows" />
        <SummaryItem
          label={`Units (${report.unitColumn})`}
          value={formatNumber(report.units)}
          testId="report-units"
        />
        <SummaryItem
          label={`Periods (${report.timeColumn})`}
          value={formatNumber(report.periods)}
          testId="report-periods"
        />
        {first !== undefined && (
          <SummaryItem
            label="Range"
            value={first === last ? String(first) : `${first}–${last}`}
            testId="report-range"
          />
        )}
        <SummaryItem
          label="Panel"
          value={report.balanced ? 'Balanced' : 'Unbalanced'}
          testId="report-balanced"
        />
      </dl>
      {!report.balanced && <MissingUnitPeriods report={report} />}
      <table className="sp-table">
        <caption>Columns</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col" className="sp-num">
              Missing
            </th>
          </tr>
        </thead>
        <tbody>
          {report.columns.map((column) => (
            <tr key={column.name} data-column={column.name}>
              <th scope="row">
                {column.name}
                {column.name === report.unitColumn && <span className="sp-tag">unit</span>}
                {column.name === report.timeColumn && <span className="sp-tag">time</span>}
              </th>
              <td>{column.type}</td>
              <td className="sp-num">{formatNumber(column.missing)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SummaryItem({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="sp-summary-item">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function MissingUnitPeriods({ report }: { report: PanelReport }) {
  const more = report.missingUnitPeriodCount - report.missingUnitPeriods.length;
  return (
    <div className="sp-missing" data-testid="report-missing">
      <p>
        {formatNumber(report.missingUnitPeriodCount)} unit-period
        {report.missingUnitPeriodCount === 1 ? ' is' : 's are'} missing
        {report.missingUnitPeriods.length > 0 ? ':' : '.'}
      </p>
      {report.missingUnitPeriods.length > 0 && (
        <ul>
          {report.missingUnitPeriods.map(({ unit, time }) => (
            <li key={`${unit}\u0000${time}`}>
              {unit}, {String(time)}
            </li>
          ))}
          {more > 0 && <li>and {formatNumber(more)} more</li>}
        </ul>
      )}
    </div>
  );
}
