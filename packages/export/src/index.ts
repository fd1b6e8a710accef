export {
  buildAnalysisTable,
  buildComparisonTable,
  buildMoranTable,
  defaultDigits,
  defaultModelTitle,
  termLabel,
  type TableModel,
  type TableOptions,
} from './comparison-table.js';
export { renderCsv, textCell, type CsvOptions } from './csv.js';
export { renderDocx } from './docx.js';
export { escapeLatex, renderLatex } from './latex.js';
export { renderMarkdown } from './markdown.js';
export { formatFixed, formatFull, formatInteger } from './number-format.js';
export { replicationScript, type RScriptInput } from './r-script.js';
export { analysisBundle, comparisonBundle, safeFileName, type BundleAnalysis } from './bundle.js';
export { normalTwoSidedP, starLevels, starsOf } from './significance.js';
