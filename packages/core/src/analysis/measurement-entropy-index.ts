/**
 * `entropy-index`: a composite index (e.g. urban resilience) from indicators grouped in dimensions,
 * weighted by the entropy-weight method; optional entropy-weighted TOPSIS scores.
 *
 * Weighting:
 * - `pooled` (default): min-max and weights over all n unit-periods pooled (k = 1 / ln n).
 * - `per-period`: min-max, weights and scores within each period separately (k = 1 / ln n_t);
 *   the result's top-level weights, entropy and divergence are the means over the periods, each
 *   period's own under `byPeriod`.
 * - `global`: the global (time-stacked) entropy method: the nT × m matrix of all periods stacked,
 *   min-max over it, every normalised value shifted by δ = 0.0001 (z' = z + δ, so no p is 0),
 *   weights from z' with k = 1 / ln(nT), scores Σ w z' (the 全局熵值法 of the Chinese literature).
 * Group scores use the overall weights renormalised within the group (entropy not recomputed).
 * Missing cells are an error naming the indicator, unit, period and line, unless `missing` is
 * `listwise` (the unit-period is dropped and counted in `droppedRows`).
 */
import { SpilloverError, type EntropyIndexResult, type EntropyIndexSpec } from '@spillover/contracts';
import { requireNumericColumn, type Panel } from '../data/panel.js';
import { entropyWeights, minMaxNormalise, topsisCloseness, weightedSum } from '../measurement/entropy.js';
import { panelOrder } from '../measurement/panel-order.js';
import type { RunHooks } from './run-analysis.js';

const GLOBAL_SHIFT = 1e-4;

