/** The `fit` and `validate` commands: read files, call core, return the JSON to print. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { SpilloverError, type AnalysisResult, type ValidationReport } from '@spillover/contracts';
import {
  appendMeasurementColumns,
  describePanel,
  keywordPanelCsv,
  parseAnalysisSpec,
  runAnalysis,
  writesColumns,
} from '@spillover/core';

/** Reads a text file, turning a missing or unreadable file into a SpilloverError naming it. */
export function readTextFile(path: string, what: string, field?: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new SpilloverError(
      'VALIDATION_FAILED',
      `${field ? `${field}: ` : ''}cannot read ${what} ${path}: ${reason}`,
      { field, path },
    );
  }
}

function readBytes(path: string, what: string, field: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new SpilloverError(
      'VALIDATION_FAILED',
      `${field}: cannot read ${what} ${path}: ${(error as Error).message}`,
      { field, path },
    );
  }
}

/**
 * `spillover fit SPEC.json`: parses the spec, reads its data and weights relative to it, runs it.
 * `writeCsv` (measurement kinds): also writes the panel with the result's new columns to that path.
 */
export function fitCommand(specPath: string, options: { writeCsv?: string } = {}): AnalysisResult {
  const text = readTextFile(specPath, 'spec file');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SpilloverError('INVALID_SPEC', `${specPath} is not valid JSON: ${(error as Error).message}`);
  }
  const spec = parseAnalysisSpec(json);
  if (!spec.data) {
    throw new SpilloverError(
      'INVALID_SPEC',
      'data: the spec names no panel file (a path relative to the spec)',
      { field: 'data' },
    );
  }
  if (options.writeCsv && !writesColumns(spec)) {
    throw new SpilloverError(
      'UNSUPPORTED',
      `--write-csv: a "${spec.kind}" analysis adds no columns to the panel`,
      { field: 'kind' },
    );
  }
  const base = dirname(resolve(specPath));
  // keyword counts read texts strictly as UTF-8, from a CSV or a ZIP of <unit>_<period>.txt files
  const panelCsv =
    spec.kind === 'keyword-count'
      ? keywordPanelCsv(readBytes(resolve(base, spec.data), 'texts file', 'data'), spec.data, spec)
      : readTextFile(resolve(base, spec.data), 'panel file', 'data');
  const weights = 'weights' in spec ? spec.weights : undefined;
  const weightsPath = weights?.path;
  if (weights && !weightsPath) {
    throw new SpilloverError(
      'INVALID_SPEC',
      'weights.path: the command line reads weights from a file; give its path',
      {
        field: 'weights.path',
      },
    );
  }
  const weightsText = weightsPath
    ? readTextFile(resolve(base, weightsPath), 'weights file', 'weights.path')
    : undefined;
  const result = runAnalysis(spec, {
    panelCsv,
    weightsText,
    weightsName: weightsPath ? basename(weightsPath) : undefined,
  });
  if (options.writeCsv) {
    if (resolve(options.writeCsv) === resolve(base, spec.data)) {
      throw new SpilloverError(
        'VALIDATION_FAILED',
        `--write-csv: ${options.writeCsv} is the spec's data file; write the new version elsewhere`,
        {
          path: options.writeCsv,
        },
      );
    }
    const csv = appendMeasurementColumns(spec, result, panelCsv);
    try {
      writeFileSync(options.writeCsv, csv);
    } catch (error) {
      throw new SpilloverError(
        'VALIDATION_FAILED',
        `--write-csv: cannot write ${options.writeCsv}: ${(error as Error).message}`,
        { path: options.writeCsv },
      );
    }
  }
  return result;
}

/** `spillover validate DATA.csv --unit U --time T`. */
export function validateCommand(dataPath: string, unit: string, time: string): ValidationReport {
  return describePanel(readTextFile(dataPath, 'panel file'), unit, time);
}
