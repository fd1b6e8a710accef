/**
 * The demo panel generator: simulates the DGP of ./dgp.ts for the cities of the city list and
 * returns every file as text (no I/O): panel.csv, texts.csv, two weights files, dgp.json's object
 * and README.md. The same (city list, options) give byte-identical files.
 *
 * Random streams (createRng(seed, stream)): one per block of the simulation, so a change in one
 * block does not shift the draws of another.
 */
import {
  createRng,
  inverseDistanceWeights,
  knnWeights,
  matchWeights,
  spatialLag,
  type Rng,
  type SpatialWeights,
  type WeightTriplets,
} from '@spillover/core';
import { parseCities, selectCities, type City } from './cities.js';
import {
  FIN_DEV_ON_PATENTS,
  FIRST_YEAR,
  LAST_YEAR,
  MISSING_CITY_SHARE,
  defaultParameters,
  indicatorNoise,
  indicators,
  observedYears,
  type DgpParameters,
} from './dgp.js';
import { impliedValues, type ImpliedValues } from './implied.js';
import { demoReadme } from './readme.js';
import { poisson, workReportText } from './texts.js';

export interface DemoOptions {
  seed?: number;
  /** Number of cities (evenly spaced through the list); all eligible cities by default. */
  cities?: number;
  /** Overrides of the DGP parameters (e.g. tau: 0, eta: 0 for a static variant). */
  parameters?: Partial<DgpParameters>;
  /** No missing cells and every city observed in every year (a balanced, complete panel). */
  complete?: boolean;
}

export interface DgpDocument {
  description: string;
  simulated: true;
  seed: number;
  cities: number;
  years: [number, number];
  rows: number;
  parameters: DgpParameters;
  equations: string[];
  weights: string;
  indicators: typeof indicators;
  indicatorNoise: typeof indicatorNoise;
  /** Mean and sd of y* over the observed rows: z = (y* − mean) / sd drives the indicators. */
  latentScale: { mean: number; sd: number };
  observedYears: Record<string, { from?: number; to?: number; reason: string }>;
  missingCells: { code: string; year: number; column: string }[];
  implied: ImpliedValues;
}

export interface DemoData {
  cities: City[];
  panelCsv: string;
  textsCsv: string;
  /** Edge lists `from,to,weight` over the cities' codes. */
  weights: { knn: string; inverseDistance: string };
  dgp: DgpDocument;
  readme: string;
}

const STREAM = {
  units: 1,
  employment: 2,
  engagement: 3,
  controls: 4,
  mediators: 5,
  outcome: 6,
  indicators: 7,
  texts: 8,
  missing: 9,
} as const;

const round = (x: number, decimals: number): number => Number(x.toFixed(decimals));

/** A column of the simulation: periods × cities, period-major (s·n + i), burn-in periods first. */
class Grid {
  readonly values: Float64Array;
  constructor(
    readonly n: number,
    readonly periods: number,
  ) {
    this.values = new Float64Array(n * periods);
  }
  get(s: number, i: number): number {
    return this.values[s * this.n + i]!;
  }
  set(s: number, i: number, v: number): void {
    this.values[s * this.n + i] = v;
  }
  period(s: number): Float64Array {
    return this.values.subarray(s * this.n, (s + 1) * this.n);
  }
}

function standardNormals(n: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal());
}

function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  let s = 0;
  for (let k = 0; k < values.length; k++) s += values[k]!;
  const mean = s / values.length;
  let v = 0;
  for (let k = 0; k < values.length; k++) v += (values[k]! - mean) ** 2;
  return { mean, sd: Math.sqrt(v / (values.length - 1)) };
}

/** Solves (I − ρW) y = b by the fixed-point iteration y ← b + ρ W y (converges for |ρ| < 1, W row-standardised). */
function solveSpatial(w: SpatialWeights, rho: number, b: Float64Array): Float64Array {
  let y: Float64Array = Float64Array.from(b);
  const lag = new Float64Array(w.n);
  for (let iteration = 0; iteration < 1000; iteration++) {
    spatialLag(w, y, lag);
    let change = 0;
    const next = new Float64Array(w.n);
    for (let i = 0; i < w.n; i++) {
      next[i] = b[i]! + rho * lag[i]!;
      change = Math.max(change, Math.abs(next[i]! - y[i]!));
    }
    y = next;
    if (change < 1e-14) break;
  }
  return y;
}

