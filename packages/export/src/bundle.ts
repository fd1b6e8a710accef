import type {
  AnalysisProvenance,
  AnalysisResult,
  AnalysisSpec,
  ComparisonTable,
  WeightsFormat,
} from '@spillover/contracts';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { renderCsv } from './csv.js';
import { renderLatex } from './latex.js';
import { renderMarkdown } from './markdown.js';
import { replicationScript } from './r-script.js';

/** One analysis with everything needed to repeat it. */
export interface BundleAnalysis {
  id: string;
  title: string;
  spec: AnalysisSpec;
  result: AnalysisResult | null;
  provenance: AnalysisProvenance;
  /** The dataset version's CSV bytes, as stored (its sha256 is in the provenance). */
  dataset: { fileName: string; content: Uint8Array };
  weights?: { fileName: string; format: WeightsFormat; content: string } | null;
}

/** A file name safe in every archive tool: letters, digits, dot, dash and underscore. */
export function safeFileName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '_') || 'file';
}

function json(value: unknown): Uint8Array {
  return strToU8(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The spec as the command line runs it from `folder`: the stored dataset and weights replaced by the
 * bundled files (`data` and `weights.path`, relative to the spec).
 */
function runnableSpec(analysis: BundleAnalysis, toRoot: string): AnalysisSpec {
  const spec = { ...analysis.spec, data: `${toRoot}data/${analysis.dataset.fileName}` } as AnalysisSpec;
  if ((spec.kind === 'regression' || spec.kind === 'moran') && spec.weights && analysis.weights) {
    const weights = { ...spec.weights, path: `${toRoot}weights/${analysis.weights.fileName}` };
    delete weights.id;
    return { ...spec, weights } as AnalysisSpec;
  }
  return spec;
}

/** spec.json, result.json, provenance.json and replicate.R of one analysis, under `folder`. */
function analysisFiles(files: Zippable, folder: string, toRoot: string, analysis: BundleAnalysis): void {
  files[`${folder}spec.json`] = json(runnableSpec(analysis, toRoot));
  if (analysis.result) files[`${folder}result.json`] = json(analysis.result);
  files[`${folder}provenance.json`] = json(analysis.provenance);
  files[`${folder}replicate.R`] = strToU8(
    replicationScript({
      analysisId: analysis.id,
      title: analysis.title,
      spec: analysis.spec,
      dataPath: `${toRoot}data/${analysis.dataset.fileName}`,
      dataSha256: analysis.provenance.dataset.sha256,
      weights: analysis.weights
        ? { path: `${toRoot}weights/${analysis.weights.fileName}`, format: analysis.weights.format }
        : null,
      codeVersion: `${analysis.provenance.code.version} (${analysis.provenance.code.commit})`,
    }),
  );
}

function sharedInputs(files: Zippable, analyses: BundleAnalysis[]): void {
  for (const analysis of analyses) {
    files[`data/${analysis.dataset.fileName}`] = analysis.dataset.content;
    if (analysis.weights) files[`weights/${analysis.weights.fileName}`] = strToU8(analysis.weights.content);
  }
}

function tableFiles(files: Zippable, table: ComparisonTable): void {
  files['table.tex'] = strToU8(renderLatex(table));
  files['table.md'] = strToU8(renderMarkdown(table));
  files['table.csv'] = strToU8(renderCsv(table, { raw: true }));
}

function readme(title: string, analyses: BundleAnalysis[], layout: string[]): Uint8Array {
  const lines = [
    `# ${title}`,
    '',
    'Replication bundle made by Spillover.',
    '',
    ...layout,
    '',
    '## Inputs',
    '',
    ...analyses.map(
      (a) =>
        `- analysis ${a.id}: dataset ${a.provenance.dataset.name} v${a.provenance.dataset.version} (data/${a.dataset.fileName}, sha256 ${a.provenance.dataset.sha256})` +
        (a.provenance.weights
          ? `; weights ${a.provenance.weights.name} v${a.provenance.weights.version} (sha256 ${a.provenance.weights.sha256})`
          : ''),
    ),
    '',
    'Check a file with `sha256sum data/<file>`. Run a spec with `npx spillover fit spec.json` from its folder,',
    'or the R script next to it (`Rscript replicate.R`, from the same folder).',
    '',
  ];
  return strToU8(lines.join('\n'));
}

/** ZIP of one analysis: its data version, runnable spec, result, provenance, R script and table. */
export function analysisBundle(analysis: BundleAnalysis, table?: ComparisonTable): Uint8Array {
  const files: Zippable = {};
  files['README.md'] = readme(
    analysis.title,
    [analysis],
    [
      '- `spec.json`: the exact spec, pointing at the bundled data (and weights)',
      '- `result.json`: the stored result; `provenance.json`: data version, code version, seeds, worker, run times',
      '- `replicate.R`: the same model with plm/splm/spatialreg where an equivalent exists',
      ...(table ? ['- `table.tex`, `table.md`, `table.csv`: the result table (CSV at full precision)'] : []),
    ],
  );
  analysisFiles(files, '', '', analysis);
  sharedInputs(files, [analysis]);
  if (table) tableFiles(files, table);
  return zipSync(files, { level: 6 });
}

/** ZIP of a comparison: the table in every text format, and each model's folder under models/. */
export function comparisonBundle(
  title: string,
  table: ComparisonTable,
  analyses: BundleAnalysis[],
): Uint8Array {
  const files: Zippable = {};
  const folders = analyses.map((a, i) => `models/${i + 1}-${safeFileName(table.columns[i]?.title ?? a.id)}/`);
  files['README.md'] = readme(title, analyses, [
    '- `table.tex`, `table.md`, `table.csv`: the comparison table (CSV at full precision)',
    ...folders.map(
      (folder, i) =>
        `- \`${folder}\`: column ${table.columns[i]?.label ?? i + 1}, analysis ${analyses[i]!.id}`,
    ),
    '- `data/`, `weights/`: the dataset versions and weights the models used',
  ]);
  tableFiles(files, table);
  analyses.forEach((analysis, i) => analysisFiles(files, folders[i]!, '../../', analysis));
  sharedInputs(files, analyses);
  return zipSync(files, { level: 6 });
}
