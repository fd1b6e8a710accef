/** Simulated panels with a known truth, written as CSV so tests go through the whole analysis layer. */
import { createRng } from '../src/stats/random.js';

export interface SimulatedPanel {
  csv: string;
  beta: [number, number];
  rows: { unit: number; time: number; x1: number; x2: number; y: number }[];
}

export interface SimulationOptions {
  units: number;
  periods: number;
  seed: number;
  /** Share of unit-periods removed at random (unbalanced panel). */
  dropShare?: number;
  /** Standard deviation of the unit effect in y (x1 is correlated with it). */
  unitEffectSd?: number;
  /** Include time effects. */
  timeEffects?: boolean;
  /** Random effects: unit effects independent of the regressors. */
  randomEffects?: boolean;
  /** Errors correlated within units (AR-like common shock share). */
  clusteredErrors?: boolean;
}

/** y_it = 1.5 x1_it − 0.7 x2_it + α_i (+ γ_t) + ε_it. */
export function simulatePanel(options: SimulationOptions): SimulatedPanel {
  const rng = createRng(options.seed);
  const beta: [number, number] = [1.5, -0.7];
  const unitSd = options.unitEffectSd ?? 1;
  const alpha = Array.from({ length: options.units }, () => unitSd * rng.normal());
  const gamma = Array.from({ length: options.periods }, () => (options.timeEffects ? rng.normal() : 0));
  const rows: SimulatedPanel['rows'] = [];
  for (let i = 0; i < options.units; i++) {
    const shock = rng.normal();
    for (let t = 0; t < options.periods; t++) {
      const keep = rng.next() >= (options.dropShare ?? 0);
      const correlation = options.randomEffects ? 0 : 0.8 * alpha[i]!;
      const x1 = correlation + 0.5 * gamma[t]! + rng.normal() + 0.05 * t;
      const x2 = rng.normal() + (options.clusteredErrors ? shock : 0);
      const error = options.clusteredErrors ? 0.8 * shock * x2 + 0.6 * rng.normal() : 0.5 * rng.normal();
      const y = beta[0] * x1 + beta[1] * x2 + alpha[i]! + gamma[t]! + error;
      if (keep) rows.push({ unit: i, time: 2000 + t, x1, x2, y });
    }
  }
  const lines = ['region,year,x1,x2,y', ...rows.map((r) => `R${r.unit},${r.time},${r.x1},${r.x2},${r.y}`)];
  return { csv: `${lines.join('\n')}\n`, beta, rows };
}
