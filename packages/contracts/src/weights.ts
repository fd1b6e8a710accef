import { z } from 'zod';

/** Stored spatial weights matrices: request bodies and views of `/weights`. */

/** Labelled square matrix CSV, edge list CSV (`from,to[,weight]`), GeoDa GAL, GeoDa GWT. */
export const weightsFormats = ['matrix', 'edges', 'gal', 'gwt'] as const;
export const WeightsFormat = z.enum(weightsFormats);
export type WeightsFormat = z.infer<typeof WeightsFormat>;

/**
 * The file name under which stored weights text is parsed (core picks GAL/GWT by extension and tells a
 * matrix from an edge list by its header): `name` itself when its extension already fits the format.
 */
export function weightsFileName(name: string, format: WeightsFormat): string {
  const extension = format === 'gal' || format === 'gwt' ? `.${format}` : '.csv';
  return name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`;
}

const weightsName = z.string().trim().min(1).max(200);

/** Query of `POST /weights`; the body is the weights file itself. */
export const UploadWeightsQuery = z.strictObject({
  teamId: z.string().uuid(),
  /** Name of the weights; its extension (.csv, .gal, .gwt) picks the parser unless `format` is given. */
  name: weightsName,
  format: WeightsFormat.optional(),
});
export type UploadWeightsQuery = z.infer<typeof UploadWeightsQuery>;

export const contiguityTypes = ['queen', 'rook'] as const;
export type ContiguityType = (typeof contiguityTypes)[number];

/** Query of `POST /weights/contiguity`; the body is a GeoJSON FeatureCollection of polygons. */
export const ContiguityWeightsQuery = z.strictObject({
  teamId: z.string().uuid(),
  name: weightsName,
  /** Feature property holding the unit id. */
  idProperty: z.string().min(1, 'idProperty cannot be empty'),
  /** queen: boundaries share a point; rook: they share an edge. */
  type: z.enum(contiguityTypes),
  /** Snap tolerance in coordinate units (default 1e-7 of the map's extent). */
  snap: z.coerce.number().min(0).finite().optional(),
});
export type ContiguityWeightsQuery = z.infer<typeof ContiguityWeightsQuery>;

export const weightsMethods = ['knn', 'distance-band', 'inverse-distance', 'economic', 'nested'] as const;
export type WeightsMethod = (typeof weightsMethods)[number];

const column = z.string().min(1, 'a column name cannot be empty');
const positive = z.number().positive().finite();

/** Where each unit is: longitude/latitude or planar x/y columns of the dataset (one of the pairs). */
const coordinateFields = {
  lon: column.optional(),
  lat: column.optional(),
  x: column.optional(),
  y: column.optional(),
  /** Great-circle distances in km (needs lon/lat); planar Euclidean distances otherwise. */
  greatCircle: z.boolean().default(false),
};

const buildFields = {
  teamId: z.string().uuid(),
  name: weightsName,
  datasetId: z.string().uuid(),
  /** Unit id column of the dataset (default: the dataset's own unit column). */
  unitColumn: column.optional(),
};

const KnnBuild = z.strictObject({
  ...buildFields,
  ...coordinateFields,
  method: z.literal('knn'),
  k: z.number().int().min(1),
});
const DistanceBandBuild = z.strictObject({
  ...buildFields,
  ...coordinateFields,
  method: z.literal('distance-band'),
  threshold: positive,
});
const InverseDistanceBuild = z.strictObject({
  ...buildFields,
  ...coordinateFields,
  method: z.literal('inverse-distance'),
  power: positive.default(1),
  cutoff: positive.optional(),
});
const EconomicBuild = z.strictObject({
  ...buildFields,
  method: z.literal('economic'),
  /** w_ij = 1 / |mean_i − mean_j| of this column over the sample period. */
  variable: column,
});
const NestedBuild = z.strictObject({
  ...buildFields,
  ...coordinateFields,
  method: z.literal('nested'),
  variable: column,
  /** Share of the geographic (inverse-distance) part: W = φ W_d + (1 − φ) W_e. */
  phi: z.number().min(0).max(1),
  power: positive.default(1),
});

/** Body of `POST /weights/build`: weights built from per-unit coordinates or attributes of a dataset. */
export const BuildWeightsBody = z
  .discriminatedUnion('method', [
    KnnBuild,
    DistanceBandBuild,
    InverseDistanceBuild,
    EconomicBuild,
    NestedBuild,
  ])
  .superRefine((body, context) => {
    if (body.method === 'economic') return;
    const lonLat = body.lon !== undefined || body.lat !== undefined;
    const xy = body.x !== undefined || body.y !== undefined;
    if (lonLat && xy) {
      context.addIssue({ code: 'custom', path: ['x'], message: 'give either lon/lat or x/y, not both' });
      return;
    }
    const [first, second] = xy ? (['x', 'y'] as const) : (['lon', 'lat'] as const);
    for (const field of [first, second]) {
      if (body[field] === undefined) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `the ${field} column is required for ${body.method} weights`,
        });
      }
    }
    if (body.greatCircle && xy) {
      context.addIssue({
        code: 'custom',
        path: ['greatCircle'],
        message: 'great-circle distances need lon/lat columns',
      });
    }
  });
export type BuildWeightsBody = z.infer<typeof BuildWeightsBody>;
export type BuildWeightsInput = z.input<typeof BuildWeightsBody>;

/** Neighbour structure of stored weights, as given (before any row standardisation). */
export interface WeightsSummaryView {
  n: number;
  /** Non-zero off-diagonal weights. */
  links: number;
  neighbours: { min: number; mean: number; max: number };
  /** Share of the n(n − 1) possible links present, in per cent. */
  connectivityPercent: number;
  /** w_ij = w_ji for every pair. */
  symmetric: boolean;
  /** Units without neighbours: an analysis refuses them unless its spec sets weights.allowIslands. */
  islands: string[];
}

/** The parameters of a build, per method (Omit applied to each member of the union). */
export type WeightsBuildParameters = BuildWeightsBody extends infer Body
  ? Body extends unknown
    ? Omit<Body, 'teamId' | 'name'>
    : never
  : never;

/** How stored weights came to be: an uploaded file, a build from a dataset, or contiguity of GeoJSON polygons. */
export type WeightsRecipe =
  | { source: 'upload'; fileName: string; format: WeightsFormat }
  | ({ source: 'build'; datasetName: string; datasetVersion: number } & WeightsBuildParameters)
  | { source: 'geojson'; method: 'contiguity'; type: ContiguityType; idProperty: string; snap?: number };

export interface WeightsView {
  id: string;
  teamId: string;
  name: string;
  version: number;
  sha256: string;
  format: WeightsFormat;
  n: number;
  /** Unit ids, sorted. */
  unitIds: string[];
  summary: WeightsSummaryView;
  recipe: WeightsRecipe;
  createdAt: string;
  createdBy: string;
}
