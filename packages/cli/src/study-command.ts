/** The `demo` and `study` commands: read the city list, write the demo files or run the study. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SpilloverError } from '@spillover/contracts';
import { bundledCityListCsv, generateDemo } from '@spillover/demo';
import { readTextFile } from './commands.js';
import { runStudy } from './study.js';

/** The city list: `--city-list PATH`, else the copy bundled with @spillover/demo. */
export function readCityList(path?: string): string {
  return path ? readTextFile(path, 'city list', '--city-list') : bundledCityListCsv();
}

export function parseInteger(
  value: string | true | undefined,
  option: string,
  fallback?: number,
): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n)) {
    throw new SpilloverError('VALIDATION_FAILED', `--${option}: "${String(value)}" is not an integer`, {
      field: `--${option}`,
    });
  }
  return n;
}

export interface DemoSummary {
  out: string;
  seed: number;
  cities: number;
  rows: number;
  files: string[];
}

/** `spillover demo --out DIR [--seed N] [--cities N]`. */
export function demoCommand(options: {
  out: string;
  seed: number;
  cities?: number;
  cityList?: string;
}): DemoSummary {
  const demo = generateDemo(readCityList(options.cityList), { seed: options.seed, cities: options.cities });
  mkdirSync(options.out, { recursive: true });
  const files: Record<string, string> = {
    'panel.csv': demo.panelCsv,
    'texts.csv': demo.textsCsv,
    'W-knn.csv': demo.weights.knn,
    'W-inverse-distance.csv': demo.weights.inverseDistance,
    'dgp.json': `${JSON.stringify(demo.dgp, null, 2)}\n`,
    'README.md': demo.readme,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(options.out, name), text);
  return {
    out: resolve(options.out),
    seed: options.seed,
    cities: demo.cities.length,
    rows: demo.dgp.rows,
    files: Object.keys(files),
  };
}

export interface StudySummary {
  out: string;
  report: string;
  seed: number;
  cities: number;
  quick: boolean;
  seconds: number;
  steps: { id: string; seconds: number }[];
}

/** `spillover study [--out DIR] [--seed N] [--cities N] [--quick]`; progress lines go to `log`. */
export function studyCommand(
  options: { out: string; seed: number; cities?: number; quick: boolean; cityList?: string },
  log: (line: string) => void,
): StudySummary {
  const run = runStudy({ ...options, cityListCsv: readCityList(options.cityList), log });
  return {
    out: resolve(options.out),
    report: resolve(options.out, 'report.html'),
    seed: options.seed,
    cities: run.preparation.options.cities,
    quick: options.quick,
    seconds: run.seconds ?? 0,
    steps: [
      ...run.preparation.measurement.map((s) => ({ id: s.id, seconds: s.seconds })),
      ...run.preparation.plan.map((s) => ({ id: s.id, seconds: run.steps[s.id]?.seconds ?? 0 })),
    ],
  };
}
