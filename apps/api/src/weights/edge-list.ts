import type { WeightTriplets } from '@spillover/core';

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Weights as an edge list CSV `from,to,weight` that core's parser reads back to the same triplets:
 * String(number) round-trips every double exactly. A unit without any link is written as a zero
 * self-weight, which the parser keeps as a unit without neighbours (an island) rather than dropping it.
 */
export function edgeListCsv(weights: WeightTriplets): string {
  const { ids, from, to, weight } = weights;
  const lines = ['from,to,weight'];
  const linked = new Uint8Array(ids.length);
  for (let e = 0; e < from.length; e++) {
    lines.push(`${csvField(ids[from[e]!]!)},${csvField(ids[to[e]!]!)},${String(weight[e]!)}`);
    linked[from[e]!] = 1;
    linked[to[e]!] = 1;
  }
  ids.forEach((id, i) => {
    if (!linked[i]) lines.push(`${csvField(id)},${csvField(id)},0`);
  });
  return `${lines.join('\n')}\n`;
}
