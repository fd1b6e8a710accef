/**
 * Benchmark of the mechanism analyses on a simulated 285 × 23 panel (single process):
 *   - cluster-bootstrap mediation, two-way FE, cluster SEs, 5,000 replications (target < 2 s)
 *   - Hansen double threshold, 300 bootstrap replications per test (target < 20 s)
 *   npx tsx packages/core/bench/mechanisms.ts
 */
import {
  HeterogeneitySpec,
  MediationSpec,
  ThresholdSpec,
  type HeterogeneityResult,
} from '@spillover/contracts';
import { parsePanelCsv } from '../src/data/panel.js';
import { runMechanismAnalysis, type MechanismSpec } from '../src/analysis/mechanisms-replications.js';
import { simulateMechanismPanel } from '../test/simulated-mechanisms.js';

const csv = simulateMechanismPanel({
  units: 285,
  periods: 23,
  seed: 7,
  thresholds: [0.6, 1.4],
  slopes: [1, 0.5, -0.2],
  groupDifference: 0.3,
});
const panel = parsePanelCsv(csv, 'unit', 'time');
const common = { unit: 'unit', time: 'time' };

const runs: { label: string; target: number; spec: MechanismSpec }[] = [
  {
    label: 'mediation, two-way FE, cluster, 5,000 bootstrap reps',
    target: 2,
    spec: MediationSpec.parse({
      kind: 'mediation',
      ...common,
      y: 'y',
      treatment: 'd',
      mediators: ['m'],
      x: ['c1', 'c2'],
      model: 'fe',
      effects: 'twoways',
      vcov: 'cluster',
      bootstrap: { reps: 5000, seed: 1 },
    }),
  },
  {
    label: 'Hansen double threshold, 300 bootstrap reps per test',
    target: 20,
    spec: ThresholdSpec.parse({
      kind: 'threshold',
      ...common,
      y: 'yt',
      x: ['c1', 'c2'],
      regimeVariable: 'd',
      thresholdVariable: 'g',
      thresholds: 2,
      bootstrap: { reps: 300, seed: 1 },
    }),
  },
  {
    label: 'heterogeneity by unit group, two-way FE, 1,000 permutations',
    target: 10,
    spec: HeterogeneitySpec.parse({
      kind: 'heterogeneity',
      ...common,
      y: 'yh',
      x: ['c1', 'c2'],
      model: 'fe',
      effects: 'twoways',
      vcov: 'cluster',
      groupBy: 'grp',
      test: { permutation: { reps: 1000, seed: 1 } },
    }),
  },
];

console.log(`panel: 285 units × 23 periods = ${panel.nrows} rows`);
for (const { label, target, spec } of runs) {
  const start = performance.now();
  const result = runMechanismAnalysis(spec, panel);
  const seconds = (performance.now() - start) / 1000;
  const summary =
    result.kind === 'threshold'
      ? result.thresholds.map((t) => t.estimate.toFixed(3)).join(', ') +
        ' | ' +
        result.tests.map((t) => `F=${t.F.toFixed(1)} p=${t.p}`).join('; ')
      : result.kind === 'mediation'
        ? JSON.stringify(result.mediators.m!.bootstrap)
        : (result as HeterogeneityResult).differences
            .map((d) => `${d.coefficient} ${d.estimate.toFixed(3)} p=${d.permutation?.p.toFixed(4)}`)
            .join('; ');
  console.log(
    `${label}: ${seconds.toFixed(2)} s (target < ${target} s) ${seconds < target ? 'OK' : 'SLOW'}\n  ${summary}`,
  );
}
