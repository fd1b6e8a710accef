import type { BuildWeightsBody } from '@spillover/contracts';
import {
  distanceBandWeights,
  economicDistanceWeights,
  inverseDistanceWeights,
  knnWeights,
  nestedWeights,
  type Coordinates,
  type Panel,
  type WeightTriplets,
} from '@spillover/core';
import { constantPerUnit, meanPerUnit } from './unit-values.js';

type GeographicBuild = Exclude<BuildWeightsBody, { method: 'economic' }>;

/** Each unit's coordinates from the lon/lat or x/y columns named in the body (the body schema requires one pair). */
function coordinatesOf(body: GeographicBuild, panel: Panel): Coordinates {
  const [xField, yField] = body.x !== undefined ? (['x', 'y'] as const) : (['lon', 'lat'] as const);
  return {
    ids: panel.units,
    x: constantPerUnit(panel, body[xField]!, xField),
    y: constantPerUnit(panel, body[yField]!, yField),
    metric: body.greatCircle ? 'greatCircle' : 'planar',
  };
}

/** Builds weights over the panel's units with core's builders, as labelled triplets. */
export function buildWeightTriplets(body: BuildWeightsBody, panel: Panel): WeightTriplets {
  if (body.method === 'economic') {
    return economicDistanceWeights(panel.units, meanPerUnit(panel, body.variable, 'variable'));
  }
  const coordinates = coordinatesOf(body, panel);
  switch (body.method) {
    case 'knn':
      return knnWeights(coordinates, body.k);
    case 'distance-band':
      return distanceBandWeights(coordinates, body.threshold);
    case 'inverse-distance':
      return inverseDistanceWeights(coordinates, { power: body.power, cutoff: body.cutoff });
    case 'nested':
      return nestedWeights(coordinates, meanPerUnit(panel, body.variable, 'variable'), body.phi, body.power);
  }
}
