import type { MlEstimate, SpatialDesign } from './design.js';
import { fitLagModel } from './lag.js';
import { fitErrorModel, fitSacModel } from './sarar.js';

export type MlModel = 'sar' | 'sdm' | 'sem' | 'sdem' | 'sac';

/** The ML estimator of a static spatial model: lag (SAR, SDM), error (SEM, SDEM) or both (SAC). */
export function fitSpatialModel(model: MlModel, design: SpatialDesign): MlEstimate {
  if (model === 'sar' || model === 'sdm') return fitLagModel(design);
  return model === 'sac' ? fitSacModel(design) : fitErrorModel(design);
}
