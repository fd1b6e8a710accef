import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorMessage } from './ErrorMessage';
import { MultiSelect, toggleValue } from './MultiSelect';
import { ProgressBar } from './ProgressBar';
import { StatusBadge } from './StatusBadge';
import { ValidationReportView } from './ValidationReportView';

describe('ProgressBar', () => {
  it('reports the share done to assistive technology', () => {
    const html = renderToStaticMarkup(<ProgressBar label="Estimation" done={3} total={4} detail="fitting" />);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="75"');
    expect(html).toContain('aria-valuetext="3 of 4"');
    expect(html).toContain('width:75%');
  });
  it('is indeterminate while the total is unknown', () => {
    const html = renderToStaticMarkup(<ProgressBar label="Estimation" done={0} total={0} />);
    expect(html).not.toContain('aria-valuenow');
    expect(html).toContain('sp-progress-indeterminate');
  });
});

describe('StatusBadge', () => {
  it('exposes the status as text and attribute', () => {
    const html = renderToStaticMarkup(<StatusBadge status="failed" />);
    expect(html).toBe(
      '<span class="sp-badge sp-badge-danger" data-testid="status-badge" data-status="failed">failed</span>',
    );
  });
});

describe('ErrorMessage', () => {
  it('is an alert listing where the error points', () => {
    const html = renderToStaticMarkup(
      <ErrorMessage
        message="row 3 repeats unit ALABAMA, year 1970"
        code="DUPLICATE_ROW"
        details={{ row: 3, unit: 'ALABAMA', other: 1 }}
      />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('<dd data-testid="error-row">3</dd>');
    expect(html).toContain('<dd data-testid="error-unit">ALABAMA</dd>');
    expect(html).not.toContain('other');
  });
  it('lists the units an error names', () => {
    const units = Array.from({ length: 22 }, (_, i) => `U${i + 1}`);
    const html = renderToStaticMarkup(<ErrorMessage message="W lacks units" details={{ units }} />);
    expect(html).toContain('<dd data-testid="error-units">U1, U2, U3');
    expect(html).toContain('U20 … (22 in all)</dd>');
  });
});

describe('ValidationReportView', () => {
  it('lists missing unit-periods of an unbalanced panel', () => {
    const html = renderToStaticMarkup(
      <ValidationReportView
        report={{
          rows: 5,
          unitColumn: 'id',
          timeColumn: 'year',
          units: 2,
          periods: 3,
          timeValues: [2000, 2001, 2002],
          balanced: false,
          missingUnitPeriods: [{ unit: 'b', time: 2002 }],
          missingUnitPeriodCount: 1,
          columns: [
            { name: 'id', type: 'text', missing: 0 },
            { name: 'year', type: 'numeric', missing: 0 },
            { name: 'y', type: 'numeric', missing: 2 },
          ],
        }}
      />,
    );
    expect(html).toContain('<dd data-testid="report-balanced">Unbalanced</dd>');
    expect(html).toContain('<dd data-testid="report-range">2000–2002</dd>');
    expect(html).toContain('1 unit-period is missing:');
    expect(html).toContain('<li>b, 2002</li>');
    expect(html).toContain(
      '<tr data-column="y"><th scope="row">y</th><td>numeric</td><td class="sp-num">2</td></tr>',
    );
  });
});

describe('MultiSelect', () => {
  it('keeps choices in the order they were made', () => {
    expect(toggleValue(['lpcap'], 'unemp', true)).toEqual(['lpcap', 'unemp']);
    expect(toggleValue(['lpcap', 'unemp'], 'lpcap', false)).toEqual(['unemp']);
    expect(toggleValue(['lpcap'], 'lpcap', true)).toEqual(['lpcap']);
  });
  it('is a labelled group of checkboxes pointing at its error', () => {
    const html = renderToStaticMarkup(
      <MultiSelect
        id="x"
        legend="Regressors"
        options={[{ value: 'a' }, { value: 'b', disabled: true }]}
        values={['a']}
        onChange={() => {}}
        error="x[0]: column a is text"
      />,
    );
    expect(html).toContain(
      '<fieldset class="sp-field sp-multiselect sp-field-invalid" id="x" aria-describedby="x-error" aria-invalid="true"><legend>Regressors</legend>',
    );
    expect(html).toContain('<input type="checkbox" name="x" checked="" value="a"/>');
    expect(html).toContain('<input type="checkbox" disabled="" name="x" value="b"/>');
    expect(html).toContain('role="alert" data-testid="x-error">x[0]: column a is text</p>');
  });
});
