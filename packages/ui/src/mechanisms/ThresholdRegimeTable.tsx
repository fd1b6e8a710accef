import { formatNumber, formatPValue, significanceStars, starsNote } from '../format';
import type { ThresholdData } from './types';

export interface ThresholdRegimeTableProps {
  result: Pick<ThresholdData, 'thresholds' | 'tests' | 'coefficients'>;
  thresholdVariable?: string;
}

/** `x@r2` → regime 2 with its bounds from the estimated thresholds (γ̂1 < q ≤ γ̂2). */
export function regimeLabel(term: string, thresholds: number[], variable = 'q'): string {
  const match = /^(.*)@r(\d+)$/.exec(term);
  if (!match) return term;
  const regime = Number(match[2]);
  const lower = thresholds[regime - 2];
  const upper = thresholds[regime - 1];
  const bounds =
    lower === undefined
      ? `${variable} ≤ ${formatNumber(upper, 3)}`
      : upper === undefined
        ? `${variable} > ${formatNumber(lower, 3)}`
        : `${formatNumber(lower, 3)} < ${variable} ≤ ${formatNumber(upper, 3)}`;
  return `${match[1]}, regime ${regime} (${bounds})`;
}

/**
 * A bootstrap p-value from `draws` replications has a resolution of 1/draws: none of them above F
 * (p = 0) reads `<1/draws`, with the stars that bound allows, and the count of draws follows.
 */
export function bootstrapPValue(p: number, draws: number | undefined): string {
  if (!draws) return `${formatPValue(p)}${significanceStars(p)}`;
  const bound = 1 / draws;
  const shown = p > 0 ? formatPValue(p) : bound >= 0.001 ? `<${bound.toFixed(3)}` : '<0.001';
  return `${shown}${significanceStars(p > 0 ? p : bound)} (${draws} reps)`;
}

/** Hansen threshold model: thresholds with 95 % LR intervals, the bootstrap F tests, and slopes by regime. */
export function ThresholdRegimeTable({ result, thresholdVariable = 'q' }: ThresholdRegimeTableProps) {
  const estimates = result.thresholds.map((t) => t.estimate);
  return (
    <div className="sp-result" data-testid="threshold-regimes">
      <table className="sp-table sp-result-table">
        <caption>Thresholds and tests</caption>
        <thead>
          <tr>
            <th scope="col">Threshold</th>
            <th scope="col" className="sp-num">
              Estimate
            </th>
            <th scope="col" className="sp-num">
              95 % interval
            </th>
            <th scope="col">Test</th>
            <th scope="col" className="sp-num">
              F
            </th>
            <th scope="col" className="sp-num">
              Bootstrap p
            </th>
            <th scope="col" className="sp-num">
              Critical 10 % / 5 % / 1 %
            </th>
          </tr>
        </thead>
        <tbody>
          {result.thresholds.map((t, i) => {
            const test = result.tests[i];
            return (
              <tr key={i} data-testid="threshold-row">
                <th scope="row">{`γ${i + 1}`}</th>
                <td className="sp-num">{formatNumber(t.estimate)}</td>
                <td className="sp-num">{`[${formatNumber(t.ci[0])}, ${formatNumber(t.ci[1])}]`}</td>
                <td>{test?.hypothesis ?? '—'}</td>
                <td className="sp-num">{test ? formatNumber(test.F, 3) : '—'}</td>
                <td className="sp-num">
                  {test?.p !== undefined
                    ? bootstrapPValue(
                        test.p,
                        test.reps === undefined ? undefined : test.reps - (test.failed ?? 0),
                      )
                    : '—'}
                </td>
                <td className="sp-num">
                  {test?.crit
                    ? ['0.10', '0.05', '0.01'].map((k) => formatNumber(test.crit![k], 2)).join(' / ')
                    : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="sp-table sp-result-table">
        <caption>Coefficients by regime</caption>
        <thead>
          <tr>
            <th scope="col">Term</th>
            <th scope="col" className="sp-num">
              Estimate
            </th>
            <th scope="col" className="sp-num">
              SE
            </th>
            <th scope="col" className="sp-num">
              p
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(result.coefficients).map(([term, c]) => (
            <tr key={term} data-term={term}>
              <th scope="row">{regimeLabel(term, estimates, thresholdVariable)}</th>
              <td className="sp-num">{`${formatNumber(c.estimate)}${significanceStars(c.p)}`}</td>
              <td className="sp-num">{formatNumber(c.se)}</td>
              <td className="sp-num">{formatPValue(c.p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sp-note">{starsNote}</p>
    </div>
  );
}
