import type { BuildWeightsInput, WeightsFormat, WeightsMethod } from '@spillover/contracts';

export type CoordinateKind = 'lonlat' | 'xy';

/** The build form as typed: numbers stay text until the body is made. */
export interface BuildForm {
  datasetId: string;
  name: string;
  method: WeightsMethod;
  coordinates: CoordinateKind;
  first: string;
  second: string;
  greatCircle: boolean;
  k: string;
  threshold: string;
  power: string;
  cutoff: string;
  variable: string;
  phi: string;
}

export const methodOptions: { value: WeightsMethod; label: string }[] = [
  { value: 'knn', label: 'k nearest neighbours' },
  { value: 'distance-band', label: 'Distance band' },
  { value: 'inverse-distance', label: 'Inverse distance' },
  { value: 'economic', label: 'Economic distance (1 / |mean difference|)' },
  { value: 'nested', label: 'Economic-geographic nested' },
];

export const formatOptions: { value: '' | WeightsFormat; label: string }[] = [
  { value: '', label: 'From the file name and header' },
  { value: 'matrix', label: 'Labelled matrix CSV (id,u1,u2,…)' },
  { value: 'edges', label: 'Edge list CSV (from,to[,weight])' },
  { value: 'gal', label: 'GeoDa GAL' },
  { value: 'gwt', label: 'GeoDa GWT' },
];

export const usesCoordinates = (method: WeightsMethod) => method !== 'economic';
export const usesVariable = (method: WeightsMethod) => method === 'economic' || method === 'nested';

const longitudeNames = /^(lon|long|lng|longitude|x_?coord)$/i;
const latitudeNames = /^(lat|latitude|y_?coord)$/i;

/** Coordinate columns guessed from their names: lon/lat when both exist, else x/y, else the first two. */
export function guessCoordinates(columns: string[]): {
  coordinates: CoordinateKind;
  first: string;
  second: string;
} {
  const lon = columns.find((c) => longitudeNames.test(c));
  const lat = columns.find((c) => latitudeNames.test(c));
  if (lon && lat) return { coordinates: 'lonlat', first: lon, second: lat };
  const x = columns.find((c) => /^x$/i.test(c));
  const y = columns.find((c) => /^y$/i.test(c));
  if (x && y) return { coordinates: 'xy', first: x, second: y };
  return { coordinates: 'lonlat', first: columns[0] ?? '', second: columns[1] ?? '' };
}

function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The body of POST /weights/build; the API checks the numbers and names the field of a bad one. */
export function buildBody(form: BuildForm, teamId: string): BuildWeightsInput {
  const base = { teamId, name: form.name.trim(), datasetId: form.datasetId };
  const place =
    form.coordinates === 'lonlat'
      ? { lon: form.first, lat: form.second, greatCircle: form.greatCircle }
      : { x: form.first, y: form.second };
  switch (form.method) {
    case 'knn':
      return { ...base, ...place, method: 'knn', k: numberOf(form.k) };
    case 'distance-band':
      return { ...base, ...place, method: 'distance-band', threshold: numberOf(form.threshold) };
    case 'inverse-distance':
      return {
        ...base,
        ...place,
        method: 'inverse-distance',
        power: numberOf(form.power),
        ...(form.cutoff.trim() ? { cutoff: numberOf(form.cutoff) } : {}),
      };
    case 'economic':
      return { ...base, method: 'economic', variable: form.variable };
    case 'nested':
      return {
        ...base,
        ...place,
        method: 'nested',
        variable: form.variable,
        phi: numberOf(form.phi),
        power: numberOf(form.power),
      };
  }
}

/** Problems visible before sending, keyed by field. */
export function buildFormErrors(form: BuildForm): Record<string, string | undefined> {
  const positive = (text: string) => Number.isFinite(numberOf(text)) && numberOf(text) > 0;
  const coordinates = usesCoordinates(form.method);
  return {
    datasetId: form.datasetId ? undefined : 'Choose a dataset.',
    name: form.name.trim() ? undefined : 'Name the weights.',
    first: coordinates && !form.first ? 'Choose the column.' : undefined,
    second:
      coordinates && !form.second
        ? 'Choose the column.'
        : coordinates && form.first === form.second
          ? 'The two coordinates must be different columns.'
          : undefined,
    k:
      form.method === 'knn' && !/^\s*[1-9]\d*\s*$/.test(form.k)
        ? 'k: a whole number of at least 1.'
        : undefined,
    threshold:
      form.method === 'distance-band' && !positive(form.threshold) ? 'A positive distance.' : undefined,
    power:
      (form.method === 'inverse-distance' || form.method === 'nested') && !positive(form.power)
        ? 'A positive power.'
        : undefined,
    cutoff:
      form.method === 'inverse-distance' && form.cutoff.trim() !== '' && !positive(form.cutoff)
        ? 'A positive distance, or empty for none.'
        : undefined,
    variable: usesVariable(form.method) && !form.variable ? 'Choose the variable.' : undefined,
    phi:
      form.method === 'nested' && !(numberOf(form.phi) >= 0 && numberOf(form.phi) <= 1)
        ? 'φ: a share from 0 to 1.'
        : undefined,
  };
}
