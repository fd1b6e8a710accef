import { formatNumber, formatPValue, significanceStars, starsNote } from '../format';
import type { HeterogeneityData } from './types';

export interface GroupComparisonTableProps {
  result: Pick<HeterogeneityData, 'groupBy' | 'groups' | 'differences'>;
}

/**
 * Heterogeneity: each group's coefficients side by side (SE under the estimate), then one row per tested
 * difference with the permutation, seemingly-unrelated (suest) and interaction-model tests.
 */
export function GroupComparisonTable({ result }: GroupComparisonTableProps) {
  const { groups, differences } = result;
  const coefficients = [...new Set(groups.flatMap((g) => Object.keys(g.coefficients)))];
  return (
    <div className="sp-result" data-testid="group-comparison">
      <table className="sp-table sp-result-table">
        <caption>{`Coefficients by group (${result.groupBy})`}</caption>
        <thead>
          <tr>
            <th scope="col">Term</th>
            {groups.map((g) => (
              <th key={g.group} scope="col" className="sp-num">
                {g.group}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {coefficients.map((name) => (
            <tr key={name} data-term={name}>
              <th scope="row">{name}</th>
              {groups.map((g) => {
                const c = g.coefficients[name];
                return (
                  <td key={g.group} className="sp-num">
                    {c ? `${formatNumber(c.estimate)}${significanceStars(c.p)}` : '—'}
                    {c?.se !== undefined && <div className="sp-se">({formatNumber(c.se)})</div>}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th scope="row">Observations</th>
            {groups.map((g) => (
              <td key={g.group} className="sp-num">
                {formatNumber(g.nobs)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <table className="sp-table sp-result-table" data-testid="group-differences">
        <caption>Tests of coefficient differences</caption>
        <thead>
          <tr>
            <th scope="col">Term</th>
            <th scope="col">Groups</th>
            <th scope="col" className="sp-num">
              Difference
            </th>
            <th scope="col" className="sp-num">
              Permutation p
            </th>
            <th scope="col" className="sp-num">
              Suest χ² (p)
            </th>
            <th scope="col" className="sp-num">
              Interaction (p)
            </th>
          </tr>
        </thead>
        <tbody>
          {differences.map((d) => (
            <tr key={`${d.coefficient}:${d.group}`} data-term={d.coefficient}>
              <th scope="row">{d.coefficient}</th>
              <td>{`${d.group} − ${d.reference}`}</td>
              <td className="sp-num">{formatNumber(d.estimate)}</td>
              <td className="sp-num" data-testid="permutation-p">
                {d.permutation
                  ? `${formatPValue(d.permutation.p)}${significanceStars(d.permutation.p)} (${d.permutation.reps - d.permutation.failed} perm.)`
                  : '—'}
              </td>
              <td className="sp-num">
                {d.suest ? `${formatNumber(d.suest.stat, 3)} (${formatPValue(d.suest.p)})` : '—'}
              </td>
              <td className="sp-num">
                {d.interaction
                  ? `${formatNumber(d.interaction.estimate)} (${formatPValue(d.interaction.p)})`
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sp-note">{starsNote}</p>
    </div>
  );
}
