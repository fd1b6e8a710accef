import type { ReactNode } from 'react';
import { EffectsComparison, EffectsTable, type EffectsSet } from './EffectsTable';
import { formatNumber } from './format';
import { ResultTable, type EstimateCell, type ResultColumn } from './ResultTable';
import { orderTerms } from './term-order';
import { TestsTable, type TestRow } from './TestsTable';

/** What a spatial regression result holds (the fields of the contract's RegressionResult this view shows). */
export interface SpatialRegressionSummary {
  model: string;
  nobs: number;
  nunits: number;
  nperiods: number;
  coefficients: Record<string, EstimateCell>;
  rho?: EstimateCell;
  lambda?: EstimateCell;
  sigma2?: number;
  logLik?: number;
  aic?: number;
  bic?: number;
  r2?: number;
  r2Within?: number;
  lmTests?: Record<string, TestRow>;
  impacts?: EffectsSet;
  impactsLongRun?: EffectsSet;
  /** Dynamic models: stationarity of y_t = A y_{t−1} + …, A = (I − ρW)⁻¹(τI + ηW). */
  stability?: { stable: boolean; tauPlusRhoPlusEta: number; maxModulus: number; condition: string };
  /** Lee–Yu corrected dynamic models: the estimates before the correction. */
  uncorrected?: { coefficients: Record<string, EstimateCell>; rho: EstimateCell; sigma2: number };
  warnings?: string[];
}

export interface SpatialRegressionViewProps {
  result: SpatialRegressionSummary;
  /** Dependent variable and regressors of the spec (term order and labels). */
  y: string;
  x: readonly string[];
  /** Column heading, e.g. "Spatial Durbin (SDM)". */
  modelLabel: string;
  /** Added to the coefficient table's note (effects, standard errors…). */
  note?: string;
}

/** Row keys of the spatial parameters in the coefficient table (terms of the result are W*x, L.y, …). */
export const rhoTerm = 'rho';
export const lambdaTerm = 'lambda';

const fitStatistics = [
  { key: 'sigma2', label: 'σ²' },
  { key: 'logLik', label: 'Log-likelihood' },
  { key: 'aic', label: 'AIC' },
  { key: 'bic', label: 'BIC' },
  { key: 'r2', label: 'R²' },
  { key: 'r2Within', label: 'Within R²' },
  { key: 'nobs', label: 'N' },
  { key: 'nunits', label: 'Units' },
  { key: 'nperiods', label: 'Periods' },
];

function Symbol({ children }: { children: ReactNode }) {
  return <span className="sp-symbol">{children}</span>;
}

function Words({ children }: { children: ReactNode }) {
  return <span className="sp-term-words">{children}</span>;
}

/** σ² and other small positive statistics: four significant digits rather than four decimals. */
function significant(value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Math.abs(value) < 0.01 && value !== 0 ? value.toPrecision(4) : formatNumber(value);
}

/** Plain-word names of the terms a spatial model adds; the term itself is kept in parentheses. */
export function spatialTermLabels(y: string): Record<string, ReactNode> {
  return {
    [`L.${y}`]: (
      <>
        <Symbol>τ</Symbol> <Words>time lag of y (L.{y})</Words>
      </>
    ),
    [`W*L.${y}`]: (
      <>
        <Symbol>η</Symbol> <Words>spatial-time lag (W*L.{y})</Words>
      </>
    ),
    [rhoTerm]: (
      <>
        <Symbol>ρ</Symbol> <Words>spatial lag of y (W*{y})</Words>
      </>
    ),
    [lambdaTerm]: (
      <>
        <Symbol>λ</Symbol> <Words>spatial error (W*u)</Words>
      </>
    ),
  };
}

/**
 * A spatial (or dynamic spatial) panel model: coefficients with ρ/λ (and τ, η) named in plain words, fit
 * statistics, LM tests, direct/indirect/total effects (short- and long-run side by side for dynamic
 * models), the stability check and the estimator's warnings.
 */
