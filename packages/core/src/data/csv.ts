/**
 * RFC 4180 CSV reader: quoted fields (with "" for a quote, commas and line breaks inside),
 * LF or CRLF line ends, an optional UTF-8 byte-order mark and blank trailing lines.
 */
import { SpilloverError } from '@spillover/contracts';

export interface CsvRecord {
  /** Physical line (1-based, the header is line 1) where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/**
 * Parses CSV text into a header and records. Every record must have as many fields as the header.
 * Throws EMPTY_FILE (no header) or MALFORMED_CSV naming the line.
 */
export function parseCsv(text: string, fileLabel = 'CSV'): CsvTable {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') throw new SpilloverError('EMPTY_FILE', `${fileLabel} is empty`);
  const rows = readRecords(source, fileLabel);
  const [headerRecord, ...records] = rows;
  const header = headerRecord!.fields.map((name) => name.trim());
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '') {
      throw new SpilloverError(
        'MALFORMED_CSV',
        `${fileLabel} line 1: column ${i + 1} of the header has no name`,
        { row: 1 },
      );
    }
    if (seen.has(name)) {
      throw new SpilloverError(
        'MALFORMED_CSV',
        `${fileLabel} line 1: column "${name}" appears twice in the header`,
        {
          row: 1,
          column: name,
        },
      );
    }
    seen.set(name, i);
  });
  for (const record of records) {
    if (record.fields.length !== header.length) {
      throw new SpilloverError(
        'MALFORMED_CSV',
        `${fileLabel} line ${record.line}: ${record.fields.length} fields, but the header has ${header.length}`,
        { row: record.line },
      );
    }
  }
  return { header, records };
}

/** Splits the text into records; blank lines are skipped. */
function readRecords(text: string, fileLabel: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  const n = text.length;
  let line = 1;
  let i = 0;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    let quotedField = false;
    while (!endOfRecord) {
      if (i >= n) break;
      const ch = text[i]!;
      if (ch === '"' && field === '' && !quotedField) {
        // quoted field: read up to the closing quote
        quotedField = true;
        i++;
        for (;;) {
          if (i >= n) {
            throw new SpilloverError(
              'MALFORMED_CSV',
              `${fileLabel} line ${startLine}: a quoted field is not closed`,
              {
                row: startLine,
              },
            );
          }
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new SpilloverError('MALFORMED_CSV', `${fileLabel} line ${line}: text after a closing quote`, {
            row: line,
          });
        }
        continue;
      }
      if (ch === ',') {
        fields.push(field);
        field = '';
        quotedField = false;
        i++;
      } else if (ch === '\n' || ch === '\r') {
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
      } else {
        // unquoted run up to the next separator, taken as one slice
        let j = i + 1;
        while (j < n) {
          const code = text.charCodeAt(j);
          if (code === 44 || code === 10 || code === 13) break;
          j++;
        }
        field += text.slice(i, j);
        i = j;
      }
    }
    fields.push(field);
    const blank = fields.length === 1 && fields[0]!.trim() === '' && !quotedField;
    if (!blank) out.push({ line: startLine, fields });
  }
  return out;
}
