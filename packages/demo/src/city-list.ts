import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Path of the city list shipped with this package (a copy of shared/data; licences in data/NOTICE.md). */
export const bundledCityListPath = join(__dirname, '..', 'data', 'china-prefecture-cities.csv');

/** The text of the bundled city list, the input of `generateDemo`. */
export function bundledCityListCsv(): string {
  return readFileSync(bundledCityListPath, 'utf8');
}
