import { z } from 'zod';

/** The `weights` field of a spec (its own module so that spec.ts and mechanisms.ts can both use it). */
export const WeightsSpec = z.strictObject({
  /** Path of a weights file, relative to the spec file (CLI). */
  path: z.string().min(1).optional(),
  /** Build queen or rook contiguity weights from the GeoJSON polygons at `path` (implied by a .geojson path: queen). */
  contiguity: z.enum(['queen', 'rook']).optional(),
  /** Feature property holding the unit id, for GeoJSON weights. */
  idProperty: z.string().min(1).optional(),
  /** Id of a stored weights matrix (platform). */
  id: z.string().min(1).optional(),
  /** `row`: row-standardise; `none`: use the weights as given. */
  style: z.enum(['row', 'none']).default('row'),
  /** Units without neighbours are an error unless this is true. */
  allowIslands: z.boolean().default(false),
});
export type WeightsSpec = z.infer<typeof WeightsSpec>;