function edgeList(t: WeightTriplets, format: (w: number) => string): string {
  const lines = ['from,to,weight'];
  for (let e = 0; e < t.from.length; e++) {
    lines.push(`${t.ids[t.from[e]!]},${t.ids[t.to[e]!]},${format(t.weight[e]!)}`);
  }
  return `${lines.join('\n')}\n`;
}

function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function isObserved(code: string, year: number, complete: boolean): boolean {
  if (complete) return true;
  const range = observedYears[code];
  return (
    !range ||
    ((range.from === undefined || year >= range.from) && (range.to === undefined || year <= range.to))
  );
}

/** Generates the demo data from the city list CSV text. */
export function generateDemo(cityListCsv: string, options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? 1;
  const complete = options.complete ?? false;
  const p: DgpParameters = {
    ...defaultParameters,
    ...options.parameters,
    gamma: { ...defaultParameters.gamma, ...options.parameters?.gamma },
  };
  const cities = selectCities(parseCities(cityListCsv), options.cities);
  const n = cities.length;
  const ids = cities.map((c) => c.code);
  const years = LAST_YEAR - FIRST_YEAR + 1;
  const periods = p.burnIn + years;
  const yearOf = (s: number): number => FIRST_YEAR - p.burnIn + s;
  const coordinates = {
    ids,
    x: cities.map((c) => c.lon),
    y: cities.map((c) => c.lat),
    metric: 'greatCircle' as const,
  };
  const knn = knnWeights(coordinates, p.k);
  const w = matchWeights(knn, ids, { style: 'row' });
  const grid = (): Grid => new Grid(n, periods);

  // ---- city-level draws
  const unitRng = createRng(seed, STREAM.units);
  const east: number[] = cities.map((c) => (c.region === 'east' ? 1 : 0));
  const inAgg: number[] = cities.map((c) => (c.agglomeration === '' ? 0 : 1));
  const draw = () => standardNormals(n, unitRng);
  const [zEmp, zShare, zEng, zDen, zFis, zFdi, zFin, zPat, zUpg, zMu] = Array.from(
    { length: 10 },
    draw,
  ) as Float64Array[];
  const engagementLevel = Float64Array.from(zEng!, (z, i) => z + 0.3 * east[i]! + 0.3 * inAgg[i]!);
  const eng = meanSd(engagementLevel);
  const aggMean = inAgg.reduce((a, b) => a + b, 0) / n;
  const betaI = Float64Array.from(
    { length: n },
    (_, i) =>
      p.beta *
      (1 +
        p.hEngagement * ((engagementLevel[i]! - eng.mean) / eng.sd) +
        p.hAgglomeration * (inAgg[i]! - aggMean)),
  );
  const mu = Float64Array.from(zMu!, (z, i) => 0.3 * east[i]! + 0.2 * inAgg[i]! + 0.3 * z);

  // ---- employment and the location quotient (computed from the rounded, written values)
  const empRng = createRng(seed, STREAM.employment);
  const total = grid();
  const digital = grid();
  const lq = grid();
  const nationalDigital = new Float64Array(periods);
  const nationalTotal = new Float64Array(periods);
  const zeta = new Float64Array(n);
  for (let s = 0; s < periods; s++) {
    const trend = yearOf(s) - FIRST_YEAR;
    for (let i = 0; i < n; i++) {
      zeta[i] = 0.6 * zeta[i]! + 0.15 * empRng.normal();
      const e = round(
        Math.exp(
          Math.log(40) +
            0.4 * east[i]! +
            0.3 * inAgg[i]! +
            0.5 * zEmp![i]! +
            0.012 * trend +
            0.02 * empRng.normal(),
        ),
        4,
      );
      const share = Math.exp(
        Math.log(0.02) + 0.3 * east[i]! + 0.3 * inAgg[i]! + 0.35 * zShare![i]! + 0.04 * trend + zeta[i]!,
      );
      total.set(s, i, e);
      digital.set(s, i, round(e * share, 4));
      nationalDigital[s]! += digital.get(s, i);
      nationalTotal[s]! += e;
    }
    nationalDigital[s] = round(nationalDigital[s]!, 4);
    nationalTotal[s] = round(nationalTotal[s]!, 4);
    for (let i = 0; i < n; i++) {
      lq.set(s, i, digital.get(s, i) / total.get(s, i) / (nationalDigital[s]! / nationalTotal[s]!));
    }
  }

  // ---- latent government digital engagement G_it
  const engRng = createRng(seed, STREAM.engagement);
  const engagement = grid();
  for (let s = 0; s < periods; s++) {
    const year = yearOf(s);
    const push = 0.05 * (year - FIRST_YEAR) + 1.5 * Math.min(1, Math.max(0, (year - 2014) / 9));
    for (let i = 0; i < n; i++) {
      engagement.set(s, i, round(engagementLevel[i]! + push + 0.3 * engRng.normal(), 4));
    }
  }

  // ---- controls (AR(1) deviations around city levels and trends)
  const ctlRng = createRng(seed, STREAM.controls);
  const popden = grid();
  const fiscal = grid();
  const fdi = grid();
  const findev = grid();
  const ar = { den: new Float64Array(n), fis: new Float64Array(n), fin: new Float64Array(n) };
  for (let s = 0; s < periods; s++) {
    const trend = yearOf(s) - FIRST_YEAR;
    for (let i = 0; i < n; i++) {
      ar.den[i] = 0.7 * ar.den[i]! + 0.03 * ctlRng.normal();
      ar.fis[i] = 0.7 * ar.fis[i]! + 0.01 * ctlRng.normal();
      ar.fin[i] = 0.7 * ar.fin[i]! + 0.05 * ctlRng.normal();
      popden.set(s, i, round(5.5 + 0.4 * east[i]! + 0.7 * zDen![i]! + 0.005 * trend + ar.den[i]!, 4));
      fiscal.set(s, i, round(0.16 - 0.03 * east[i]! + 0.025 * zFis![i]! + ar.fis[i]!, 5));
      fdi.set(s, i, round(0.02 * Math.exp(0.5 * zFdi![i]! + 0.5 * east[i]! + 0.1 * ctlRng.normal()), 6));
      findev.set(s, i, round(0.9 + 0.3 * east[i]! + 0.3 * zFin![i]! + 0.03 * trend + ar.fin[i]!, 4));
    }
  }

  // ---- mediators: M1 = ln(patents per 10,000), M2 = industrial upgrading
  const medRng = createRng(seed, STREAM.mediators);
  const patents = grid();
  const upgrade = grid();
  for (let s = 0; s < periods; s++) {
    const trend = yearOf(s) - FIRST_YEAR;
    for (let i = 0; i < n; i++) {
      const m1 =
        p.a1 * lq.get(s, i) +
        FIN_DEV_ON_PATENTS * findev.get(s, i) +
        1.0 +
        0.5 * east[i]! +
        0.5 * zPat![i]! +
        0.08 * trend +
        0.25 * medRng.normal();
      patents.set(s, i, round(Math.exp(m1), 4));
      upgrade.set(
        s,
        i,
        round(p.a2 * lq.get(s, i) + 0.9 + 0.2 * zUpg![i]! + 0.02 * trend + 0.08 * medRng.normal(), 4),
      );
    }
  }

  // ---- latent resilience y*: the dynamic spatial Durbin recursion, period by period
  const outRng = createRng(seed, STREAM.outcome);
  const latent = grid();
  const shocks: Record<number, number> = { 2008: -0.08, 2009: -0.04, 2020: -0.12, 2021: -0.05 };
  let previous: Float64Array = new Float64Array(n);
  const wPrevious = new Float64Array(n);
  const wLq = new Float64Array(n);
  for (let s = 0; s < periods; s++) {
    const year = yearOf(s);
    const alpha = 0.02 * (year - FIRST_YEAR) + (shocks[year] ?? 0);
    spatialLag(w, previous, wPrevious);
    spatialLag(w, lq.period(s), wLq);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      b[i] =
        p.tau * previous[i]! +
        p.eta * wPrevious[i]! +
        betaI[i]! * lq.get(s, i) +
        p.theta * wLq[i]! +
        p.b1 * Math.log(patents.get(s, i)) +
        p.b2 * upgrade.get(s, i) +
        p.gamma.ln_popden * popden.get(s, i) +
        p.gamma.fiscal_share * fiscal.get(s, i) +
        p.gamma.fdi_share * fdi.get(s, i) +
        p.gamma.fin_dev * findev.get(s, i) +
        mu[i]! +
        alpha +
        p.sigma * outRng.normal();
    }
    const y = solveSpatial(w, p.rho, b);
    latent.period(s).set(y);
    previous = y;
  }

  // ---- observed rows (unit-major, years ascending)
  const rows: { i: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let s = p.burnIn; s < periods; s++) {
      if (isObserved(ids[i]!, yearOf(s), complete)) rows.push({ i, s });
    }
  }
  const latentScale = meanSd(rows.map((r) => latent.get(r.s, r.i)));

  // ---- raw resilience indicators: affine in z = (y* − mean) / sd plus noise, with its direction
  const indRng = createRng(seed, STREAM.indicators);
  const subsystems = ['economic', 'social', 'environmental', 'resource'] as const;
  const cityComponent = subsystems.map(() =>
    standardNormals(n, indRng).map((z) => indicatorNoise.subsystemCity * z),
  );
  const indicatorValues = indicators.map(() => new Float64Array(rows.length));
  rows.forEach((r, k) => {
    const z = (latent.get(r.s, r.i) - latentScale.mean) / latentScale.sd;
    const yearComponent = subsystems.map(() => indicatorNoise.subsystemYear * indRng.normal());
    indicators.forEach((d, j) => {
      const g = subsystems.indexOf(d.subsystem);
      const signal =
        z + cityComponent[g]![r.i]! + yearComponent[g]! + indicatorNoise.idiosyncratic * indRng.normal();
      indicatorValues[j]![k] = round(
        d.centre + (d.direction === '+' ? 1 : -1) * d.scale * signal,
        d.decimals,
      );
    });
  });

  // ---- a few missing indicator cells in ~2 % of the cities
  const missingCells: DgpDocument['missingCells'] = [];
  if (!complete) {
    const missRng = createRng(seed, STREAM.missing);
    const count = Math.max(1, Math.round(MISSING_CITY_SHARE * n));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(missRng.next() * n));
    for (const i of [...chosen].sort((a, b) => a - b)) {
      const own = rows.map((r, k) => ({ r, k })).filter(({ r }) => r.i === i);
      const cells = 1 + Math.floor(missRng.next() * 3);
      for (let c = 0; c < cells; c++) {
        const { r, k } = own[Math.floor(missRng.next() * own.length)]!;
        const j = Math.floor(missRng.next() * indicators.length);
        if (Number.isNaN(indicatorValues[j]![k]!)) continue;
        indicatorValues[j]![k] = NaN;
        missingCells.push({ code: ids[i]!, year: yearOf(r.s), column: indicators[j]!.column });
      }
    }
    missingCells.sort(
      (a, b) => a.code.localeCompare(b.code) || a.year - b.year || a.column.localeCompare(b.column),
    );
  }

  // ---- texts: keyword counts ~ Poisson(exp(κ₀ + κ₁ G_it))
  const textRng = createRng(seed, STREAM.texts);
  const textLines = ['code,year,text'];
  for (const r of rows) {
    const count = poisson(Math.exp(p.kappa0 + p.kappa1 * engagement.get(r.s, r.i)), textRng);
    textLines.push(
      `${ids[r.i]},${yearOf(r.s)},${csvField(workReportText(cities[r.i]!.name, yearOf(r.s), count, textRng))}`,
    );
  }

  // ---- panel.csv
  const header = [
    'code',
    'name',
    'province',
    'lon',
    'lat',
    'region',
    'agglomeration',
    'in_agglomeration',
    'east',
    'year',
    ...indicators.map((d) => d.column),
    'digital_emp',
    'total_emp',
    'digital_emp_national',
    'total_emp_national',
    'patents_per10k',
    'ind_upgrade',
    'ln_popden',
    'fiscal_share',
    'fdi_share',
    'fin_dev',
    'engagement_latent',
    'resilience_latent',
  ];
  const lines = [header.join(',')];
  rows.forEach((r, k) => {
    const c = cities[r.i]!;
    const { s, i } = r;
    lines.push(
      [
        c.code,
        c.name,
        c.province,
        c.lon,
        c.lat,
        c.region,
        c.agglomeration,
        inAgg[i]!,
        east[i]!,
        yearOf(s),
        ...indicatorValues.map((v) => v[k]!),
        digital.get(s, i),
        total.get(s, i),
        nationalDigital[s]!,
        nationalTotal[s]!,
        patents.get(s, i),
        upgrade.get(s, i),
        popden.get(s, i),
        fiscal.get(s, i),
        fdi.get(s, i),
        findev.get(s, i),
        engagement.get(s, i),
        round(latent.get(s, i), 6),
      ]
        .map(csvField)
        .join(','),
    );
  });

  const implied = impliedValues(p, w, betaI, inAgg, engagementLevel);
  const dgp: DgpDocument = {
    description:
      'Simulated demo panel: digital-economy agglomeration (location quotient of digital employment) and urban resilience of Chinese prefecture-level cities. All values are simulated; only the city list (names, codes, coordinates) is real.',
    simulated: true,
    seed,
    cities: n,
    years: [FIRST_YEAR, LAST_YEAR],
    rows: rows.length,
    parameters: p,
    equations: [
      'y*_t = tau y*_{t-1} + eta W y*_{t-1} + rho W y*_t + beta_i LQ_t + theta W LQ_t + b1 M1_t + b2 M2_t + C_t gamma + mu + alpha_t + eps_t, eps ~ N(0, sigma^2)',
      `M1_t = ln(patents_per10k) = a1 LQ_t + ${FIN_DEV_ON_PATENTS} fin_dev_t + pi1 + 0.08 (year - ${FIRST_YEAR}) + e1, e1 ~ N(0, 0.25^2)`,
      `M2_t = ind_upgrade = a2 LQ_t + pi2 + 0.02 (year - ${FIRST_YEAR}) + e2, e2 ~ N(0, 0.08^2)`,
      'beta_i = beta (1 + hEngagement z_i + hAgglomeration (A_i - mean A)), z_i standardised persistent engagement, A_i agglomeration membership',
      'LQ_it = (digital_emp / total_emp) / (digital_emp_national / total_emp_national)',
      'keyword count_it ~ Poisson(exp(kappa0 + kappa1 G_it)), G_it = engagement_latent',
      'indicator = centre + direction * scale * (z + city-subsystem + subsystem-year + idiosyncratic noise), z = (y* - latentScale.mean) / latentScale.sd',
    ],
    weights: `row-standardised ${p.k}-nearest-neighbour weights of the city coordinates (great-circle distances), the file W-knn.csv`,
    indicators,
    indicatorNoise,
    latentScale,
    observedYears: complete ? {} : observedYears,
    missingCells,
    implied,
  };
  const inverse = inverseDistanceWeights(coordinates, { power: 1 });
  const data: DemoData = {
    cities,
    panelCsv: `${lines.join('\n')}\n`,
    textsCsv: `${textLines.join('\n')}\n`,
    weights: {
      knn: edgeList(knn, (x) => String(x)),
      inverseDistance: edgeList(inverse, (x) => x.toPrecision(6)),
    },
    dgp,
    readme: '',
  };
  data.readme = demoReadme(data);
  return data;
}
