/**
 * Benchmark: one full two-way FE SDM fit (weights matching, estimation, information-matrix SEs,
 * impacts with 1,000 draws) on simulated panels with a 6-nearest-neighbour (non-symmetric,
 * row-standardised) W, median of several runs in one process (the first run, JIT warm-up included,
 * is reported on its own), next to the R reference timings (fit + impacts).
 *   npm run bench                      (from the repository root, after npm ci && npm run build)
 *   npm run bench -w @spillover/core -- 285 1000   (selected sizes)
 * CPU time is the process's own user + system time: on a loaded machine it is the fairer number.
 */
import os from 'node:os';
import { RegressionSpec } from '@spillover/contracts';
import { parsePanelCsv } from '../src/data/panel.js';
import { fitSpatialRegression } from '../src/analysis/spatial-regression.js';
import { logDetKernel } from '../src/spatial/spectrum.js';
import { FROBENIUS_EXACT_LIMIT } from '../src/spatial/models/g-traces.js';
import { parseWeights } from '../src/spatial/weights/parse.js';
import { matchWeights } from '../src/spatial/weights/match.js';
import { simulateSdmPanel } from './simulate.js';

interface Size {
  n: number;
  periods: number;
  runs: number;
  /** Target in ms. */
  target: number;
  reference: string;
}

const sizes: Size[] = [
  { n: 285, periods: 23, runs: 9, target: 100, reference: 'splm 0.42 s + 2.4 s; SDPDmod 11.5 s + 37.9 s' },
  { n: 1000, periods: 20, runs: 5, target: 1000, reference: 'splm 5.0 s + 22.8 s' },
  { n: 3000, periods: 20, runs: 3, target: 10000, reference: '—' },
];
const only = process.argv
  .slice(2)
  .map(Number)
  .filter((v) => v > 0);

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

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const loadBefore = os.loadavg()[0]!;
const rows: string[] = [];
for (const size of sizes.filter((s) => only.length === 0 || only.includes(s.n))) {
  const sim = simulateSdmPanel(size.n, size.periods);
  const panel = parsePanelCsv(sim.panelCsv, 'unit', 'time');
  const inputs = { panelCsv: sim.panelCsv, weightsText: sim.weightsCsv, weightsName: 'W.csv' };
  const ids = Array.from({ length: size.n }, (_, i) => `u${i + 1}`);
  const route = logDetKernel(
    matchWeights(parseWeights(sim.weightsCsv, 'W.csv'), ids, { style: 'row' }),
  ).method;
  const frobenius = size.n <= FROBENIUS_EXACT_LIMIT.n ? "exact tr(G'G)" : "Hutchinson tr(G'G)";
  const wall: number[] = [];
  const cpu: number[] = [];
  let rho = NaN;
  let warnings: string[] = [];
  for (let r = 0; r < size.runs; r++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    const result = fitSpatialRegression(spec, panel, inputs);
    const used = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
    rho = result.rho!.estimate;
    warnings = result.warnings ?? [];
  }
  const medianCpu = median(cpu);
  rows.push(
    `| ${size.n} × ${size.periods} | ${cpu[0]!.toFixed(0)} ms | ${median(wall).toFixed(0)} ms | ${medianCpu.toFixed(0)} ms | ${size.runs} | < ${size.target} ms | ${
      medianCpu < size.target ? 'yes' : 'NO'
    } | ${size.reference} | ${route}, ${frobenius}; ρ̂ = ${rho.toFixed(3)} (true 0.4)${warnings.length ? '; ' + warnings.join('; ') : ''} |`,
  );
  console.log(rows[rows.length - 1]);
}
console.log(
  `\nload average ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs (wall time suffers when it exceeds the CPU count)`,
);
console.log(
  '\n| N × T | first run CPU | median wall | median CPU | runs | target | met | R (fit + impacts) | method |\n|---|---|---|---|---|---|---|---|---|',
);
for (const r of rows) console.log(r);
