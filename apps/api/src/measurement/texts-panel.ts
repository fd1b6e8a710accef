import {
  SpilloverError,
  type KeywordCountResult,
  type PreviewTextsBody,
  type UploadTextsQuery,
} from '@spillover/contracts';
import {
  defaultArchiveLimits,
  formatCsv,
  keywordPanelCsv,
  parseAnalysisSpec,
  parseCsv,
  runAnalysis,
  type ArchiveLimits,
} from '@spillover/core';
import { UnprocessableTextsError } from './unprocessable-texts.filter.js';

export type TextsFormat = 'zip' | 'csv';

/** Local file header or empty-archive end record: the first bytes of every ZIP archive. */
function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && bytes[3] === bytes[2] + 1
  );
}

/** The format of an upload: from its Content-Type, or its first bytes when that says nothing. */
export function textsFormatOf(contentType: string | undefined, bytes: Uint8Array): TextsFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/zip' || type === 'application/x-zip-compressed') return 'zip';
  if (type === 'text/csv') return 'csv';
  return looksLikeZip(bytes) ? 'zip' : 'csv';
}

/**
 * Archive limits of an upload: core's, with the inflated total capped at 4 × the upload limit, since the
 * texts are stored as one CSV dataset version (and held in memory while the panel is checked).
 */
export function textsArchiveLimits(uploadMaxBytes: number): ArchiveLimits {
  return {
    ...defaultArchiveLimits,
    maxTotalBytes: Math.min(defaultArchiveLimits.maxTotalBytes, 4 * uploadMaxBytes),
  };
}

/**
 * The panel CSV (unit, time, text) of uploaded texts: a ZIP of `<unit>_<period>.txt` UTF-8 files or a
 * UTF-8 CSV, read by core with the limits. Every problem in the file is an UnprocessableTextsError (422).
 */
export function textsPanelCsv(
  bytes: Uint8Array,
  format: TextsFormat,
  query: Pick<UploadTextsQuery, 'unit' | 'time' | 'text' | 'fileName'>,
  limits: ArchiveLimits,
): string {
  // core tells a ZIP from a CSV by the name's extension
  const given = query.fileName;
  const fileName =
    format === 'zip'
      ? given && /\.zip$/i.test(given)
        ? given
        : 'the uploaded ZIP archive.zip'
      : given && !/\.zip$/i.test(given)
        ? given
        : 'the uploaded CSV';
  try {
    return keywordPanelCsv(bytes, fileName, { unit: query.unit, time: query.time, text: query.text }, limits);
  } catch (error) {
    if (error instanceof SpilloverError) throw new UnprocessableTextsError(error.toJSON());
    throw error;
  }
}

/**
 * Keyword counts of the first `limit` rows of a texts panel (in file order), with the body's dictionary
 * edits: a quick synchronous preview before the keyword-count analysis of the whole panel.
 */
export function previewKeywordCounts(
  panelCsv: string,
  unit: string,
  time: string,
  body: PreviewTextsBody,
): KeywordCountResult {
  const { header, records } = parseCsv(panelCsv, 'texts panel');
  const head = formatCsv(
    header,
    records.slice(0, body.limit).map((record) => record.fields),
  );
  const spec = parseAnalysisSpec({
    kind: 'keyword-count',
    unit,
    time,
    text: body.text,
    dictionary: body.dictionary,
  });
  const result = runAnalysis(spec, { panelCsv: head });
  if (result.kind !== 'keyword-count') {
    throw new Error(`keyword-count preview returned a ${result.kind} result`);
  }
  return result;
}
