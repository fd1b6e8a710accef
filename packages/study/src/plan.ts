/**
 * The estimation plan: every estimation step of the study in report order, as specs without data
 * or weights paths. Calibration, baselines and mechanisms run on the analysis panel; Moran's I, the
 * LM tests, the SDMs and the dynamic SDM on the balanced sub-panel with a weights matrix;
 * heterogeneity and robustness on the analysis panel again.
 */
import type { AnalysisSpecInput } from '@spillover/contracts';
import { CONTROLS, panelIds } from './panel-ids.js';
import type { StudyPlannedStep, StudyWeights } from './types.js';

type RegressionInput = Extract<AnalysisSpecInput, { kind: 'regression' }>;
type HeterogeneityInput = Extract<AnalysisSpecInput, { kind: 'heterogeneity' }>;

/** Two-way FE with SEs clustered by city. */
const fe = (y: string, x: string[], extra: Partial<RegressionInput> = {}): RegressionInput => ({
  kind: 'regression',
  ...panelIds,
  y,
  x,
  model: 'fe',
  effects: 'twoways',
  vcov: 'cluster',
  ...extra,
});

const heterogeneity = (groupBy: HeterogeneityInput['groupBy']): HeterogeneityInput => ({
  kind: 'heterogeneity',
  ...panelIds,
  y: 'resilience',
  x: ['lq', ...CONTROLS],
  model: 'fe',
  effects: 'twoways',
  vcov: 'cluster',
  groupBy,
  test: { coefficients: ['lq'], suest: true, interaction: true },
});

/** A weighted spec names only the style; the runner adds the path (CLI) or the stored id (platform). */
const rowStandardised = () => ({ style: 'row' as const });

export function studyPlan(
  seed: number,
  reps: { bootstrap: number; draws: number },
  weights: Pick<StudyWeights, 'key' | 'label'>[],
): StudyPlannedStep[] {
  const onPanel = (id: string, title: string, s: AnalysisSpecInput): StudyPlannedStep => ({
    id,
    title,
    spec: s,
    dataset: 'analysis',
  });
  const spatial = (model: 'sdm' | 'dsdm', extra: Partial<RegressionInput> = {}): RegressionInput => ({
    kind: 'regression',
    ...panelIds,
    y: 'resilience',
    x: ['lq', ...CONTROLS],
    model,
    effects: 'twoways',
    ...extra,
    weights: rowStandardised(),
    impacts: { draws: reps.draws, seed },
  });
  return [
    onPanel('calibration', 'calibration: entropy index on latent resilience (simulation only)', {
      kind: 'regression',
      ...panelIds,
      y: 'resilience',
      x: ['resilience_latent'],
      model: 'fe',
      effects: 'twoways',
    }),
    onPanel('baseline-1', 'baseline two-way FE: LQ only', fe('resilience', ['lq'])),
    onPanel('baseline-2', 'baseline two-way FE with controls', fe('resilience', ['lq', ...CONTROLS])),
    onPanel(
      'mediation',
      `mediation through innovation and industrial upgrading (cluster bootstrap, ${reps.bootstrap} reps)`,
      {
        kind: 'mediation',
        ...panelIds,
        y: 'resilience',
        treatment: 'lq',
        mediators: ['ln_patents', 'ind_upgrade'],
        x: [...CONTROLS],
        model: 'fe',
        effects: 'twoways',
        vcov: 'cluster',
        bootstrap: { reps: reps.bootstrap, seed },
      },
    ),
    {
      id: 'moran',
      title: "Moran's I of resilience by year (kNN W)",
      spec: { kind: 'moran', ...panelIds, variable: 'resilience', weights: rowStandardised() },
      dataset: 'balanced',
      weights: 'knn',
    },
    {
      id: 'lm-tests',
      title: 'LM tests for spatial lag and error (two-way FE)',
      spec: {
        kind: 'regression',
        ...panelIds,
        y: 'resilience',
        x: ['lq', ...CONTROLS],
        model: 'fe',
        effects: 'twoways',
        weights: rowStandardised(),
      },
      dataset: 'balanced',
      weights: 'knn',
    },
    ...weights.map((w): StudyPlannedStep => ({
      id: `sdm-${w.key}`,
      title: `SDM with two-way FE, ${w.label} W (impacts: ${reps.draws} draws)`,
      spec: spatial('sdm'),
      dataset: 'balanced',
      weights: w.key,
    })),
    {
      id: 'dsdm',
      title: 'dynamic SDM (Lee-Yu), kNN W: short- and long-run effects',
      spec: spatial('dsdm', { leeYu: true }),
      dataset: 'balanced',
      weights: 'knn',
    },
    onPanel(
      'heterogeneity-engagement',
      'heterogeneity: digital engagement (median split within year)',
      heterogeneity({ median: 'digital_ln', within: 'period' }),
    ),
    onPanel(
      'heterogeneity-agglomeration',
      'heterogeneity: inside vs outside national urban agglomerations',
      heterogeneity('in_agglomeration'),
    ),
    onPanel('robust-lag', 'robustness: lagged regressor L.lq', fe('resilience', ['lq_lag1', ...CONTROLS])),
    onPanel(
      'robust-winsor',
      'robustness: winsorised resilience and LQ (1 %/99 %)',
      fe('resilience_w', ['lq_w', ...CONTROLS]),
    ),
    onPanel(
      'robust-iv',
      'robustness: IV two-way FE, L.lq instrumenting lq',
      fe('resilience', ['lq', ...CONTROLS], { instruments: { lq: ['L.lq'] } }),
    ),
  ];
}
