/**
 * Benchmark: one full two-way FE SDM fit (estimation, information-matrix SEs, impacts with 1,000
 * draws) on simulated panels with a 6-nearest-neighbour W, median of several runs, next to the
 * R splm reference timings (fit + impacts) of ../shared/docs.
 *   npm run bench -w @spillover/core
 */
import os from 'node:os';
import { RegressionSpec } from '@spillover/contracts';
import { parsePanelCsv } from '../src/data/panel.js';
import { fitSpatialRegression } from '../src/analysis/spatial-regression.js';
import { simulateSdmPanel } from './simulate.js';

interface Size {
  n: number;
  periods: number;
  runs: number;
  target: number;
  reference: string;
}

const sizes: Size[] = [
  { n: 285, periods: 23, runs: 7, target: 100, reference: '0.42 s + 2.4 s' },
  { n: 1000, periods: 20, runs: 3, target: 1000, reference: '5.0 s + 22.8 s' },
  { n: 3000, periods: 20, runs: 1, target: 10000, reference: '—' },
];
const only = process.argv.slice(2).map(Number).filter((v) => v > 0);

const spec = RegressionSpec.parse({
  kind: 'regression',
  unit: 'unit',
  time: 'time',
  y: 'y',
  x: ['x1', 'x2', 'x3', 'x4'],
  model: 'sdm',
  effects: 'twoways',
  weights: { path: 'W.csv', style: 'row' },
  impacts: { draws: 1000, seed: 1 },
});

const rows: string[] = [];
for (const size of sizes.filter((s) => only.length === 0 || only.includes(s.n))) {
  const sim = simulateSdmPanel(size.n, size.periods);
  const panel = parsePanelCsv(sim.panelCsv, 'unit', 'time');
  const inputs = { panelCsv: sim.panelCsv, weightsText: sim.weightsCsv, weightsName: 'W.csv' };
  const times: number[] = [];
  const cpu: number[] = [];
  let rho = NaN;
  let warnings: string[] = [];
  for (let r = 0; r < size.runs; r++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    const result = fitSpatialRegression(spec, panel, inputs);
    times.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
    rho = result.rho!.estimate;
    warnings = result.warnings ?? [];
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const medianCpu = cpu[Math.floor(cpu.length / 2)]!;
  rows.push(
    `| ${size.n} × ${size.periods} | ${median.toFixed(0)} ms | ${medianCpu.toFixed(0)} ms | ${size.runs} | ${size.target} ms | ${medianCpu <= size.target ? 'yes' : 'NO'} | ${size.reference} | ρ̂ = ${rho.toFixed(3)} (true 0.4)${warnings.length ? '; ' + warnings.join('; ') : ''} |`,
  );
  console.log(rows[rows.length - 1]);
}
console.log(`\nload average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs (wall time suffers when it exceeds the CPU count; CPU time is the process's own)`);
console.log('\n| N × T | median wall | median CPU | runs | target | met | R splm (fit + impacts) | note |\n|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
