/** Simulated panels with known mechanisms (mediation paths, thresholds, group differences), as CSV. */
import { createRng } from '../src/stats/random.js';

export interface MechanismPanelOptions {
  units: number;
  periods: number;
  seed: number;
  /** Path a (treatment → mediator) and b (mediator → y); direct effect c′. */
  a?: number;
  b?: number;
  cPrime?: number;
  /** Thresholds of g where the slope of d on y changes, and the slopes of each regime. */
  thresholds?: number[];
  slopes?: number[];
  /** Slope of x on y in group 1 minus group 0 (group = unit index odd). */
  groupDifference?: number;
  /** Drop unit 0's last period (unbalanced). */
  unbalanced?: boolean;
}

/**
 * Columns: unit, time, d (treatment / regime variable), m (mediator), c1, c2 (controls),
 * g (threshold variable), y (mediation outcome), yt (threshold outcome), grp (0/1 by unit),
 * yh (outcome with slope of c1 differing by grp). Unit and time effects in every equation.
 */
export function simulateMechanismPanel(options: MechanismPanelOptions): string {
  const rng = createRng(options.seed, 999_999);
  const { units, periods } = options;
  const a = options.a ?? 0.5;
  const b = options.b ?? 0.4;
  const cPrime = options.cPrime ?? 0.3;
  const thresholds = options.thresholds ?? [];
  const slopes = options.slopes ?? [1];
  const difference = options.groupDifference ?? 0;
  const timeEffect = Array.from({ length: periods }, () => rng.normal());
  const lines = ['unit,time,d,m,c1,c2,g,y,yt,grp,yh'];
  for (let i = 0; i < units; i++) {
    const alpha = rng.normal();
    const grp = i % 2;
    for (let t = 0; t < periods; t++) {
      if (options.unbalanced && i === 0 && t === periods - 1) continue;
      const c1 = rng.normal() + 0.3 * alpha;
      const c2 = rng.normal();
      const d = rng.normal() + 0.5 * alpha + 0.3 * timeEffect[t]!;
      const m = a * d + 0.2 * c1 + alpha + timeEffect[t]! + rng.normal();
      const y = cPrime * d + b * m - 0.3 * c2 + alpha + timeEffect[t]! + rng.normal();
      const g = 2 * rng.next();
      let regime = 0;
      while (regime < thresholds.length && g > thresholds[regime]!) regime++;
      const yt = slopes[regime]! * d + 0.5 * c1 - 0.3 * c2 + alpha + 0.5 * rng.normal();
      const yh = (1 + difference * grp) * c1 + 0.5 * c2 + alpha + timeEffect[t]! + rng.normal();
      lines.push(`U${i},${2000 + t},${d},${m},${c1},${c2},${g},${y},${yt},${grp},${yh}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
