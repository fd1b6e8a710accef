/**
 * Two-sided normal p-value 2(1 − Φ(|z|)) = erfc(|z|/√2), for effects reported with an estimate and a
 * standard error only. erfc by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7): enough for
 * significance stars, not for reporting tail probabilities.
 */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return Math.min(1, poly * Math.exp(-x * x));
}

/** The p-value of an estimate: its own, else from z = estimate / se (normal), else none. */
export function pValueOf(cell: { estimate: number; se?: number; p?: number }): number | undefined {
  if (cell.p !== undefined) return cell.p;
  if (cell.se === undefined || !(cell.se > 0)) return undefined;
  return normalTwoSidedP(cell.estimate / cell.se);
}
