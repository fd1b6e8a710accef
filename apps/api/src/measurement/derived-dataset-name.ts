import { isDerivingKind, SpilloverError, type AnalysisSpec } from '@spillover/contracts';

/**
 * The name a measurement analysis stores its output panel under (null: the source dataset's name). Only
 * kinds that add columns make a dataset version, so asking for a name with any other kind is an error.
 */
export function derivedDatasetNameOf(spec: AnalysisSpec, name: string | undefined): string | null {
  if (name === undefined) return null;
  if (!isDerivingKind(spec.kind)) {
    throw new SpilloverError(
      'VALIDATION_FAILED',
      `derivedDatasetName: a "${spec.kind}" analysis stores no dataset version; only entropy-index, location-quotient, keyword-count and transform do`,
      { field: 'derivedDatasetName' },
    );
  }
  return name;
}
