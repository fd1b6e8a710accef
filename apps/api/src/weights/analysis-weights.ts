import { spatialModels, SpilloverError, type AnalysisSpec, type WeightsSpec } from '@spillover/contracts';
import { parseCsv } from '@spillover/core';
import { z } from 'zod';

const MAX_LISTED = 20;

/** The weights a spec asks for; INVALID_SPEC when a spatial analysis has none (400 naming the field). */
export function weightsOfSpec(spec: AnalysisSpec): WeightsSpec | undefined {
  const weights = 'weights' in spec ? spec.weights : undefined;
  if (!weights && spec.kind === 'regression' && spatialModels.includes(spec.model)) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `spec.weights: model "${spec.model}" needs a spatial weights matrix; give weights.id of a stored one`,
      { field: 'spec.weights' },
    );
  }
  return weights;
}

/**
 * The stored weights id of a spec's weights. The platform reads weights only from its own store: a file
 * path (command line only) is UNSUPPORTED (422), a missing or malformed id INVALID_SPEC (400).
 */
export function storedWeightsId(weights: WeightsSpec): string {
  if (weights.path !== undefined) {
    throw new SpilloverError(
      'UNSUPPORTED',
      'spec.weights.path: the platform does not read weights files; upload or build the weights under /weights and give weights.id',
      { field: 'spec.weights.path' },
    );
  }
  if (weights.id === undefined) {
    throw new SpilloverError('INVALID_SPEC', 'spec.weights.id: give the id of a stored weights matrix', {
      field: 'spec.weights.id',
    });
  }
  if (!z.string().uuid().safeParse(weights.id).success) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `spec.weights.id: "${weights.id}" is not a weights id (a UUID)`,
      {
        field: 'spec.weights.id',
      },
    );
  }
  return weights.id;
}

/** Distinct ids of a panel CSV's unit column, as core reads them (trimmed). */
export function panelUnitIds(csv: string, unitColumn: string): string[] {
  const { header, records } = parseCsv(csv, 'panel CSV');
  const position = header.indexOf(unitColumn);
  if (position < 0) {
    throw new SpilloverError('MISSING_COLUMN', `the unit column "${unitColumn}" is not in the panel`, {
      field: 'spec.unit',
      column: unitColumn,
    });
  }
  return [...new Set(records.map((record) => record.fields[position]!.trim()))];
}

const listed = (units: string[]) =>
  `${units.slice(0, MAX_LISTED).join(', ')}${units.length > MAX_LISTED ? ` … (${units.length} in all)` : ''}`;

/**
 * INVALID_WEIGHTS (422) naming the panel's units that the weights lack and the weights' units that are
 * not in the panel: W must match the panel's units one to one (as core's matchWeights requires), so the
 * mismatch is reported at submission rather than by the worker.
 */
export function requireUnitsMatch(units: string[], weightIds: string[], weightsLabel: string): void {
  const known = new Set(weightIds);
  const inPanel = new Set(units);
  const missing = units.filter((unit) => !known.has(unit));
  const extra = weightIds.filter((unit) => !inPanel.has(unit));
  if (missing.length === 0 && extra.length === 0) return;
  const parts: string[] = [];
  if (missing.length > 0) {
    parts.push(`has no row for ${missing.length} unit(s) of the dataset: ${listed(missing)}`);
  }
  if (extra.length > 0) {
    parts.push(`has ${extra.length} unit(s) that are not in the dataset: ${listed(extra)}`);
  }
  throw new SpilloverError('INVALID_WEIGHTS', `spec.weights.id: ${weightsLabel} ${parts.join('; ')}`, {
    field: 'spec.weights.id',
    units: [...missing, ...extra],
    missing,
    extra,
  });
}
