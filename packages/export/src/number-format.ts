/** Numbers as every export prints them: plain ASCII, no digit grouping, so a spreadsheet reads them back. */

/** `digits` decimals; scientific where fixed decimals would show 0 or an unwieldy magnitude; '' for no value. */
export function formatFixed(value: number | undefined, digits: number): string {
  if (value === undefined || Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
  const magnitude = Math.abs(value);
  if (value !== 0 && (magnitude < 0.5 * 10 ** -digits || magnitude >= 1e9)) {
    return value.toExponential(Math.max(2, digits - 2));
  }
  const fixed = value.toFixed(digits);
  // -0.0000 reads as a sign without a value
  return /^-0\.?0*$/.test(fixed) ? fixed.slice(1) : fixed;
}

/** A count: the integer itself. */
export function formatInteger(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '';
  return String(Math.round(value));
}

/** Every digit JavaScript keeps: parsing the text gives back exactly the stored double. */
export function formatFull(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
  return String(value);
}