export function runEntropyIndex(
  spec: EntropyIndexSpec,
  panel: Panel,
  hooks: RunHooks = {},
): EntropyIndexResult {
  const names = spec.indicators.map((indicator) => indicator.column);
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined) {
      throw new SpilloverError(
        'INVALID_SPEC',
        `indicators[${i}].column: indicator "${name}" is already indicators[${first}]`,
        {
          field: `indicators[${i}].column`,
          column: name,
        },
      );
    }
    seen.set(name, i);
  });
  const sources = names.map((name, i) => requireNumericColumn(panel, name, `indicators[${i}].column`));
  const rows = completeRows(panel, panelOrder(panel), sources, names, spec.missing === 'listwise');
  const n = rows.length;

  const groups = new Map<string, number[]>();
  spec.indicators.forEach((indicator, j) => {
    const members = groups.get(indicator.group) ?? [];
    members.push(j);
    groups.set(indicator.group, members);
  });

  // blocks of rows sharing one normalisation and one set of weights
  const blocks: { time?: number | string; positions: number[] }[] = [];
  if (spec.weighting === 'per-period') {
    const byTime = new Map<number, number[]>();
    rows.forEach((r, position) => {
      const t = panel.timeIndex[r]!;
      const list = byTime.get(t) ?? [];
      list.push(position);
      byTime.set(t, list);
    });
    for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
      blocks.push({ time: panel.times[t]!, positions: byTime.get(t)! });
    }
  } else {
    blocks.push({ positions: rows.map((_, position) => position) });
  }

  const scores = new Float64Array(n);
  const groupScores = new Map([...groups.keys()].map((g) => [g, new Float64Array(n)]));
  const byPeriod: NonNullable<EntropyIndexResult['byPeriod']> = [];
  const m = names.length;
  const meanEntropy = new Float64Array(m);
  const meanWeights = new Float64Array(m);
  const shift = spec.weighting === 'global' ? GLOBAL_SHIFT : 0;

  blocks.forEach((block, b) => {
    const where = block.time === undefined ? '' : ` in period ${block.time}`;
    const z = sources.map((source, j) => {
      const x = Float64Array.from(block.positions, (position) => source[rows[position]!]!);
      return minMaxNormalise(
        x,
        spec.indicators[j]!.direction === '+',
        `indicators[${j}] "${names[j]}"${where}`,
        shift,
      );
    });
    const fit = entropyWeights(z, block.time === undefined ? 'the panel' : `period ${block.time}`);
    const score = spec.method === 'topsis' ? topsisCloseness(z, fit.weights) : weightedSum(z, fit.weights);
    block.positions.forEach((position, i) => (scores[position] = score[i]!));
    for (const [group, members] of groups) {
      const within = renormalised(fit.weights, members);
      const part =
        spec.method === 'topsis' ? topsisCloseness(z, within, members) : weightedSum(z, within, members);
      const target = groupScores.get(group)!;
      block.positions.forEach((position, i) => (target[position] = part[i]!));
    }
    for (let j = 0; j < m; j++) {
      meanEntropy[j] += fit.entropy[j]! / blocks.length;
      meanWeights[j] += fit.weights[j]! / blocks.length;
    }
    if (block.time !== undefined) {
      byPeriod.push({
        time: block.time,
        nobs: block.positions.length,
        weights: keyed(names, fit.weights),
        entropy: keyed(names, fit.entropy),
        divergence: keyed(names, fit.divergence),
      });
    }
    hooks.onProgress?.({ stage: 'entropy-index', done: b + 1, total: blocks.length });
  });

  const groupWeights: EntropyIndexResult['groupWeights'] = {};
  for (const [group, members] of groups) {
    const within = renormalised(meanWeights, members);
    groupWeights[group] = Object.fromEntries(members.map((j) => [names[j]!, within[j]!]));
  }
  const units = new Set<number>();
  const times = new Set<number>();
  for (const r of rows) {
    units.add(panel.unitIndex[r]!);
    times.add(panel.timeIndex[r]!);
  }
  const result: EntropyIndexResult = {
    kind: 'entropy-index',
    weighting: spec.weighting,
    method: spec.method,
    nobs: n,
    nunits: units.size,
    nperiods: times.size,
    weights: keyed(names, meanWeights),
    entropy: keyed(names, meanEntropy),
    divergence: keyed(
      names,
      meanEntropy.map((e) => 1 - e),
    ),
    groupWeights,
    scores: rows.map((r, position) => ({
      unit: panel.units[panel.unitIndex[r]!]!,
      time: panel.times[panel.timeIndex[r]!]!,
      score: scores[position]!,
      groups: Object.fromEntries([...groupScores].map(([group, values]) => [group, values[position]!])),
    })),
  };
  if (spec.weighting === 'per-period') result.byPeriod = byPeriod;
  if (n < panel.nrows) result.droppedRows = panel.nrows - n;
  return result;
}

/** Rows (in panel order) with every indicator present; a missing cell is an error unless `listwise`. */
function completeRows(
  panel: Panel,
  order: Int32Array,
  sources: Float64Array[],
  names: string[],
  listwise: boolean,
): number[] {
  const rows: number[] = [];
  for (const r of order) {
    const j = sources.findIndex((source) => Number.isNaN(source[r]!));
    if (j < 0) {
      rows.push(r);
      continue;
    }
    if (listwise) continue;
    const unit = panel.units[panel.unitIndex[r]!]!;
    const time = panel.times[panel.timeIndex[r]!]!;
    throw new SpilloverError(
      'INSUFFICIENT_DATA',
      `indicators[${j}] "${names[j]}" is missing for unit "${unit}" in period ${time} (line ${panel.lines[r]}); fill it or set "missing": "listwise"`,
      { field: `indicators[${j}].column`, column: names[j], unit, time, row: panel.lines[r] },
    );
  }
  if (rows.length < 2) {
    throw new SpilloverError('INSUFFICIENT_DATA', `only ${rows.length} unit-period(s) have every indicator`);
  }
  return rows;
}

function renormalised(weights: Float64Array, members: number[]): Float64Array {
  let sum = 0;
  for (const j of members) sum += weights[j]!;
  const out = new Float64Array(weights.length);
  for (const j of members) out[j] = weights[j]! / sum;
  return out;
}

function keyed(names: string[], values: Float64Array): Record<string, number> {
  return Object.fromEntries(names.map((name, j) => [name, values[j]!]));
}
