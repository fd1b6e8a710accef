/** Public API of the spatial econometrics core. */
export type { SpatialWeights, WeightTriplets } from './weights/types.js';
export { spatialLag, panelSpatialLag, denseWeights } from './weights/types.js';
export {
  parseWeights,
  parseMatrixCsv,
  parseEdgeListCsv,
  parseGal,
  parseGwt,
  detectWeightsFormat,
  type WeightsFormat,
} from './weights/parse.js';
export { matchWeights, isSymmetric, rowSumsOf, type WeightsOptions } from './weights/match.js';
export {
  knnWeights,
  distanceBandWeights,
  inverseDistanceWeights,
  economicDistanceWeights,
  nestedWeights,
  type Coordinates,
} from './weights/build.js';
export { contiguityWeights, type ContiguityOptions, type ContiguityWeights } from './weights/contiguity.js';
export { summariseWeights, type WeightsSummary } from './weights/summary.js';
export { symmetricEigenvalues } from './eigen/symmetric.js';
export { generalEigenvalues, type Eigenvalues } from './eigen/general.js';
export { weightsSpectrum, logDet, traceG, parameterBounds, type Spectrum } from './spectrum.js';
export {
  moranTest,
  moranI,
  gearyTest,
  localMoran,
  moranPermutationP,
  localMoranPermutationP,
  weightsMoments,
  type AutocorrelationTest,
  type LocalMoran,
  type LisaQuadrant,
} from './autocorrelation.js';
export { fitSpatialRegression } from '../analysis/spatial-regression.js';
export { runMoran } from '../analysis/moran.js';
export { panelLmTests, type PanelLmTests } from '../analysis/spatial-lm-tests.js';
