/**
 * Weights and labels for split-sample spatial models: the sub-matrix of W for one group of units,
 * re-row-standardised, and numeric codes for a text grouping column.
 *
 * Sub-W: the links of W among the group's units only (links to other groups are dropped), then
 * row-standardised again for style `row` — the same as row-standardising the raw matrix restricted
 * to the group, since row standardisation scales each row by a constant. When W came from a
 * symmetric matrix C (W = D⁻¹C), C's restriction is rebuilt from the row sums so the sub-W keeps
 * the symmetric eigenvalue route. Units left without neighbours in their group are islands: an
 * error naming them unless `allowIslands`.
 */
import { SpilloverError } from '@spillover/contracts';
import { parseCell, type Panel } from '../data/panel.js';
import { matchWeights } from '../spatial/weights/match.js';
import type { SpatialWeights } from '../spatial/weights/types.js';

/** Most distinct values a grouping column may have. */
export const MAX_GROUPS = 20;

/** W restricted to `units` (indices into w, in the order given); see the module comment. */
export function groupWeights(
  w: SpatialWeights,
  units: Int32Array,
  options: { style: 'row' | 'none'; allowIslands: boolean; label: string },
): SpatialWeights {
  const position = new Int32Array(w.n).fill(-1);
  units.forEach((u, k) => (position[u] = k));
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  units.forEach((u, k) => {
    const scale = w.symmetricRowSums ? w.symmetricRowSums[u]! : 1;
    for (let p = w.rowPtr[u]!; p < w.rowPtr[u + 1]!; p++) {
      const j = position[w.col[p]!]!;
      if (j < 0) continue;
      from.push(k);
      to.push(j);
      weight.push(w.val[p]! * scale);
    }
  });
  return matchWeights(
    {
      ids: Array.from(units, (u) => w.ids[u]!),
      from: Int32Array.from(from),
      to: Int32Array.from(to),
      weight: Float64Array.from(weight),
      label: options.label,
    },
    Array.from(units, (u) => w.ids[u]!),
    { style: options.style, allowIslands: options.allowIslands },
  );
}

/**
 * A text grouping column as numeric codes 0..K−1 (labels sorted, missing cells NaN) in a copy of the
 * panel, with the labels; null when the column is numeric. Throws INVALID_SPEC naming the column
 * when it has more than MAX_GROUPS labels.
 */
export function codeTextGroups(
  panel: Panel,
  column: string,
  field: string,
): { panel: Panel; labels: string[] } | null {
  const cells = panel.textValues?.get(column);
  if (!panel.textColumns.has(column) || !cells) return null;
  const present = (cell: string): boolean => !Number.isNaN(parseCell(cell) ?? 0);
  const labels = [...new Set(cells.filter(present))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (labels.length > MAX_GROUPS) {
    throw new SpilloverError(
      'INVALID_SPEC',
      `${field}: text column "${column}" has ${labels.length} distinct labels; group by a column with at most ${MAX_GROUPS}`,
      { field, column },
    );
  }
  const code = new Map(labels.map((label, g) => [label, g]));
  const values = Float64Array.from(cells, (cell) => (present(cell) ? code.get(cell)! : NaN));
  const textColumns = new Map(panel.textColumns);
  textColumns.delete(column);
  return { panel: { ...panel, columns: new Map(panel.columns).set(column, values), textColumns }, labels };
}
