/**
 * `spillover study`: the whole "digital-economy agglomeration → urban resilience" study in process,
 * on the simulated demo panel (no database, no queue). Every step is an ordinary analysis spec run by
 * core's runAnalysis; its spec (with data/weights paths relative to results/) and result are written
 * to results/NN-<id>.json, the tables to tables/*.tex|csv and everything to report.html.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisInputs } from '@spillover/core';
import {
  appendColumnsToCsv,
  appendMeasurementColumns,
  economicDistanceWeights,
  inverseDistanceWeights,
  knnWeights,
  measurementColumns,
  parseAnalysisSpec,
  parsePanelCsv,
  runAnalysis,
  selectSample,
  type WeightTriplets,
} from '@spillover/core';
import type { AnalysisResult, AnalysisSpecInput } from '@spillover/contracts';
import { generateDemo, indicators, type DemoData } from '@spillover/demo';
import { writeStudyReport } from './study-report.js';

export interface StudyOptions {
  out: string;
  seed: number;
  cities?: number;
  quick: boolean;
  /** Text of ../shared/data/china-prefecture-cities.csv. */
  cityListCsv: string;
  /** Progress lines (stderr). */
  log: (line: string) => void;
}

export interface StudyStep {
  id: string;
  title: string;
  spec: AnalysisSpecInput;
  result: AnalysisResult;
  seconds: number;
}

/** What the report needs: the demo data, the steps by id, and facts about the samples. */
export interface StudyRun {
  options: Omit<StudyOptions, 'cityListCsv' | 'log'>;
  demo: DemoData;
  steps: Map<string, StudyStep>;
  analysisPanelCsv: string;
  balanced: { units: number; dropped: string[] };
  reps: { bootstrap: number; draws: number };
  seconds: number;
}

export const CONTROLS = ['ln_popden', 'fiscal_share', 'fdi_share', 'fin_dev'];
const QUICK_CITIES = 60;
const ids = { unit: 'code', time: 'year' } as const;

