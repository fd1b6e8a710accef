import type { BuildWeightsBody, WeightsRecipe } from '@spillover/contracts';

/**
 * The build recipe with its method's own fields: contracts' `Omit<BuildWeightsBody, …>` is not distributive
 * over the methods' union, so it keeps only their common fields.
 */
type BuildRecipe = {
  source: 'build';
  datasetName: string;
  datasetVersion: number;
} & (BuildWeightsBody extends infer B
  ? B extends BuildWeightsBody
    ? Omit<B, 'teamId' | 'name'>
    : never
  : never);

const methodNames: Record<string, string> = {
  knn: 'k nearest neighbours',
  'distance-band': 'distance band',
  'inverse-distance': 'inverse distance',
  economic: 'economic distance',
  nested: 'economic-geographic nested',
};

const formatNames: Record<string, string> = {
  matrix: 'matrix CSV',
  edges: 'edge list CSV',
  gal: 'GAL',
  gwt: 'GWT',
};

export function weightsMethodLabel(method: string): string {
  return methodNames[method] ?? method;
}

/** "uploaded W.csv (matrix CSV)", "k nearest neighbours (k = 4) from produc v1" or "queen contiguity of GeoJSON polygons (…)". */
export function recipeLabel(stored: WeightsRecipe): string {
  if (stored.source === 'upload') {
    return `uploaded ${stored.fileName} (${formatNames[stored.format] ?? stored.format})`;
  }
  if (stored.source === 'geojson') {
    return `${stored.type} contiguity of GeoJSON polygons (unit id property ${stored.idProperty})`;
  }
  const recipe = stored as BuildRecipe;
  const parameters: string[] = [];
  switch (recipe.method) {
    case 'knn':
      parameters.push(`k = ${recipe.k}`);
      break;
    case 'distance-band':
      parameters.push(`threshold ${recipe.threshold}`);
      break;
    case 'inverse-distance':
      parameters.push(`power ${recipe.power}`);
      if (recipe.cutoff !== undefined) parameters.push(`cut off at ${recipe.cutoff}`);
      break;
    case 'economic':
      parameters.push(`variable ${recipe.variable}`);
      break;
    case 'nested':
      parameters.push(`φ = ${recipe.phi}`, `variable ${recipe.variable}`, `power ${recipe.power}`);
      break;
  }
  if (recipe.method !== 'economic') {
    const columns = recipe.lon !== undefined ? `${recipe.lon}/${recipe.lat}` : `${recipe.x}/${recipe.y}`;
    parameters.push(`${columns}${recipe.greatCircle ? ', great-circle km' : ''}`);
  }
  return `${weightsMethodLabel(recipe.method)} (${parameters.join('; ')}) from ${recipe.datasetName} v${recipe.datasetVersion}`;
}
