import type { MoranResult } from '@spillover/contracts';
import { formatNumber, formatPValue } from '@spillover/ui';

/** Moran's I of a variable, period by period, and pooled where computed. */
export function MoranResultView({ result }: { result: MoranResult }) {
  const rows = [
    ...result.byTime.map((period) => ({ ...period, label: String(period.time) })),
    ...(result.pooled ? [{ ...result.pooled, label: 'Pooled' }] : []),
  ];
  return (
    <table className="sp-table" data-testid="moran-table">
      <caption>
        Moran&apos;s I of {result.variable} ({result.nunits} units, {result.nperiods} periods)
      </caption>
      <thead>
        <tr>
          <th scope="col">Period</th>
          <th scope="col" className="sp-num">
            I
          </th>
          <th scope="col" className="sp-num">
            E[I]
          </th>
          <th scope="col" className="sp-num">
            z
          </th>
          <th scope="col" className="sp-num">
            p (one-sided)
          </th>
          <th scope="col" className="sp-num">
            p (two-sided)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td className="sp-num">{formatNumber(row.I)}</td>
            <td className="sp-num">{formatNumber(row.expectation)}</td>
            <td className="sp-num">{formatNumber(row.z, 3)}</td>
            <td className="sp-num">{formatPValue(row.p)}</td>
            <td className="sp-num">{formatPValue(row.pTwoSided)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
