import type { RegressionResult, TestStatistic } from '@spillover/contracts';
import {
  formatNumber,
  formatPValue,
  orderTerms,
  ResultTable,
  SpatialRegressionView,
  TestsTable,
  WarningList,
  type ResultColumn,
} from '@spillover/ui';
import { modelLabel } from '../lib/analysis-labels';
import { effectLabels } from '../lib/regression-form';

const spatialModels = new Set(['sar', 'sem', 'sac', 'sdm', 'sdem', 'slx', 'dsdm', 'dsar']);

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

/**
 * A regression result: spatial models get the spatial view (ρ/λ, lags of y, effects, stability); the
 * others their coefficients, fit statistics and tests (Hausman, LM tests when weights were given).
 */
export function RegressionResultView({
  result,
  y,
  x,
}: {
  result: RegressionResult;
  y: string;
  x: readonly string[];
}) {
  const note = [
    result.effects && result.effects !== 'none'
      ? `Effects: ${effectLabels[result.effects as keyof typeof effectLabels] ?? result.effects}.`
      : '',
    result.vcov ? `Standard errors ${vcovLabels[result.vcov] ?? result.vcov}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (spatialModels.has(result.model)) {
    return (
      <SpatialRegressionView result={result} y={y} x={x} modelLabel={modelLabel(result.model)} note={note} />
    );
  }

  const column: ResultColumn = {
    label: modelLabel(result.model),
    estimates: result.coefficients,
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
  const tests: Record<string, TestStatistic> = {
    ...(result.hausman ? { hausman: result.hausman } : {}),
    ...result.lmTests,
  };

  return (
    <div className="result-grid">
      <ResultTable
        caption={`Dependent variable: ${y}`}
        terms={orderTerms(Object.keys(result.coefficients), y, x)}
        columns={[column]}
        statistics={statistics}
        note={note}
      />
      {Object.keys(tests).length > 0 && (
        <TestsTable
          caption="Tests"
          tests={tests}
          note={
            result.lmTests
              ? 'LM tests: the model against a spatial lag or spatial error alternative.'
              : undefined
          }
        />
      )}
      {result.warnings && result.warnings.length > 0 && <WarningList warnings={result.warnings} />}
    </div>
  );
}
