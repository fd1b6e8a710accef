/**
 * Location quotient of a sector (Isard 1960; Florence 1939), the usual measure of industrial
 * agglomeration, e.g. of the digital economy:
 *   LQ_it = (e_it / E_it) / (e_Nt / E_Nt),
 * e_it the sector's employment (or output) in unit i and period t, E_it the unit's total, and
 * e_Nt, E_Nt the national sector and total of period t. LQ > 1: the unit is more specialised in the
 * sector than the nation. The density variant is e_it / area_it (sector per km²).
 */

/** Σ_i values_it per period t (the national totals from the panel's own units). */
export function sumByPeriod(values: Float64Array, timeIndex: Int32Array, nperiods: number): Float64Array {
  const out = new Float64Array(nperiods);
  for (let r = 0; r < values.length; r++) out[timeIndex[r]!] += values[r]!;
  return out;
}

/** LQ_it for every row, with the national sector and total of each row's period. */
export function locationQuotients(
  sector: Float64Array,
  total: Float64Array,
  timeIndex: Int32Array,
  nationalSector: Float64Array,
  nationalTotal: Float64Array,
): Float64Array {
  const out = new Float64Array(sector.length);
  for (let r = 0; r < sector.length; r++) {
    const t = timeIndex[r]!;
    out[r] = sector[r]! / total[r]! / (nationalSector[t]! / nationalTotal[t]!);
  }
  return out;
}

/** e_it / area_it. */
export function density(values: Float64Array, area: Float64Array): Float64Array {
  return Float64Array.from(values, (v, r) => v / area[r]!);
}
