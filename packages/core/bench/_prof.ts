import { RegressionSpec } from '@spillover/contracts';
import { parsePanelCsv } from '../src/data/panel.js';
import { fitSpatialRegression } from '../src/analysis/spatial-regression.js';
import { simulateSdmPanel } from '../bench/simulate.js';
const n = Number(process.argv[2] ?? 285), T = Number(process.argv[3] ?? 23), runs = Number(process.argv[4] ?? 5);
const spec = RegressionSpec.parse({ kind: 'regression', unit: 'unit', time: 'time', y: 'y', x: ['x1','x2','x3','x4'], model: 'sdm', effects: 'twoways', weights: { path: 'W.csv', style: 'row' }, impacts: { draws: 1000, seed: 1 } });
const sim = simulateSdmPanel(n, T);
const panel = parsePanelCsv(sim.panelCsv, 'unit', 'time');
const inputs = { panelCsv: sim.panelCsv, weightsText: sim.weightsCsv, weightsName: 'W.csv' };
for (let r = 0; r < runs; r++) {
  const c = process.cpuUsage();
  const res = fitSpatialRegression(spec, panel, inputs);
  const u = process.cpuUsage(c);
  console.log(((u.user + u.system) / 1000).toFixed(0), 'ms cpu', res.rho!.estimate, res.rho!.se, res.impacts!.direct['x1']);
}
