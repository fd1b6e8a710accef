import { SpilloverError, type ContiguityWeightsQuery } from '@spillover/contracts';
import { contiguityWeights, type ContiguityWeights } from '@spillover/core';

/**
 * Queen or rook contiguity of the polygons of an uploaded GeoJSON FeatureCollection (UTF-8 bytes).
 * Core's errors (INVALID_WEIGHTS, 422) name the feature: a missing or duplicate id, a bad geometry.
 */
export function geojsonContiguity(bytes: Uint8Array, query: ContiguityWeightsQuery): ContiguityWeights {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SpilloverError('INVALID_WEIGHTS', 'GeoJSON: the file is not valid UTF-8 text');
  }
  return contiguityWeights(text, { idProperty: query.idProperty, type: query.type, snap: query.snap });
}
