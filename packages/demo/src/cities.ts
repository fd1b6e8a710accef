/**
 * The demo's units: prefecture-level cities read from the text of
 * ../shared/data/china-prefecture-cities.csv (columns code, name, province, lon, lat, …), with the
 * three-belt region of their province and their urban-agglomeration membership.
 */
import { SpilloverError } from '@spillover/contracts';
import { parseCsv } from '@spillover/core';
import { agglomerationOf } from './agglomerations.js';

export type Region = 'east' | 'central' | 'west';

export interface City {
  code: string;
  name: string;
  province: string;
  lon: number;
  lat: number;
  region: Region;
  /** Name of the national urban agglomeration the city is assigned to, or '' (see ./agglomerations.ts). */
  agglomeration: string;
}

/**
 * The traditional three economic belts (NBS / 7th Five-Year Plan): east 11 provinces, central 8
 * (incl. Jilin and Heilongjiang), west 12 (incl. Inner Mongolia and Guangxi).
 */
const EAST = [
  '北京市',
  '天津市',
  '河北省',
  '辽宁省',
  '上海市',
  '江苏省',
  '浙江省',
  '福建省',
  '山东省',
  '广东省',
  '海南省',
];
const CENTRAL = ['山西省', '吉林省', '黑龙江省', '安徽省', '江西省', '河南省', '湖北省', '湖南省'];
const WEST = [
  '内蒙古自治区',
  '广西壮族自治区',
  '重庆市',
  '四川省',
  '贵州省',
  '云南省',
  '西藏自治区',
  '陕西省',
  '甘肃省',
  '青海省',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
];

export function regionOf(province: string): Region {
  if (EAST.includes(province)) return 'east';
  if (CENTRAL.includes(province)) return 'central';
  if (WEST.includes(province)) return 'west';
  throw new SpilloverError(
    'VALIDATION_FAILED',
    `province "${province}" is not one of the 31 mainland provinces`,
    { field: 'province' },
  );
}

/** Cities left out of every demo panel: 三沙市 (founded 2012, centroid in the open sea). */
export const EXCLUDED_CITIES: readonly string[] = ['460300'];

/**
 * Known errors of the city list, corrected when the listed point is the erroneous one:
 * 鞍山市 (Anshan, Liaoning) carries the centroid of 马鞍山市 (Ma'anshan, Anhui), a suffix-match slip
 * of the list's derivation; the demo uses Anshan's approximate city-centre point instead.
 */
export const coordinateCorrections: readonly {
  code: string;
  wrong: [number, number];
  lon: number;
  lat: number;
  reason: string;
}[] = [
  {
    code: '210300',
    wrong: [118.3703, 31.637],
    lon: 122.99,
    lat: 41.11,
    reason: "listed with 马鞍山市's centroid; approximate city-centre point of 鞍山市",
  },
];

function corrected(city: City): City {
  const fix = coordinateCorrections.find(
    (c) => c.code === city.code && c.wrong[0] === city.lon && c.wrong[1] === city.lat,
  );
  return fix ? { ...city, lon: fix.lon, lat: fix.lat } : city;
}

/** Parses the city list CSV text (header code,name,province,lon,lat,…); errors name the line. */
export function parseCities(csvText: string): City[] {
  const table = parseCsv(csvText, 'city list');
  const col = (name: string): number => {
    const k = table.header.indexOf(name);
    if (k < 0) throw new SpilloverError('MISSING_COLUMN', `city list: no column "${name}"`, { column: name });
    return k;
  };
  const [code, name, province, lon, lat] = ['code', 'name', 'province', 'lon', 'lat'].map(col) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return table.records.map((record) => {
    const f = record.fields;
    const x = Number(f[lon]);
    const y = Number(f[lat]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new SpilloverError(
        'NON_NUMERIC_CELL',
        `city list: line ${record.line}: lon/lat are not numbers`,
        { row: record.line },
      );
    }
    return corrected({
      code: f[code]!.trim(),
      name: f[name]!.trim(),
      province: f[province]!.trim(),
      lon: x,
      lat: y,
      region: regionOf(f[province]!.trim()),
      agglomeration: agglomerationOf(f[province]!.trim(), f[name]!.trim()),
    });
  });
}

/**
 * The demo's cities: the list without EXCLUDED_CITIES, or `count` of them evenly spaced through the
 * list (positions ⌊k·n/count⌋), which keeps every part of the country represented.
 */
export function selectCities(cities: City[], count?: number): City[] {
  const eligible = cities.filter((c) => !EXCLUDED_CITIES.includes(c.code));
  if (count === undefined || count >= eligible.length) return eligible;
  if (!Number.isInteger(count) || count < 12) {
    throw new SpilloverError('VALIDATION_FAILED', `--cities: need an integer of at least 12 (got ${count})`, {
      field: 'cities',
    });
  }
  return Array.from({ length: count }, (_, k) => eligible[Math.floor((k * eligible.length) / count)]!);
}
