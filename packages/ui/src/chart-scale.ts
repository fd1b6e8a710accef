/** Axis helpers of the SVG charts: "nice" tick values and linear scales. */

export interface Ticks {
  /** Domain widened to whole ticks. */
  min: number;
  max: number;
  step: number;
  values: number[];
}

/**
 * About `count` ticks covering [min, max], spaced 1, 2 or 5 × 10^k (Heckbert 1990, "Nice numbers for
 * graph labels"). An empty range is widened around its value.
 */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    return { min: 0, max: 1, step: 0.2, values: [0, 0.2, 0.4, 0.6, 0.8, 1] };
  }
  if (max < min) [min, max] = [max, min];
  if (max === min) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  const step = (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * magnitude;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const values: number[] = [];
  // Rounded to the step's decimals so labels read 0.3, not 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let i = first; i <= last; i++) values.push(Number((i * step).toFixed(decimals)));
  return { min: values[0]!, max: values[values.length - 1]!, step, values };
}

/** Maps [d0, d1] linearly onto [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  // Rounded to 0.01 px: exact enough for drawing, short in the markup.
  return (v) => Math.round((r0 + ((v - d0) / span) * (r1 - r0)) * 100) / 100;
}

/** A tick label with no more decimals than the step needs. */
export function tickLabel(value: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return (Object.is(value, -0) ? 0 : value).toFixed(Math.min(decimals, 6)).replace('-', '−');
}
