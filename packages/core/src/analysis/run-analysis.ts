import {
  SpilloverError,
  spatialModels,
  type AnalysisResult,
  type AnalysisSpec,
  type Progress,
} from '@spillover/contracts';
import { parsePanelCsv } from '../data/panel.js';
import { EstimationError } from '../estimators/errors.js';
import { fitLinearRegression } from './linear-regression.js';
import { runMechanismAnalysis } from './mechanisms-replications.js';
import { runMoran } from './moran.js';
import { runEntropyIndex } from './measurement-entropy-index.js';
import { runKeywordCount } from './measurement-keyword-count.js';
import { runLocationQuotient } from './measurement-location-quotient.js';
import { runTransform } from './measurement-transform.js';
import { panelLmTests } from './spatial-lm-tests.js';
import { fitSpatialRegression } from './spatial-regression.js';

/** The data an analysis reads, as text: the analysis layer parses it (no I/O in core). */
export interface AnalysisInputs {
  /** Long-format panel CSV with a header row. */
  panelCsv: string;
  /** Weights file text (labelled square matrix CSV, edge list, GAL or GWT), when the spec has `weights`. */
  weightsText?: string;
  /** File name of the weights, used to pick the format by extension (`.gal`, `.gwt`, `.csv`). */
  weightsName?: string;
}

export interface RunHooks {
  /** Called with progress on long steps (e.g. simulation draws). */
  onProgress?: (progress: Progress) => void;
}

/**
 * Runs one analysis spec on its inputs and returns the contract's Result JSON.
 * Throws `SpilloverError` (from @spillover/contracts) naming the field, column, row, cell or unit.
 */
export type RunAnalysis = (spec: AnalysisSpec, inputs: AnalysisInputs, hooks?: RunHooks) => AnalysisResult;

function dispatch(spec: AnalysisSpec, inputs: AnalysisInputs, hooks: RunHooks): AnalysisResult {
  switch (spec.kind) {
    case 'regression': {
      const panel = parsePanelCsv(inputs.panelCsv, spec.unit, spec.time);
      if (spatialModels.includes(spec.model)) return fitSpatialRegression(spec, panel, inputs, hooks);
      hooks.onProgress?.({ stage: 'estimation', done: 0, total: 1 });
      const { result } = fitLinearRegression(spec, panel);
      // a non-spatial model given weights also reports the LM tests for spatial lag and error
      if (spec.weights) result.lmTests = { ...panelLmTests(spec, panel, inputs) };
      hooks.onProgress?.({ stage: 'estimation', done: 1, total: 1 });
      return result;
    }
    case 'moran':
      return runMoran(spec, parsePanelCsv(inputs.panelCsv, spec.unit, spec.time), inputs, hooks);
    case 'entropy-index':
      return runEntropyIndex(spec, parsePanelCsv(inputs.panelCsv, spec.unit, spec.time), hooks);
    case 'location-quotient':
      return runLocationQuotient(spec, parsePanelCsv(inputs.panelCsv, spec.unit, spec.time), hooks);
    case 'keyword-count':
      return runKeywordCount(spec, parsePanelCsv(inputs.panelCsv, spec.unit, spec.time), inputs, hooks);
    case 'transform':
      return runTransform(spec, parsePanelCsv(inputs.panelCsv, spec.unit, spec.time), hooks);
    case 'mediation':
    case 'threshold':
    case 'heterogeneity':
      return runMechanismAnalysis(spec, parsePanelCsv(inputs.panelCsv, spec.unit, spec.time), hooks, inputs);
  }
}

/**
 * Runs one analysis: parses the panel, dispatches on kind and model (ols/fe/re here, with spatial
 * LM tests when the spec has weights; spatial models to ./spatial-regression.ts; Moran's I to
 * ./moran.ts; measurement kinds to ./measurement-*.ts; mediation, threshold and heterogeneity to
 * ./mechanisms-replications.ts) and returns the Result JSON. Synchronous and CPU-bound.
 * Estimator errors come out as SpilloverError with the same code.
 */
export const runAnalysis: RunAnalysis = (spec, inputs, hooks = {}) => {
  try {
    return dispatch(spec, inputs, hooks);
  } catch (error) {
    if (error instanceof EstimationError) throw new SpilloverError(error.code, error.message, error.details);
    throw error;
  }
};
