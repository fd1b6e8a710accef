import {
  SpilloverError,
  weightsFileName,
  type WeightsFormat,
  type WeightsSummaryView,
} from '@spillover/contracts';
import { detectWeightsFormat, matchWeights, parseWeights, summariseWeights } from '@spillover/core';

export interface DescribedWeights {
  format: WeightsFormat;
  /** The name core parses the text under (the worker passes the same one). */
  fileName: string;
  /** Every unit id, sorted. */
  unitIds: string[];
  summary: WeightsSummaryView;
}

const formatNames: Record<WeightsFormat, string> = {
  matrix: 'a labelled matrix',
  edges: 'an edge list',
  gal: 'a GAL file',
  gwt: 'a GWT file',
};

/**
 * Parses weights text exactly as an analysis will (same file name, so the same parser) and summarises the
 * weights as given. Throws INVALID_WEIGHTS naming the units or lines: malformed or non-square files, a
 * non-zero diagonal, negative weights. Islands are only reported: an analysis decides whether to allow them.
 */
export function describeWeights(text: string, name: string, format?: WeightsFormat): DescribedWeights {
  const chosen = format ?? detectWeightsFormat(text, name);
  const fileName = weightsFileName(name, chosen);
  const detected = detectWeightsFormat(text, fileName);
  if (detected !== chosen) {
    throw new SpilloverError(
      'INVALID_WEIGHTS',
      `weights ${name}: the file reads as ${formatNames[detected]}, not ${formatNames[chosen]}`,
      { field: 'format', format: chosen, detected },
    );
  }
  const triplets = parseWeights(text, fileName);
  const unitIds = [...triplets.ids].sort();
  if (unitIds.length < 2) {
    throw new SpilloverError(
      'INVALID_WEIGHTS',
      `weights ${name} name ${unitIds.length} unit(s); at least two are needed`,
    );
  }
  // matched to their own ids, as given: checks the diagonal and signs, and keeps islands for the summary
  const matched = matchWeights(triplets, unitIds, { style: 'none', allowIslands: true });
  const { n, links, neighbours, connectivityPercent, symmetric, islands } = summariseWeights(matched);
  return {
    format: chosen,
    fileName,
    unitIds,
    summary: { n, links, neighbours, connectivityPercent, symmetric, islands },
  };
}
