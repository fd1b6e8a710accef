export {
  groupStepsByPhase,
  phaseLabel,
  stepDetail,
  stepFraction,
  studyPhases,
  studyProgress,
  type StudyProgressCounts,
} from './study-progress';
export { StudyFailures, type StudyFailuresProps } from './StudyFailures';
export { StudyProgressSummary, type StudyProgressSummaryProps } from './StudyProgressSummary';
export { StudyStepList, type StudyLinkComponent, type StudyStepListProps } from './StudyStepList';
export type { StudyPhaseGroup, StudyStepItem } from './types';
