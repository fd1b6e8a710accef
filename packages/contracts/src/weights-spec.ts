import { z } from 'zod';

/** The `weights` field of a spec (its own module so that spec.ts and mechanisms.ts can both use it). */
export const WeightsSpec = z
  .strictObject({
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
  })
  // a stored matrix is already built: file options would be silently ignored, so they are refused
  .superRefine((weights, ctx) => {
    if (weights.id === undefined) return;
    for (const field of ['path', 'contiguity', 'idProperty'] as const) {
      if (weights[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `weights.${field} cannot be combined with weights.id (a stored matrix is used as stored)`,
        });
      }
    }
  });
export type WeightsSpec = z.infer<typeof WeightsSpec>;
