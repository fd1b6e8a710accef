/**
 * Inputs shared by the spatial analyses: the weights file matched to the sample's units, and the
 * balanced panel stacked by period (t·N + i) with units in W's order.
 */
import { SpilloverError, type WeightsSpec } from '@spillover/contracts';
import { selectSample, type Panel, type PanelSample } from '../data/panel.js';
import { requireBalanced, periodMajor } from '../spatial/panel-data.js';
import { contiguityWeights } from '../spatial/weights/contiguity.js';
import { matchWeights } from '../spatial/weights/match.js';
import { parseWeights } from '../spatial/weights/parse.js';
import type { SpatialWeights, WeightTriplets } from '../spatial/weights/types.js';
import type { AnalysisInputs } from './run-analysis.js';

/** Queen (the default) or rook contiguity of the GeoJSON polygons in `text`, units named by weights.idProperty. */
function geojsonWeights(weights: WeightsSpec, text: string): WeightTriplets {
  if (weights.idProperty === undefined) {
    throw new SpilloverError(
      'INVALID_SPEC',
      'weights.idProperty: GeoJSON weights need the feature property that holds the unit id',
      { field: 'weights.idProperty' },
    );
  }
  return contiguityWeights(text, { idProperty: weights.idProperty, type: weights.contiguity ?? 'queen' });
}

/** Parses the weights text (or builds contiguity weights from GeoJSON) of `inputs` and matches it to `units` (by id). */
export function loadWeights(
  weights: WeightsSpec | undefined,
  inputs: AnalysisInputs,
  units: string[],
  what: string,
): SpatialWeights {
  if (!weights) {
    throw new SpilloverError('INVALID_SPEC', `weights: ${what} needs a spatial weights matrix`, {
      field: 'weights',
    });
  }
  if (inputs.weightsText === undefined) {
    throw new SpilloverError('INVALID_SPEC', `weights: no weights file was supplied for ${what}`, {
      field: 'weights',
    });
  }
  const name = inputs.weightsName ?? weights.path;
  const triplets =
    weights.contiguity !== undefined || name?.toLowerCase().endsWith('.geojson')
      ? geojsonWeights(weights, inputs.weightsText)
      : parseWeights(inputs.weightsText, name);
  return matchWeights(triplets, units, { style: weights.style, allowIslands: weights.allowIslands });
}

export interface SpatialPanelData {
  sample: PanelSample;
  w: SpatialWeights;
  n: number;
  periods: number;
  /** Period-major columns by variable name. */
  column(name: string): Float64Array;
}

/** Balanced complete-case sample of `variables`, the matched W and period-major columns. */
export function spatialPanelData(
  panel: Panel,
  variables: { name: string; field: string }[],
  weights: WeightsSpec | undefined,
  inputs: AnalysisInputs,
  what: string,
): SpatialPanelData {
  const names = [...new Set(variables.map((v) => v.name))];
  const sample = selectSample(
    panel,
    names,
    names.map((n) => variables.find((v) => v.name === n)!.field),
  );
  requireBalanced(sample, what);
  const w = loadWeights(weights, inputs, sample.units, what);
  const cache = new Map<string, Float64Array>();
  return {
    sample,
    w,
    n: sample.nunits,
    periods: sample.nperiods,
    column(name: string): Float64Array {
      let v = cache.get(name);
      if (!v) {
        v = periodMajor(sample, sample.column(name));
        cache.set(name, v);
      }
      return v;
    },
  };
}
