export { ErrorMessage, type ErrorMessageProps } from './ErrorMessage';
export { controlProps, Field, FieldError, TextField, type ControlProps, type FieldProps, type TextFieldProps } from './Field';
export { formatNumber, formatPValue, significanceStars, starsNote } from './format';
export { MultiSelect, toggleValue, type MultiSelectProps } from './MultiSelect';
export { ProgressBar, type ProgressBarProps } from './ProgressBar';
export {
  ResultTable,
  type EstimateCell,
  type ResultColumn,
  type ResultStatistic,
  type ResultTableProps,
} from './ResultTable';
export { Select, type Option, type SelectProps } from './Select';
export { StatusBadge, type StatusBadgeProps } from './StatusBadge';
export { ValidationReportView, type PanelReport, type ValidationReportViewProps } from './ValidationReportView';
