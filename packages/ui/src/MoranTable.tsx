import { formatNumber, formatPValue } from './format';

export interface MoranRow {
  I: number;
  expectation: number;
  variance?: number;
  z: number;
  p: number;
  pTwoSided: number;
  pPermutation?: number;
}

export interface MoranTableProps {
  variable: string;
  nunits: number;
  byTime: (MoranRow & { time: string | number })[];
  pooled?: MoranRow;
  testId?: string;
}

/** Moran's I of a variable, period by period, and pooled over the panel where computed. */
export function MoranTable({ variable, nunits, byTime, pooled, testId = 'moran-table' }: MoranTableProps) {
  const rows = [
    ...byTime.map((period) => ({ ...period, label: String(period.time) })),
    ...(pooled ? [{ ...pooled, label: 'Pooled' }] : []),
  ];
  const permutations = rows.some((row) => row.pPermutation !== undefined);
  return (
    <table className="sp-table" data-testid={testId}>
      <caption>
        Moran&apos;s I of {variable} ({nunits} units, {byTime.length} periods)
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
          {permutations && (
            <th scope="col" className="sp-num">
              p (permutation)
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} data-period={row.label}>
            <th scope="row">{row.label}</th>
            <td className="sp-num" data-testid="moran-i">
              {formatNumber(row.I)}
            </td>
            <td className="sp-num">{formatNumber(row.expectation)}</td>
            <td className="sp-num">{formatNumber(row.z, 3)}</td>
            <td className="sp-num">{formatPValue(row.p)}</td>
            <td className="sp-num">{formatPValue(row.pTwoSided)}</td>
            {permutations && <td className="sp-num">{formatPValue(row.pPermutation)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
