/** Number formatting shared by the tables: fixed decimals, scientific notation only where fixed would hide the value. */

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `digits` decimals; integers as integers; tiny or huge magnitudes in scientific notation; `—` for no value. */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return integerFormat.format(value);
  const magnitude = Math.abs(value);
  // Below half a unit of the last decimal the fixed form would read 0.0000: show the value instead.
  if (magnitude < 0.5 * 10 ** -digits || magnitude >= 1e6) return value.toExponential(2);
  return value.toFixed(digits);
}

/** p-values: three decimals, `<0.001` in the tail. */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** Significance stars: * p<0.1, ** p<0.05, *** p<0.01. */
export function significanceStars(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '';
  if (p < 0.01) return '***';
  if (p < 0.05) return '**';
  if (p < 0.1) return '*';
  return '';
}

export const starsNote = '* p<0.1, ** p<0.05, *** p<0.01';
