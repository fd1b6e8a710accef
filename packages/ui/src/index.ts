export { linearScale, niceTicks, tickLabel, type Ticks } from './chart-scale';
export { Checkbox, type CheckboxProps } from './Checkbox';
export {
  EffectsComparison,
  EffectsTable,
  type EffectsComparisonProps,
  type EffectsSet,
  type EffectsTableProps,
} from './EffectsTable';
export { ErrorMessage, type ErrorMessageProps } from './ErrorMessage';
export {
  controlProps,
  Field,
  FieldError,
  TextField,
  type ControlProps,
  type FieldProps,
  type TextFieldProps,
} from './Field';
export { formatNumber, formatPValue, significanceStars, starsNote } from './format';
export { MoranChart, type MoranChartPoint, type MoranChartProps } from './MoranChart';
export {
  MoranScatter,
  quadrantOf,
  scatterFit,
  type MoranScatterProps,
  type Quadrant,
  type ScatterPoint,
} from './MoranScatter';
export { MoranTable, type MoranRow, type MoranTableProps } from './MoranTable';
export * from './mechanisms';
export { MultiSelect, toggleValue, type MultiSelectProps } from './MultiSelect';
export { normalTwoSidedP, pValueOf } from './normal';
export { ProgressBar, type ProgressBarProps } from './ProgressBar';
export {
  ResultTable,
  type EstimateCell,
  type ResultColumn,
  type ResultStatistic,
  type ResultTableProps,
} from './ResultTable';
export { Select, type Option, type SelectProps } from './Select';
export {
  DynamicTermsNote,
  lambdaTerm,
  rhoTerm,
  spatialTermLabels,
  SpatialRegressionView,
  StabilityCheck,
  WarningList,
  type SpatialRegressionSummary,
  type SpatialRegressionViewProps,
  type StabilityCheckProps,
} from './SpatialRegressionView';
export { StatusBadge, type StatusBadgeProps } from './StatusBadge';
export * from './studies';
export { orderTerms } from './term-order';
export { testLabel, TestsTable, type TestRow, type TestsTableProps } from './TestsTable';
export {
  ValidationReportView,
  type PanelReport,
  type ValidationReportViewProps,
} from './ValidationReportView';
export { WeightsSummary, type WeightsSummaryData, type WeightsSummaryProps } from './WeightsSummary';
export { CoefficientPlot, type CoefficientPlotProps } from './compare/CoefficientPlot';
export { ComparisonTableView, type ComparisonTableViewProps } from './compare/ComparisonTableView';
export type {
  ComparisonCell,
  ComparisonColumn,
  ComparisonRow,
  ComparisonSection,
  ComparisonTableData,
} from './compare/comparison-types';
