/**
 * Readers of weights files into labelled triplets: the labelled square matrix CSV of the fixtures
 * (`id,<u1>,<u2>,…` then `<unit>,w1,w2,…`), an edge list CSV (`from,to[,weight]`), GeoDa GAL
 * (binary neighbour lists) and GeoDa GWT (`i j w` lines). Errors name the line, row, column or unit.
 */
import { SpilloverError } from '@spillover/contracts';
import { parseCsv } from '../../data/csv.js';
import type { WeightTriplets } from './types.js';

export type WeightsFormat = 'matrix' | 'edges' | 'gal' | 'gwt';

function invalid(message: string, details: Record<string, unknown> = {}): SpilloverError {
  return new SpilloverError('INVALID_WEIGHTS', message, details);
}

function parseWeightCell(text: string, label: string, line: number, column: string): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(value)) {
    throw invalid(`${label}: line ${line}, column "${column}": "${text}" is not a number`, {
      row: line,
      column,
    });
  }
  return value;
}

class TripletBuilder {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly weight: number[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly label: string) {}

  id(name: string): number {
    let k = this.index.get(name);
    if (k === undefined) {
      k = this.ids.length;
      this.ids.push(name);
      this.index.set(name, k);
    }
    return k;
  }

  add(from: string, to: string, weight: number, line: number): void {
    const key = `${from}\u0000${to}`;
    if (this.seen.has(key)) {
      throw invalid(`${this.label}: line ${line}: the pair ${from} → ${to} appears twice`, {
        row: line,
        units: [from, to],
      });
    }
    this.seen.add(key);
    const i = this.id(from);
    const j = this.id(to);
    if (weight === 0) return;
    this.from.push(i);
    this.to.push(j);
    this.weight.push(weight);
  }

  build(): WeightTriplets {
    return {
      ids: this.ids,
      from: Int32Array.from(this.from),
      to: Int32Array.from(this.to),
      weight: Float64Array.from(this.weight),
      label: this.label,
    };
  }
}

/** Labelled square matrix CSV: the header's labels and the first column's labels must be the same set. */
export function parseMatrixCsv(text: string, label = 'weights matrix'): WeightTriplets {
  const table = parseCsv(text, label);
  const columns = table.header.slice(1).map((c) => c.trim());
  const rows = table.records;
  if (rows.length !== columns.length) {
    throw invalid(`${label} is not square: ${columns.length} columns of weights but ${rows.length} rows`, {
      columns: columns.length,
      rows: rows.length,
    });
  }
  const columnSet = new Set(columns);
  if (columnSet.size !== columns.length) {
    const dup = columns.find((c, i) => columns.indexOf(c) !== i);
    throw invalid(`${label}: column label "${dup}" appears twice`, { unit: dup });
  }
  const builder = new TripletBuilder(label);
  for (const c of columns) builder.id(c);
  const rowSeen = new Set<string>();
  for (const record of rows) {
    const unit = (record.fields[0] ?? '').trim();
    if (!columnSet.has(unit)) {
      throw invalid(`${label}: line ${record.line}: row label "${unit}" is not among the column labels`, {
        row: record.line,
        unit,
      });
    }
    if (rowSeen.has(unit)) {
      throw invalid(`${label}: line ${record.line}: row "${unit}" appears twice`, { row: record.line, unit });
    }
    rowSeen.add(unit);
    if (record.fields.length !== columns.length + 1) {
      throw invalid(
        `${label}: line ${record.line} (row "${unit}") has ${record.fields.length - 1} weights, expected ${columns.length}`,
        {
          row: record.line,
          unit,
        },
      );
    }
    for (let j = 0; j < columns.length; j++) {
      const w = parseWeightCell(record.fields[j + 1]!, label, record.line, columns[j]!);
      if (w !== 0) builder.add(unit, columns[j]!, w, record.line);
    }
  }
  return builder.build();
}

/** Edge list CSV with columns `from`, `to` and optionally `weight` (default 1); ids listed only as `to` count too. */
export function parseEdgeListCsv(text: string, label = 'weights edge list'): WeightTriplets {
  const table = parseCsv(text, label);
  const header = table.header.map((h) => h.trim().toLowerCase());
  const fi = header.indexOf('from');
  const ti = header.indexOf('to');
  const wi = header.indexOf('weight');
  if (fi < 0 || ti < 0) {
    throw invalid(
      `${label}: an edge list needs the columns "from" and "to" (found: ${table.header.join(', ')})`,
    );
  }
  const builder = new TripletBuilder(label);
  for (const record of table.records) {
    const from = (record.fields[fi] ?? '').trim();
    const to = (record.fields[ti] ?? '').trim();
    if (from === '' || to === '') {
      throw invalid(`${label}: line ${record.line}: empty "from" or "to"`, { row: record.line });
    }
    const w = wi < 0 ? 1 : parseWeightCell(record.fields[wi] ?? '', label, record.line, 'weight');
    builder.id(from);
    builder.id(to);
    builder.add(from, to, w, record.line);
  }
  return builder.build();
}

