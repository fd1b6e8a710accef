import type { EntropyIndexResult, EntropyIndicator } from '@spillover/contracts';
import { formatNumber } from '@spillover/ui';

export interface EntropyWeightsTableProps {
  result: EntropyIndexResult;
  /** The spec's indicators: their order (stored results do not keep key order), direction and group. */
  indicators: EntropyIndicator[];
}

/**
 * Per indicator: its group, direction, entropy e_j, divergence d_j = 1 − e_j, weight w_j = d_j / Σ d_k and
 * its weight within the group (w_j renormalised over the group's indicators).
 */
export function EntropyWeightsTable({ result, indicators }: EntropyWeightsTableProps) {
  const groups = [...new Set(indicators.map((i) => i.group))];
  const groupTotals = groups.map((group) => {
    const members = indicators.filter((i) => i.group === group);
    return {
      group,
      weight: members.reduce((sum, i) => sum + (result.weights[i.column] ?? 0), 0),
      indicators: members.length,
    };
  });
  return (
    <>
      <table className="sp-table" data-testid="entropy-weights">
        <caption className="muted">
          {result.weighting === 'per-period' ? 'Mean of the per-period entropy weights' : 'Entropy weights'},{' '}
          {result.nobs} unit-periods ({result.nunits} units × {result.nperiods} periods)
        </caption>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">Group</th>
            <th scope="col">Direction</th>
            <th scope="col">Entropy e</th>
            <th scope="col">Divergence 1 − e</th>
            <th scope="col">Weight</th>
            <th scope="col">Weight in group</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map(({ column: indicator, direction, group }) => (
            <tr key={indicator} data-indicator={indicator}>
              <th scope="row">{indicator}</th>
              <td>{group}</td>
              <td>{direction === '-' ? '−' : '+'}</td>
              <td>{formatNumber(result.entropy[indicator]!, 4)}</td>
              <td>{formatNumber(result.divergence[indicator]!, 4)}</td>
              <td data-testid={`weight-${indicator}`}>{formatNumber(result.weights[indicator]!, 4)}</td>
              <td>{formatNumber(result.groupWeights[group]?.[indicator] ?? NaN, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Group weights</h3>
      <table className="sp-table" data-testid="group-weights">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Indicators</th>
            <th scope="col">Sum of weights</th>
          </tr>
        </thead>
        <tbody>
          {groupTotals.map((g) => (
            <tr key={g.group}>
              <th scope="row">{g.group}</th>
              <td>{g.indicators}</td>
              <td>{formatNumber(g.weight, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.warnings && result.warnings.length > 0 && (
        <ul className="muted">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </>
  );
}
