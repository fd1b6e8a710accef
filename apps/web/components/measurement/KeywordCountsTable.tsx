import type { KeywordCountResult } from '@spillover/contracts';
import { formatNumber } from '@spillover/ui';

/** Counts per unit-period: matches, characters, matches per 10,000 characters and ln(1 + count). */
export function KeywordCountsTable({ result }: { result: KeywordCountResult }) {
  const top = Object.entries(result.totals)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10);
  return (
    <>
      <table className="sp-table" data-testid="keyword-counts">
        <thead>
          <tr>
            <th scope="col">Unit</th>
            <th scope="col">Period</th>
            <th scope="col">Count</th>
            <th scope="col">Characters</th>
            <th scope="col">Per 10k characters</th>
            <th scope="col">ln(1 + count)</th>
          </tr>
        </thead>
        <tbody>
          {result.texts.map((t) => (
            <tr key={`${t.unit}|${String(t.time)}`}>
              <th scope="row">{t.unit}</th>
              <td>{String(t.time)}</td>
              <td className="sp-num">{t.count}</td>
              <td className="sp-num">{t.characters}</td>
              <td className="sp-num">{formatNumber(t.frequency, 2)}</td>
              <td className="sp-num">{formatNumber(t.lnCount, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {top.length > 0 && (
        <p className="muted">Most frequent: {top.map(([term, n]) => `${term} (${n})`).join(', ')}</p>
      )}
      {result.warnings?.map((w) => (
        <p key={w} className="muted">
          {w}
        </p>
      ))}
    </>
  );
}
