import type { Estimate, RegressionResult, TestStatistic } from '@spillover/contracts';
import { formatNumber, formatPValue, ResultTable, type ResultColumn } from '@spillover/ui';
import { effectLabels } from '../lib/regression-form';
import { modelLabel } from '../lib/analysis-labels';
import { orderTerms } from '../lib/term-order';

const statistics = [
  { key: 'nobs', label: 'N' },
  { key: 'nunits', label: 'Units' },
  { key: 'nperiods', label: 'Periods' },
  { key: 'droppedRows', label: 'Rows dropped (missing values)' },
  { key: 'r2', label: 'R²' },
  { key: 'r2Adj', label: 'Adjusted R²' },
  { key: 'r2Within', label: 'Within R²' },
  { key: 'sigma2', label: 'σ²' },
  { key: 'logLik', label: 'Log-likelihood' },
  { key: 'aic', label: 'AIC' },
  { key: 'bic', label: 'BIC' },
  { key: 'fStat', label: 'F' },
  { key: 'theta', label: 'θ (random effects)' },
];

const vcovLabels: Record<string, string> = {
  classical: 'classical',
  robust: 'heteroskedasticity-robust',
  cluster: 'clustered by unit',
};

/** Coefficients (and ρ, λ), fit statistics, spatial effects and tests of a regression result. */
export function RegressionResultView({
  result,
  y,
  x,
}: {
  result: RegressionResult;
  y: string;
  x: readonly string[];
}) {
  const estimates: Record<string, Estimate | undefined> = { ...result.coefficients };
  const terms = orderTerms(Object.keys(result.coefficients), y, x);
  if (result.rho) {
    estimates['ρ (W*y)'] = result.rho;
    terms.push('ρ (W*y)');
  }
  if (result.lambda) {
    estimates['λ (W*u)'] = result.lambda;
    terms.push('λ (W*u)');
  }
  const column: ResultColumn = {
    label: modelLabel(result.model),
    estimates,
    statistics: {
      nobs: result.nobs,
      nunits: result.nunits,
      nperiods: result.nperiods,
      droppedRows: result.droppedRows || undefined,
      r2: result.r2,
      r2Adj: result.r2Adj,
      r2Within: result.r2Within,
      sigma2: result.sigma2,
      logLik: result.logLik,
      aic: result.aic,
      bic: result.bic,
      fStat: result.fStat
        ? `${formatNumber(result.fStat.stat)} (${result.fStat.df1}, ${result.fStat.df2}; p ${formatPValue(result.fStat.p)})`
        : undefined,
      theta: result.ercomp?.theta,
    },
  };
  const details = [
    result.effects && result.effects !== 'none'
      ? `Effects: ${effectLabels[result.effects as keyof typeof effectLabels] ?? result.effects}.`
      : '',
    result.vcov ? `Standard errors ${vcovLabels[result.vcov] ?? result.vcov}.` : '',
  ].filter(Boolean);

  const tests: [string, TestStatistic][] = [
    ...(result.hausman ? [['Hausman (FE vs RE)', result.hausman] as [string, TestStatistic]] : []),
    ...Object.entries(result.lmTests ?? {}),
  ];

  return (
    <div className="result-grid">
      <ResultTable
        caption={`Dependent variable: ${y}`}
        terms={terms}
        columns={[column]}
        statistics={statistics}
        note={details.join(' ')}
      />
      {result.impacts && (
        <ImpactsTable
          title="Effects (LeSage–Pace)"
          impacts={result.impacts}
          terms={orderTerms(Object.keys(result.impacts.total), y, x)}
        />
      )}
      {result.impactsLongRun && (
        <ImpactsTable
          title="Long-run effects"
          impacts={result.impactsLongRun}
          terms={orderTerms(Object.keys(result.impactsLongRun.total), y, x)}
        />
      )}
      {tests.length > 0 && (
        <table className="sp-table" data-testid="tests-table">
          <caption>Tests</caption>
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
            {tests.map(([name, test]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="sp-num">{formatNumber(test.stat)}</td>
                <td className="sp-num">{formatNumber(test.df)}</td>
                <td className="sp-num">{formatPValue(test.p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.warnings && result.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ImpactsTable({
  title,
  impacts,
  terms,
}: {
  title: string;
  impacts: NonNullable<RegressionResult['impacts']>;
  terms: string[];
}) {
  const columns: ResultColumn[] = [
    { label: 'Direct', estimates: impacts.direct },
    { label: 'Indirect', estimates: impacts.indirect },
    { label: 'Total', estimates: impacts.total },
  ];
  return (
    <ResultTable
      caption={title}
      terms={terms}
      columns={columns}
      testId="impacts-table"
      note="Effect standard errors are simulated."
    />
  );
}
