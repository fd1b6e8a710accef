import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (apps/api/test → ../../..); reference fixtures live next to it. */
export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export const producCsv = readFileSync(path.resolve(repoRoot, '../shared/fixtures/produc/panel.csv'), 'utf8');

/** The Produc panel's header and first `rows` data lines. */
export function producHead(rows: number): string[] {
  return producCsv.split('\n').slice(0, rows + 1);
}

/** The Produc case's weights matrix (48 states, labelled square CSV). */
export const producWeightsCsv = readFileSync(
  path.resolve(repoRoot, '../shared/fixtures/produc/W.csv'),
  'utf8',
);
