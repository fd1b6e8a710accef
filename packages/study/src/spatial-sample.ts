/**
 * The spatial steps' sample: the cities observed in every year on the spatial variables (the spatial
 * ML estimators need a balanced panel) and three weights over them, row-standardised by the specs:
 * k nearest neighbours (great-circle distance), inverse distance, and economic distance
 * 1/|ḡᵢ − ḡⱼ| on the cities' mean GDP per capita.
 */
import {
  economicDistanceWeights,
  inverseDistanceWeights,
  knnWeights,
  parsePanelCsv,
  selectSample,
  type WeightTriplets,
} from '@spillover/core';
import type { DemoData } from '@spillover/demo';
import { CONTROLS, panelIds } from './panel-ids.js';
import type { StudyBalancedSample, StudyWeights, StudyWeightsKey } from './types.js';

const SPATIAL_VARIABLES = ['resilience', 'lq', ...CONTROLS];

function edgeList(t: WeightTriplets): string {
  const lines = ['from,to,weight'];
  for (let e = 0; e < t.from.length; e++) {
    lines.push(`${t.ids[t.from[e]!]},${t.ids[t.to[e]!]},${t.weight[e]!.toPrecision(8)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Keeps the header and the rows of the given units (first field). */
function filterRows(csv: string, keep: Set<string>): string {
  const lines = csv.split('\n');
  return `${[lines[0], ...lines.slice(1).filter((l) => l !== '' && keep.has(l.slice(0, l.indexOf(','))))].join('\n')}\n`;
}

/** The three matrices (k: neighbours of the kNN matrix, the DGP's own W). */
export function studyWeightsKinds(k: number): Omit<StudyWeights, 'text'>[] {
  return [
    { key: 'knn', label: `${k}-nearest neighbours`, file: 'W-knn-balanced.csv' },
    { key: 'inverse', label: 'inverse distance', file: 'W-inverse-distance-balanced.csv' },
    { key: 'economic', label: 'economic distance (GDP per capita)', file: 'W-economic-balanced.csv' },
  ];
}

export function spatialSample(
  demo: DemoData,
  analysisPanelCsv: string,
): { balancedPanelCsv: string; balanced: StudyBalancedSample; weights: StudyWeights[] } {
  const parsed = parsePanelCsv(analysisPanelCsv, panelIds.unit, panelIds.time);
  const sample = selectSample(parsed, SPATIAL_VARIABLES);
  const perUnit = new Int32Array(parsed.units.length);
  for (let r = 0; r < sample.rows.length; r++) perUnit[parsed.unitIndex[sample.rows[r]!]!]!++;
  const complete = parsed.units.filter((_, u) => perUnit[u] === parsed.times.length);
  const dropped = parsed.units.filter((_, u) => perUnit[u] !== parsed.times.length);

  const cityOf = new Map(demo.cities.map((c) => [c.code, c]));
  const coordinates = {
    ids: complete,
    x: complete.map((u) => cityOf.get(u)!.lon),
    y: complete.map((u) => cityOf.get(u)!.lat),
    metric: 'greatCircle' as const,
  };
  const gdp = parsed.columns.get('gdp_pc')!;
  const gdpSum = new Float64Array(parsed.units.length);
  const gdpCount = new Float64Array(parsed.units.length);
  for (let r = 0; r < parsed.nrows; r++) {
    if (Number.isFinite(gdp[r]!)) {
      gdpSum[parsed.unitIndex[r]!]! += gdp[r]!;
      gdpCount[parsed.unitIndex[r]!]!++;
    }
  }
  const position = new Map(parsed.units.map((u, k) => [u, k]));
  const gdpMean = complete.map((u) => gdpSum[position.get(u)!]! / gdpCount[position.get(u)!]!);
  const build: Record<StudyWeightsKey, () => WeightTriplets> = {
    knn: () => knnWeights(coordinates, demo.dgp.parameters.k),
    inverse: () => inverseDistanceWeights(coordinates, { power: 1 }),
    economic: () => economicDistanceWeights(complete, gdpMean),
  };
  const weights = studyWeightsKinds(demo.dgp.parameters.k).map((w) => ({
    ...w,
    text: edgeList(build[w.key]()),
  }));
  return {
    balancedPanelCsv: filterRows(analysisPanelCsv, new Set(complete)),
    balanced: { units: complete.length, dropped },
    weights,
  };
}
