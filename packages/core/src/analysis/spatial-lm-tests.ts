/**
 * Lagrange multiplier tests for a spatial lag and a spatial error in a non-spatial panel model
 * (Anselin et al. 1996; panel form of Debarsy & Ertur 2010 / Elhorst 2014, as splm::slmtest), on the
 * within-transformed ỹ, X̃ (effects unit/time/twoways) or on y, [1, X] (effects none) and the OLS
 * residuals e of that equation, with W acting per period:
 *   s² = e'e/NT, T_W = tr(WW + W'W), J = (W X̃b)' M (W X̃b)/s² + T·T_W, M = I − X̃(X̃'X̃)⁻¹X̃',
 *   LM_lag = (e'Wỹ/s²)²/J,  LM_err = (e'We/s²)²/(T·T_W),
 *   robust LM_lag = (e'Wỹ/s² − e'We/s²)²/(J − T·T_W),
 *   robust LM_err = (e'We/s² − (T·T_W/J)·e'Wỹ/s²)²/(T·T_W·(1 − T·T_W/J)),  each χ²(1).
 */
import type { RegressionSpec, TestStatistic } from '@spillover/contracts';
import type { Panel } from '../data/panel.js';
import { dot } from '../linalg/dense.js';
import { chiSquareSf } from '../stats/distributions.js';
import { weightsMoments } from '../spatial/autocorrelation.js';
import { leastSquares } from '../spatial/models/ols.js';
import { demean } from '../spatial/panel-data.js';
import { panelSpatialLag } from '../spatial/weights/types.js';
import { spatialPanelData } from './spatial-inputs.js';
import type { AnalysisInputs } from './run-analysis.js';

export interface PanelLmTests {
  lmLag: TestStatistic;
  lmError: TestStatistic;
  robustLmLag: TestStatistic;
  robustLmError: TestStatistic;
}

/**
 * The four LM tests for `spec` (its y, x and effects; `spec.weights` with `inputs.weightsText` give W).
 * Needs a balanced panel (UNBALANCED_PANEL otherwise) and W matching its units (INVALID_WEIGHTS).
 */
export function panelLmTests(spec: RegressionSpec, panel: Panel, inputs: AnalysisInputs): PanelLmTests {
  const data = spatialPanelData(
    panel,
    [{ name: spec.y, field: 'y' }, ...spec.x.map((name, i) => ({ name, field: `x[${i}]` }))],
    spec.weights,
    inputs,
    'the spatial LM tests',
  );
  const { n, periods, w } = data;
  const nobs = n * periods;
  const y = demean(data.column(spec.y), n, periods, spec.effects);
  const x = spec.x.map((name) => demean(data.column(name), n, periods, spec.effects));
  if (spec.effects === 'none') x.unshift(new Float64Array(nobs).fill(1));
  const { resid: e } = leastSquares(x, y);
  const fitted = Float64Array.from(y, (v, r) => v - e[r]!);
  const s2 = dot(e, e) / nobs;
  const tw = weightsMoments(w).s1; // Σw_ij² + Σw_ij w_ji = tr(W'W + WW)
  const wFitted = panelSpatialLag(w, fitted);
  const mwf = leastSquares(x, wFitted).resid;
  const j = dot(mwf, mwf) / s2 + periods * tw;
  const lag = dot(e, panelSpatialLag(w, y)) / s2;
  const err = dot(e, panelSpatialLag(w, e)) / s2;
  const ttw = periods * tw;
  const test = (stat: number): TestStatistic => ({ stat, df: 1, p: chiSquareSf(stat, 1) });
  return {
    lmLag: test((lag * lag) / j),
    lmError: test((err * err) / ttw),
    robustLmLag: test((lag - err) ** 2 / (j - ttw)),
    robustLmError: test((err - (ttw / j) * lag) ** 2 / (ttw * (1 - ttw / j))),
  };
}