function edgeList(t: WeightTriplets): string {
  const lines = ['from,to,weight'];
  for (let e = 0; e < t.from.length; e++) {
    lines.push(`${t.ids[t.from[e]!]},${t.ids[t.to[e]!]},${t.weight[e]!.toPrecision(8)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Keeps the header and the rows of the given units (first field), for the balanced spatial sample. */
function filterRows(csv: string, keep: Set<string>): string {
  const lines = csv.split('\n');
  return `${[lines[0], ...lines.slice(1).filter((l) => l !== '' && keep.has(l.slice(0, l.indexOf(','))))].join('\n')}\n`;
}

export function runStudy(options: StudyOptions): StudyRun {
  const started = Date.now();
  const { out, log } = options;
  const quick = options.quick;
  const cities = options.cities ?? (quick ? QUICK_CITIES : undefined);
  const reps = { bootstrap: quick ? 50 : 500, draws: quick ? 100 : 1000 };
  const dirs = { data: join(out, 'data'), results: join(out, 'results'), tables: join(out, 'tables') };
  Object.values(dirs).forEach((d) => mkdirSync(d, { recursive: true }));
  const steps = new Map<string, StudyStep>();
  const totalSteps = 19;

  const write = (dir: string, name: string, text: string) => writeFileSync(join(dir, name), text);
  const run = (
    id: string,
    title: string,
    spec: AnalysisSpecInput,
    inputs: AnalysisInputs,
  ): AnalysisResult => {
    const t0 = Date.now();
    log(`[study] ${steps.size + 1}/${totalSteps} ${title} …`);
    const result = runAnalysis(parseAnalysisSpec(spec), inputs);
    const seconds = (Date.now() - t0) / 1000;
    const step = { id, title, spec, result, seconds };
    steps.set(id, step);
    write(
      dirs.results,
      `${String(steps.size).padStart(2, '0')}-${id}.json`,
      `${JSON.stringify(step, null, 2)}\n`,
    );
    if (seconds >= 1) log(`[study]    done in ${seconds.toFixed(1)} s`);
    return result;
  };

  // ---- 1. simulated data
  log(`[study] generating the demo panel (seed ${options.seed}${cities ? `, ${cities} cities` : ''}) …`);
  const demo = generateDemo(options.cityListCsv, { seed: options.seed, cities });
  write(dirs.data, 'panel.csv', demo.panelCsv);
  write(dirs.data, 'texts.csv', demo.textsCsv);
  write(dirs.data, 'W-knn.csv', demo.weights.knn);
  write(dirs.data, 'W-inverse-distance.csv', demo.weights.inverseDistance);
  write(dirs.data, 'dgp.json', `${JSON.stringify(demo.dgp, null, 2)}\n`);
  write(dirs.data, 'README.md', demo.readme);
  const panelSpec = { data: '../data/panel.csv', ...ids };
  const analysisSpec = { data: '../data/analysis-panel.csv', ...ids };

  // ---- 2. measurement: entropy index, location quotient, keyword index, transformations
  let panel = demo.panelCsv;
  const measure = (id: string, title: string, spec: AnalysisSpecInput, dataSpec: object = panelSpec) => {
    const full = { ...spec, ...dataSpec } as AnalysisSpecInput;
    const result = run(id, title, full, { panelCsv: panel });
    panel = appendMeasurementColumns(parseAnalysisSpec(full), result, panel);
  };
  measure('entropy-index', 'entropy index of urban resilience (four subsystems)', {
    kind: 'entropy-index',
    ...ids,
    indicators: indicators.map((d) => ({ column: d.column, direction: d.direction, group: d.subsystem })),
    weighting: 'pooled',
    method: 'entropy',
    missing: 'listwise',
    output: 'resilience',
  });
  measure('location-quotient', 'location quotient of digital-economy employment', {
    kind: 'location-quotient',
    ...ids,
    sector: 'digital_emp',
    total: 'total_emp',
    nationalSector: 'digital_emp_national',
    nationalTotal: 'total_emp_national',
    output: 'lq',
  });
  const keywordSpec = parseAnalysisSpec({
    kind: 'keyword-count',
    data: '../data/texts.csv',
    ...ids,
    text: 'text',
    output: 'digital',
  });
  const keywords = run(
    'keyword-count',
    'keyword index of government digital engagement (work reports)',
    keywordSpec,
    { panelCsv: demo.textsCsv },
  );
  panel = appendColumnsToCsv(
    panel,
    alignByKey(measurementColumns(keywordSpec, keywords, demo.textsCsv), demo.textsCsv, panel),
  );
  measure(
    'transform',
    'transformations: ln patents, L.lq, winsorised variables',
    {
      kind: 'transform',
      ...ids,
      steps: [
        { op: 'ln', column: 'patents_per10k', as: 'ln_patents' },
        { op: 'lag', column: 'lq', as: 'lq_lag1', order: 1 },
        { op: 'winsorize', column: 'lq', as: 'lq_w', lower: 0.01, upper: 0.99, by: 'pooled' },
        { op: 'winsorize', column: 'resilience', as: 'resilience_w', lower: 0.01, upper: 0.99, by: 'pooled' },
      ],
    },
    analysisSpec,
  );
  write(dirs.data, 'analysis-panel.csv', panel);
  const onPanel = { panelCsv: panel };

  // ---- 3. calibration of the index against the latent resilience, baseline, mechanisms
  run(
    'calibration',
    'calibration: entropy index on latent resilience (simulation only)',
    {
      kind: 'regression',
      ...analysisSpec,
      y: 'resilience',
      x: ['resilience_latent'],
      model: 'fe',
      effects: 'twoways',
    },
    onPanel,
  );
  const fe = (y: string, x: string[], extra: object = {}) =>
    ({
      kind: 'regression',
      ...analysisSpec,
      y,
      x,
      model: 'fe',
      effects: 'twoways',
      vcov: 'cluster',
      ...extra,
    }) as AnalysisSpecInput;
  run('baseline-1', 'baseline two-way FE: LQ only', fe('resilience', ['lq']), onPanel);
  run('baseline-2', 'baseline two-way FE with controls', fe('resilience', ['lq', ...CONTROLS]), onPanel);
  run(
    'mediation',
    `mediation through innovation and industrial upgrading (cluster bootstrap, ${reps.bootstrap} reps)`,
    {
      kind: 'mediation',
      ...analysisSpec,
      y: 'resilience',
      treatment: 'lq',
      mediators: ['ln_patents', 'ind_upgrade'],
      x: CONTROLS,
      model: 'fe',
      effects: 'twoways',
      vcov: 'cluster',
      bootstrap: { reps: reps.bootstrap, seed: options.seed },
    },
    onPanel,
  );

  // ---- 4. spatial: balanced sample and its weights
  const spatialVars = ['resilience', 'lq', ...CONTROLS];
  const parsed = parsePanelCsv(panel, ids.unit, ids.time);
  const sample = selectSample(parsed, spatialVars);
  const perUnit = new Int32Array(parsed.units.length);
  for (let r = 0; r < sample.rows.length; r++) perUnit[parsed.unitIndex[sample.rows[r]!]!]!++;
  const complete = parsed.units.filter((_, u) => perUnit[u] === parsed.times.length);
  const dropped = parsed.units.filter((_, u) => perUnit[u] !== parsed.times.length);
  const balancedCsv = filterRows(panel, new Set(complete));
  write(dirs.data, 'analysis-panel-balanced.csv', balancedCsv);
  const cityOf = new Map(demo.cities.map((c) => [c.code, c]));
  const coordinates = {
    ids: complete,
    x: complete.map((u) => cityOf.get(u)!.lon),
    y: complete.map((u) => cityOf.get(u)!.lat),
    metric: 'greatCircle' as const,
  };
  const gdp = parsed.columns.get('gdp_pc')!;
  const gdpMean = new Float64Array(parsed.units.length);
  const gdpCount = new Float64Array(parsed.units.length);
  for (let r = 0; r < parsed.nrows; r++) {
    if (Number.isFinite(gdp[r]!)) {
      gdpMean[parsed.unitIndex[r]!]! += gdp[r]!;
      gdpCount[parsed.unitIndex[r]!]!++;
    }
  }
  const unitPosition = new Map(parsed.units.map((u, k) => [u, k]));
  const weights: Record<string, { file: string; text: string; label: string }> = {
    knn: {
      file: 'W-knn-balanced.csv',
      text: edgeList(knnWeights(coordinates, demo.dgp.parameters.k)),
      label: `${demo.dgp.parameters.k}-nearest neighbours`,
    },
    inverse: {
      file: 'W-inverse-distance-balanced.csv',
      text: edgeList(inverseDistanceWeights(coordinates, { power: 1 })),
      label: 'inverse distance',
    },
    economic: {
      file: 'W-economic-balanced.csv',
      text: edgeList(
        economicDistanceWeights(
          complete,
          complete.map((u) => gdpMean[unitPosition.get(u)!]! / gdpCount[unitPosition.get(u)!]!),
        ),
      ),
      label: 'economic distance (GDP per capita)',
    },
  };
  Object.values(weights).forEach((w) => write(dirs.data, w.file, w.text));
  const balancedSpec = { data: '../data/analysis-panel-balanced.csv', ...ids };
  const withW = (key: string): AnalysisInputs => ({
    panelCsv: balancedCsv,
    weightsText: weights[key]!.text,
    weightsName: weights[key]!.file,
  });
  const wSpec = (key: string) => ({ path: `../data/${weights[key]!.file}`, style: 'row' as const });

  run(
    'moran',
    "Moran's I of resilience by year (kNN W)",
    { kind: 'moran', ...balancedSpec, variable: 'resilience', weights: wSpec('knn') },
    withW('knn'),
  );
  run(
    'lm-tests',
    'LM tests for spatial lag and error (two-way FE)',
    {
      kind: 'regression',
      ...balancedSpec,
      y: 'resilience',
      x: ['lq', ...CONTROLS],
      model: 'fe',
      effects: 'twoways',
      weights: wSpec('knn'),
    },
    withW('knn'),
  );
  for (const key of Object.keys(weights)) {
    run(
      `sdm-${key}`,
      `SDM with two-way FE, ${weights[key]!.label} W (impacts: ${reps.draws} draws)`,
      {
        kind: 'regression',
        ...balancedSpec,
        y: 'resilience',
        x: ['lq', ...CONTROLS],
        model: 'sdm',
        effects: 'twoways',
        weights: wSpec(key),
        impacts: { draws: reps.draws, seed: options.seed },
      },
      withW(key),
    );
  }
  run(
    'dsdm',
    `dynamic SDM (Lee-Yu), kNN W: short- and long-run effects`,
    {
      kind: 'regression',
      ...balancedSpec,
      y: 'resilience',
      x: ['lq', ...CONTROLS],
      model: 'dsdm',
      effects: 'twoways',
      leeYu: true,
      weights: wSpec('knn'),
      impacts: { draws: reps.draws, seed: options.seed },
    },
    withW('knn'),
  );

  // ---- 5. heterogeneity and robustness
  const heterogeneity = (groupBy: object) =>
    ({
      kind: 'heterogeneity',
      ...analysisSpec,
      y: 'resilience',
      x: ['lq', ...CONTROLS],
      model: 'fe',
      effects: 'twoways',
      vcov: 'cluster',
      groupBy,
      test: { coefficients: ['lq'], suest: true, interaction: true },
    }) as AnalysisSpecInput;
  run(
    'heterogeneity-engagement',
    'heterogeneity: digital engagement (median split within year)',
    heterogeneity({ median: 'digital_ln', within: 'period' }),
    onPanel,
  );
  run(
    'heterogeneity-agglomeration',
    'heterogeneity: inside vs outside national urban agglomerations',
    heterogeneity('in_agglomeration' as never),
    onPanel,
  );
  run('robust-lag', 'robustness: lagged regressor L.lq', fe('resilience', ['lq_lag1', ...CONTROLS]), onPanel);
  run(
    'robust-winsor',
    'robustness: winsorised resilience and LQ (1 %/99 %)',
    fe('resilience_w', ['lq_w', ...CONTROLS]),
    onPanel,
  );
  run(
    'robust-iv',
    'robustness: IV two-way FE, L.lq instrumenting lq',
    fe('resilience', ['lq', ...CONTROLS], { instruments: { lq: ['L.lq'] } }),
    onPanel,
  );

  const studyRun: StudyRun = {
    options: { out, seed: options.seed, cities: demo.cities.length, quick },
    demo,
    steps,
    analysisPanelCsv: panel,
    balanced: { units: complete.length, dropped },
    reps,
    seconds: 0,
  };
  studyRun.seconds = (Date.now() - started) / 1000;
  log('[study] writing report.html and tables …');
  writeStudyReport(studyRun);
  return studyRun;
}

/** Reorders measurement columns computed on `sourceCsv` to the rows of `targetCsv` by (code, year). */
function alignByKey(
  columns: { name: string; values: ArrayLike<number> }[],
  sourceCsv: string,
  targetCsv: string,
) {
  const source = parsePanelCsv(sourceCsv, ids.unit, ids.time);
  const target = parsePanelCsv(targetCsv, ids.unit, ids.time);
  const key = (units: string[], times: (number | string)[], u: number, t: number) =>
    `${units[u]}\u0000${times[t]}`;
  const row = new Map<string, number>();
  for (let r = 0; r < source.nrows; r++) {
    row.set(key(source.units, source.times, source.unitIndex[r]!, source.timeIndex[r]!), r);
  }
  return columns.map((c) => ({
    name: c.name,
    values: Float64Array.from({ length: target.nrows }, (_, r) => {
      const k = row.get(key(target.units, target.times, target.unitIndex[r]!, target.timeIndex[r]!));
      return k === undefined ? NaN : c.values[k]!;
    }),
  }));
}
