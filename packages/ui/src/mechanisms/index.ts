export { BootstrapHistogram, type BootstrapHistogramProps } from './BootstrapHistogram';
export { GroupComparisonTable, type GroupComparisonTableProps } from './GroupComparisonTable';
export { MediationDiagram, type MediationDiagramProps } from './MediationDiagram';
export {
  HeterogeneityResultView,
  MediationResultView,
  ThresholdResultView,
  type MediationResultViewProps,
  type ThresholdResultViewProps,
} from './MechanismResultView';
export { formatDuration, RunProgress, type RunProgressProps } from './RunProgress';
export { ThresholdLrPlot, type ThresholdLrPlotProps } from './ThresholdLrPlot';
export { regimeLabel, ThresholdRegimeTable, type ThresholdRegimeTableProps } from './ThresholdRegimeTable';
export type * from './types';
