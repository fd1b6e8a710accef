/** Row order helpers for measurement results, which list unit-periods in the panel's (unit, time) order. */
import type { Panel } from '../data/panel.js';

/** Panel rows sorted by unit (order of first appearance) then period (ascending). */
export function panelOrder(panel: Panel): Int32Array {
  const order = Int32Array.from({ length: panel.nrows }, (_, r) => r);
  return order.sort(
    (a, b) => panel.unitIndex[a]! - panel.unitIndex[b]! || panel.timeIndex[a]! - panel.timeIndex[b]!,
  );
}
