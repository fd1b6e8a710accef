/**
 * Texts for `keyword-count` from an uploaded file: a UTF-8 CSV with the unit, time and text
 * columns, or a ZIP archive of UTF-8 text files named `<unit>_<period>.txt` (the last `_` splits;
 * folders inside the archive are ignored), which becomes such a CSV.
 */
import { SpilloverError, type KeywordCountSpec } from '@spillover/contracts';
import { formatCsv } from '../measurement/csv-append.js';
import {
  decodeUtf8,
  defaultArchiveLimits,
  readZipTexts,
  type ArchiveLimits,
} from '../measurement/zip-archive.js';

const ENTRY_NAME = /^(.+)_([^_]+)\.txt$/i;

/** The panel CSV of the texts in `bytes` (a `.zip` archive or a CSV), named `fileName` in messages. */
export function keywordPanelCsv(
  bytes: Uint8Array,
  fileName: string,
  spec: Pick<KeywordCountSpec, 'unit' | 'time' | 'text'>,
  limits: ArchiveLimits = defaultArchiveLimits,
): string {
  if (!/\.zip$/i.test(fileName)) return decodeUtf8(bytes, fileName);
  const rows: string[][] = [];
  const seen = new Map<string, string>();
  for (const entry of readZipTexts(bytes, limits)) {
    const base = entry.name.slice(entry.name.lastIndexOf('/') + 1);
    const match = ENTRY_NAME.exec(base);
    if (!match) {
      throw new SpilloverError(
        'VALIDATION_FAILED',
        `ZIP archive entry "${entry.name}" is not a text file named <unit>_<period>.txt`,
        {
          entry: entry.name,
        },
      );
    }
    const [, unit, time] = match;
    const key = `${unit}\u0000${time}`;
    const other = seen.get(key);
    if (other !== undefined) {
      throw new SpilloverError(
        'DUPLICATE_ROW',
        `ZIP archive entries "${other}" and "${entry.name}" both hold unit "${unit}" in period ${time}`,
        {
          unit,
          time,
        },
      );
    }
    seen.set(key, entry.name);
    rows.push([unit!, time!, entry.text]);
  }
  if (rows.length === 0) throw new SpilloverError('EMPTY_FILE', `${fileName} holds no text files`);
  return formatCsv([spec.unit, spec.time, spec.text], rows);
}
