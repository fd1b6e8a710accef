export type {
  StudyBalancedSample,
  StudyData,
  StudyDatasetKey,
  StudyLog,
  StudyMeasurementInput,
  StudyMeasurementStep,
  StudyOptions,
  StudyPlannedStep,
  StudyPreparation,
  StudyReport,
  StudyReportOptions,
  StudyReportTable,
  StudyRun,
  StudyStepOutcome,
  StudyWeights,
  StudyWeightsKey,
} from './types.js';
export { studyDataFiles, studyResultFileName, studySpecWithFiles } from './files.js';
export { prepareStudy } from './prepare.js';
export { runStudyPlan, runStudyStep, studyStepInputs, type StudyPlanHooks } from './run-step.js';
export { buildStudyReport } from './report.js';