export function SpatialRegressionView({ result, y, x, modelLabel, note }: SpatialRegressionViewProps) {
  const terms = orderTerms(Object.keys(result.coefficients), y, x);
  const dynamic = terms.includes(`L.${y}`) || terms.includes(`W*L.${y}`);
  const spatialRows = [...(result.rho ? [rhoTerm] : []), ...(result.lambda ? [lambdaTerm] : [])];
  const columns: ResultColumn[] = [
    {
      label: modelLabel,
      estimates: { ...result.coefficients, [rhoTerm]: result.rho, [lambdaTerm]: result.lambda },
      statistics: {
        sigma2: significant(result.sigma2),
        logLik: result.logLik,
        aic: result.aic,
        bic: result.bic,
        r2: result.r2,
        r2Within: result.r2Within,
        nobs: result.nobs,
        nunits: result.nunits,
        nperiods: result.nperiods,
      },
    },
  ];
  if (result.uncorrected) {
    columns.push({
      label: 'Before Lee–Yu correction',
      estimates: { ...result.uncorrected.coefficients, [rhoTerm]: result.uncorrected.rho },
      statistics: { sigma2: significant(result.uncorrected.sigma2) },
    });
  }
  const effectTerms = result.impacts ? orderTerms(Object.keys(result.impacts.total), y, x) : [];

  return (
    <div className="sp-stack" data-testid="spatial-result">
      <ResultTable
        caption={`Dependent variable: ${y}`}
        terms={[...terms, ...spatialRows]}
        termLabels={spatialTermLabels(y)}
        columns={columns}
        statistics={fitStatistics}
        note={note}
      />
      {dynamic && <DynamicTermsNote y={y} />}
      {result.stability && <StabilityCheck stability={result.stability} />}
      {result.impacts && result.impactsLongRun && (
        <EffectsComparison shortRun={result.impacts} longRun={result.impactsLongRun} terms={effectTerms} />
      )}
      {result.impacts && !result.impactsLongRun && (
        <EffectsTable caption="Effects (LeSage–Pace)" effects={result.impacts} terms={effectTerms} />
      )}
      {result.lmTests && Object.keys(result.lmTests).length > 0 && (
        <TestsTable
          caption="Lagrange multiplier tests"
          tests={result.lmTests}
          note="Tests of the non-spatial model against a spatial lag or spatial error alternative."
        />
      )}
      {result.warnings && result.warnings.length > 0 && <WarningList warnings={result.warnings} />}
    </div>
  );
}

/** What the lags of y in a dynamic spatial Durbin model mean, in the study's words. */
export function DynamicTermsNote({ y }: { y: string }) {
  return (
    <p className="sp-note" data-testid="dynamic-terms-note">
      <Symbol>τ</Symbol> (L.{y}) carries {y} over from the previous period. <Symbol>η</Symbol> (W*L.{y}) is
      the “tournament” effect: neighbours’ outcomes of the previous period spilling over (lagged neighbour
      spillover). <Symbol>ρ</Symbol> (W*{y}) is the “backflow”: neighbours’ outcomes of the same period
      spilling over (contemporaneous spillover).
    </p>
  );
}

export interface StabilityCheckProps {
  stability: NonNullable<SpatialRegressionSummary['stability']>;
}

/** Whether the dynamic model is stationary: τ + ρ + η and the largest eigenvalue modulus of A below one. */
export function StabilityCheck({ stability }: StabilityCheckProps) {
  return (
    <div
      className={stability.stable ? 'sp-check-result sp-check-ok' : 'sp-check-result sp-check-fail'}
      data-testid="stability"
      data-stable={stability.stable}
    >
      <p className="sp-check-title">
        {stability.stable ? 'Stable (stationary)' : 'Not stable (not stationary)'}
      </p>
      <p>
        τ + ρ + η = {formatNumber(stability.tauPlusRhoPlusEta)}; largest eigenvalue modulus of A = (I −
        ρW)⁻¹(τI + ηW): {formatNumber(stability.maxModulus)}.
      </p>
      <p className="sp-note">Condition: {stability.condition}</p>
    </div>
  );
}

/** Estimator warnings (an estimate at a bound, log-determinant accuracy…). */
export function WarningList({ warnings }: { warnings: string[] }) {
  return (
    <div className="sp-warnings" role="note" data-testid="warnings">
      <p className="sp-check-title">Warnings</p>
      <ul>
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </div>
  );
}
