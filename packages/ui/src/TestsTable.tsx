import { formatNumber, formatPValue } from './format';

export interface TestRow {
  stat: number;
  df: number;
  p: number;
}

const testNames: Record<string, string> = {
  lmLag: 'LM lag',
  lmError: 'LM error',
  robustLmLag: 'Robust LM lag',
  robustLmError: 'Robust LM error',
  hausman: 'Hausman (FE vs RE)',
};

/** Readable name of a test key of a result (`lmLag` → "LM lag"); unknown keys as they are. */
export function testLabel(key: string): string {
  return testNames[key] ?? key;
}

export interface TestsTableProps {
  caption: string;
  /** Keyed by the result's test names (lmLag, robustLmError, …), shown in this order. */
  tests: Record<string, TestRow>;
  note?: string;
  testId?: string;
}

/** Specification tests: statistic, degrees of freedom and p-value, one row per test. */
export function TestsTable({ caption, tests, note, testId = 'tests-table' }: TestsTableProps) {
  return (
    <figure className="sp-result" data-testid={testId}>
      <table className="sp-table sp-result-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Test</th>
            <th scope="col" className="sp-num">
              Statistic
            </th>
            <th scope="col" className="sp-num">
              df
            </th>
            <th scope="col" className="sp-num">
              p
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(tests).map(([key, test]) => (
            <tr key={key} data-test={key}>
              <th scope="row">{testLabel(key)}</th>
              <td className="sp-num">{formatNumber(test.stat)}</td>
              <td className="sp-num">{formatNumber(test.df)}</td>
              <td className="sp-num">{formatPValue(test.p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {note && <figcaption className="sp-note">{note}</figcaption>}
    </figure>
  );
}