/** Lines of a GeoDa file without blank lines, with their 1-based line numbers. */
function lines(text: string): { line: number; tokens: string[] }[] {
  const out: { line: number; tokens: string[] }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (t !== '') out.push({ line: i + 1, tokens: t.split(/\s+/) });
  });
  return out;
}

/** Header of GAL/GWT: either `n` or `0 n shapefile key` (GeoDa); returns the unit count. */
function geodaCount(first: { line: number; tokens: string[] } | undefined, label: string): number {
  if (!first) throw new SpilloverError('EMPTY_FILE', `${label} is empty`);
  const n = Number(first.tokens.length === 1 ? first.tokens[0] : first.tokens[1]);
  if (!Number.isInteger(n) || n <= 0) {
    throw invalid(`${label}: line ${first.line}: header must give the number of units`, { row: first.line });
  }
  return n;
}

/** GeoDa GAL: header, then for each unit a line `id k` followed by a line with its k neighbour ids. */
export function parseGal(text: string, label = 'GAL weights'): WeightTriplets {
  const all = lines(text);
  const n = geodaCount(all[0], label);
  const builder = new TripletBuilder(label);
  let k = 1;
  for (let u = 0; u < n; u++) {
    const head = all[k];
    if (!head) throw invalid(`${label}: expected ${n} units, found ${u}`, { units: n });
    const unit = head.tokens[0]!;
    const count = Number(head.tokens[1]);
    if (!Number.isInteger(count) || count < 0) {
      throw invalid(`${label}: line ${head.line}: "${head.tokens.join(' ')}" is not "id count"`, {
        row: head.line,
      });
    }
    builder.id(unit);
    k++;
    if (count > 0) {
      const nb = all[k];
      if (!nb || nb.tokens.length !== count) {
        throw invalid(
          `${label}: line ${nb?.line ?? head.line + 1}: unit ${unit} should list ${count} neighbours`,
          { row: nb?.line, unit },
        );
      }
      for (const j of nb.tokens) builder.add(unit, j, 1, nb.line);
      k++;
    }
  }
  return builder.build();
}

/** GeoDa GWT: header, then lines `i j w`. */
export function parseGwt(text: string, label = 'GWT weights'): WeightTriplets {
  const all = lines(text);
  geodaCount(all[0], label);
  const builder = new TripletBuilder(label);
  for (const { line, tokens } of all.slice(1)) {
    if (tokens.length < 3) throw invalid(`${label}: line ${line}: expected "from to weight"`, { row: line });
    builder.id(tokens[0]!);
    builder.id(tokens[1]!);
    builder.add(tokens[0]!, tokens[1]!, parseWeightCell(tokens[2]!, label, line, 'weight'), line);
  }
  return builder.build();
}

/** The format of a weights file from its name's extension, else from its first line. */
export function detectWeightsFormat(text: string, name?: string): WeightsFormat {
  const lower = (name ?? '').toLowerCase();
  if (lower.endsWith('.gal')) return 'gal';
  if (lower.endsWith('.gwt')) return 'gwt';
  const first = (
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((l) => l.trim() !== '') ?? ''
  ).trim();
  if (first.includes(',')) {
    const cells = first.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
    return cells.includes('from') && cells.includes('to') && cells.length <= 3 ? 'edges' : 'matrix';
  }
  throw invalid(
    `cannot tell the format of ${name ?? 'the weights file'}: use a .csv matrix or edge list, .gal or .gwt`,
  );
}

/** Reads a weights file of any supported format. */
export function parseWeights(text: string, name?: string): WeightTriplets {
  const label = name ? `weights ${name}` : 'weights';
  switch (detectWeightsFormat(text, name)) {
    case 'gal':
      return parseGal(text, label);
    case 'gwt':
      return parseGwt(text, label);
    case 'edges':
      return parseEdgeListCsv(text, label);
    case 'matrix':
      return parseMatrixCsv(text, label);
  }
}
