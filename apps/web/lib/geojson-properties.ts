/** Reading a GeoJSON file's feature properties in the browser, to offer the unit id property before the upload. */

const idNames = /^(id|code|geoid|fips|iso\d?|iso_?a\d|unit|unit_?id|region|state|county|name)$/i;

/**
 * Property names of the first feature of a FeatureCollection (text), with the likely unit id: a
 * property named like an id, else the first string or integer one. Throws a readable Error otherwise.
 */
export function geojsonProperties(text: string): { properties: string[]; guess: string } {
  let collection: unknown;
  try {
    collection = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new Error('The file is not valid JSON.');
  }
  const features = (collection as { type?: unknown; features?: unknown } | null)?.features;
  if ((collection as { type?: unknown } | null)?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new Error('The file is not a GeoJSON FeatureCollection.');
  }
  if (features.length === 0) throw new Error('The FeatureCollection has no features.');
  const first = (features[0] as { properties?: unknown } | null)?.properties;
  const values = first && typeof first === 'object' ? (first as Record<string, unknown>) : {};
  const properties = Object.keys(values).filter((key) => ['string', 'number'].includes(typeof values[key]));
  if (properties.length === 0) {
    throw new Error('Feature 0 has no string or number properties to use as unit ids.');
  }
  const guess =
    properties.find((p) => idNames.test(p)) ??
    properties.find((p) => typeof values[p] === 'string' || Number.isInteger(values[p])) ??
    properties[0]!;
  return { properties, guess };
}
