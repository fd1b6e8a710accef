import type { AnalysisSpecInput } from '@spillover/contracts';

/**
 * A large synthetic panel (y = x1 - 0.5 x2 + 0.25 x3 + unit effect + noise) so one FE fit keeps a thread
 * busy long enough to kill or starve a worker mid-job. Deterministic (LCG), no fixtures needed.
 */
export function syntheticPanel(units: number, periods: number): string {
  let state = 12345;
  const uniform = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const lines = ['unit,time,y,x1,x2,x3'];
  for (let u = 0; u < units; u++) {
    const effect = uniform();
    for (let t = 0; t < periods; t++) {
      const x1 = uniform();
      const x2 = uniform();
      const x3 = uniform();
      const y = x1 - 0.5 * x2 + 0.25 * x3 + effect + 0.1 * (uniform() - 0.5);
      lines.push(`u${u},${2000 + t},${y},${x1},${x2},${x3}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export const syntheticSpec: AnalysisSpecInput = {
  kind: 'regression',
  unit: 'unit',
  time: 'time',
  y: 'y',
  x: ['x1', 'x2', 'x3'],
  model: 'fe',
  effects: 'twoways',
  vcov: 'cluster',
};
