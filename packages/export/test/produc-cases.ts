import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisResult, AnalysisSpec } from '@spillover/contracts';

/** The repository root (packages/export/test → ../../..); reference fixtures live next to it. */
const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

interface Case {
  name: string;
  spec: AnalysisSpec;
  expected: AnalysisResult;
}

const cases = JSON.parse(
  readFileSync(path.resolve(repoRoot, '../shared/fixtures/produc/cases.json'), 'utf8'),
) as Case[];

/** A Produc reference case as a stored analysis would hold it (its expected numbers as the result). */
export function producCase(name: string): Case {
  const found = cases.find((c) => c.name === name);
  if (!found) throw new Error(`no Produc case ${name}`);
  return found;
}

/** RFC 4180 CSV → rows of fields (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
