/** A small quick study (40 cities) prepared and run in process, shared by the tests of a file. */
import { bundledCityListCsv } from '@spillover/demo';
import { prepareStudy, runStudyPlan, type StudyPreparation, type StudyRun } from '../src/index.js';

export const cityListCsv = bundledCityListCsv();

export function prepareSmall(seed = 7, quick = true): StudyPreparation {
  return prepareStudy({ cityListCsv, seed, cities: 40, quick });
}

let cached: StudyRun | undefined;

/** The whole small study, run once per test file. */
export function smallRun(): StudyRun {
  cached ??= runStudyPlan(prepareSmall());
  return cached;
}

export const measurementIds = ['entropy-index', 'location-quotient', 'keyword-count', 'transform'];

export const planIds = [
  'calibration',
  'baseline-1',
  'baseline-2',
  'mediation',
  'moran',
  'lm-tests',
  'sdm-knn',
  'sdm-inverse',
  'sdm-economic',
  'dsdm',
  'heterogeneity-engagement',
  'heterogeneity-agglomeration',
  'robust-lag',
  'robust-winsor',
  'robust-iv',
];

/** Drops the wall-clock `seconds` fields, which differ between runs. */
export function withoutSeconds(preparation: StudyPreparation) {
  return { ...preparation, measurement: preparation.measurement.map(({ seconds: _, ...rest }) => rest) };
}
