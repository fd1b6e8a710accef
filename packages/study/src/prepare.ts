/**
 * `prepareStudy`: everything before the estimation steps — the simulated demo panel, the measurement
 * steps (run here: cheap and sequential), the balanced sub-panel with its three weights, and the plan
 * of estimation steps that the CLI runs in process and the platform as queued analyses.
 */
import { generateDemo } from '@spillover/demo';
import { measurementStepCount, runMeasurement } from './measurement.js';
import { studyPlan } from './plan.js';
import { stepProgress } from './progress.js';
import { spatialSample, studyWeightsKinds } from './spatial-sample.js';
import type { StudyLog, StudyOptions, StudyPreparation } from './types.js';

const QUICK_CITIES = 60;

/** Mediation bootstrap replications and impact simulation draws. */
function studyReps(quick: boolean) {
  return { bootstrap: quick ? 50 : 500, draws: quick ? 100 : 1000 };
}

export function prepareStudy(options: StudyOptions, log?: StudyLog): StudyPreparation {
  const { seed, quick } = options;
  const cities = options.cities ?? (quick ? QUICK_CITIES : undefined);
  const reps = studyReps(quick);
  log?.(`[study] generating the demo panel (seed ${seed}${cities ? `, ${cities} cities` : ''}) …`);
  const demo = generateDemo(options.cityListCsv, { seed, cities });
  const plan = studyPlan(seed, reps, studyWeightsKinds(demo.dgp.parameters.k));
  const measurement = runMeasurement(demo, stepProgress(log, measurementStepCount + plan.length));
  const spatial = spatialSample(demo, measurement.analysisPanelCsv);
  return {
    options: { seed, cities: demo.cities.length, quick },
    reps,
    demo,
    data: {
      panelCsv: demo.panelCsv,
      textsCsv: demo.textsCsv,
      analysisPanelCsv: measurement.analysisPanelCsv,
      balancedPanelCsv: spatial.balancedPanelCsv,
    },
    balanced: spatial.balanced,
    weights: spatial.weights,
    measurement: measurement.steps,
    plan,
  };
}
