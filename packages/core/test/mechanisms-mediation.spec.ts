/**
 * Mediation: the Gram-based bootstrap against explicit refits, chunking invariance and seed
 * determinism of the replications, coverage of the percentile interval on simulated panels, and
 * the bootstrap SE of a·b against the Sobel SE in a large sample.
 */
import { describe, expect, it } from 'vitest';
import { MediationSpec, type MediationResult } from '@spillover/contracts';
import { parsePanelCsv, selectSample } from '../src/data/panel.js';
import { fitFixedEffects } from '../src/estimators/fixed-effects.js';
import { fitPooledOls } from '../src/estimators/pooled-ols.js';
import type { FixedEffectsKind } from '../src/estimators/within.js';
import { indirectEffects, prepareMediationBootstrap } from '../src/mechanisms/mediation-bootstrap.js';
import { bootstrapIntervals } from '../src/mechanisms/bootstrap-intervals.js';
import { buildUnitGram, leaveOneUnitOutGrams, weightedGram } from '../src/mechanisms/unit-gram.js';
import {
  combineReplications,
  runMechanismAnalysis,
  runReplications,
} from '../src/analysis/mechanisms-replications.js';
import { createRng } from '../src/stats/random.js';
import { simulateMechanismPanel } from './simulated-mechanisms.js';

const spec = (overrides: Record<string, unknown> = {}): MediationSpec =>
  MediationSpec.parse({
    kind: 'mediation',
    unit: 'unit',
    time: 'time',
    y: 'y',
    treatment: 'd',
    mediators: ['m', 'c1'],
    x: ['c2'],
    model: 'fe',
    effects: 'twoways',
    vcov: 'cluster',
    bootstrap: { reps: 60, seed: 5 },
    ...overrides,
  });

/** a·b of mediator m from explicit fits on the resample where unit i appears weights[i] times. */
function refitIndirect(
  csvRows: ReturnType<typeof parsePanelCsv>,
  weights: number[],
  effects: FixedEffectsKind,
): number {
  const sample = selectSample(csvRows, ['y', 'd', 'm', 'c2']);
  const rows: number[] = [];
  const unitIndex: number[] = [];
  const timeIndex: number[] = [];
  let copies = 0;
  weights.forEach((w, unit) => {
    for (let c = 0; c < w; c++, copies++) {
      sample.unitIndex.forEach((u, r) => {
        if (u !== unit) return;
        rows.push(r);
        unitIndex.push(copies);
        timeIndex.push(sample.timeIndex[r]!);
      });
    }
  });
  const structure = {
    unitIndex: Int32Array.from(unitIndex),
    timeIndex: Int32Array.from(timeIndex),
    nunits: copies,
    nperiods: sample.nperiods,
    balanced: rows.length === copies * sample.nperiods,
  };
  const pick = (name: string): Float64Array => Float64Array.from(rows, (r) => sample.column(name)[r]!);
  const fit = (y: Float64Array, x: Float64Array[], names: string[]) =>
    effects === 'none'
      ? fitPooledOls(y, x, names, { vcov: 'classical' })
      : fitFixedEffects(y, x, names, structure, { effects, vcov: 'classical' });
  const a = fit(pick('m'), [pick('d'), pick('c2')], ['d', 'c2']);
  const b = fit(pick('y'), [pick('d'), pick('m'), pick('c2')], ['d', 'm', 'c2']);
  return a.beta[a.names.indexOf('d')]! * b.beta[b.names.indexOf('m')]!;
}

describe('mediation cluster bootstrap', () => {
  for (const [effects, unbalanced] of [
    ['twoways', false],
    ['twoways', true],
    ['unit', true],
    ['time', true],
    ['none', false],
  ] as const) {
    it(`resample Gram equals refitting the resampled panel (${effects}${unbalanced ? ', unbalanced' : ''})`, () => {
      const panel = parsePanelCsv(
        simulateMechanismPanel({ units: 12, periods: 5, seed: 3, unbalanced }),
        'unit',
        'time',
      );
      const sample = selectSample(panel, ['y', 'd', 'm', 'c2']);
      const plan = prepareMediationBootstrap(
        {
          y: sample.column('y'),
          treatment: sample.column('d'),
          mediators: [sample.column('m')],
          controls: [sample.column('c2')],
        },
        sample,
        effects,
      );
      const rng = createRng(11, 0);
      for (let trial = 0; trial < 3; trial++) {
        const weights = Array.from({ length: 12 }, () => 0);
        for (let k = 0; k < 12; k++) weights[Math.floor(rng.next() * 12)]!++;
        const fast = indirectEffects(plan, weights)[0]!;
        expect(Math.abs(fast - refitIndirect(panel, weights, effects))).toBeLessThan(
          1e-10 * (1 + Math.abs(fast)),
        );
      }
    });
  }

  for (const [effects, unbalanced] of [
    ['twoways', false],
    ['twoways', true],
    ['unit', true],
    ['time', true],
    ['none', false],
  ] as const) {
    it(`leave-one-unit-out Grams equal summing without the unit (${effects}${unbalanced ? ', unbalanced' : ''})`, () => {
      const panel = parsePanelCsv(
        simulateMechanismPanel({ units: 9, periods: 4, seed: 8, unbalanced }),
        'unit',
        'time',
      );
      const sample = selectSample(panel, ['y', 'd', 'm', 'c2']);
      const columns = ['d', 'c2', 'm', 'y'].map((name) => sample.column(name));
      const gram = buildUnitGram(columns, sample, effects);
      const without = leaveOneUnitOutGrams(gram);
      for (let unit = 0; unit < gram.nunits; unit++) {
        const weights = Array.from({ length: gram.nunits }, (_, i) => (i === unit ? 0 : 1));
        const summed = weightedGram(gram, weights);
        const downdated = without(unit);
        const scale = Math.max(...summed.map(Math.abs));
        summed.forEach((value, e) => expect(Math.abs(downdated[e]! - value)).toBeLessThan(1e-12 * scale));
      }
    });
  }

  it('gives bit-identical results for one chunk and seven uneven chunks', () => {
    const panel = parsePanelCsv(simulateMechanismPanel({ units: 30, periods: 6, seed: 4 }), 'unit', 'time');
    const s = spec();
    const one = combineReplications(s, panel, [runReplications(s, panel, 0, 60)]);
    const bounds = [0, 1, 9, 10, 23, 41, 59, 60];
    const chunks = bounds
      .slice(1)
      .map((to, i) => JSON.parse(JSON.stringify(runReplications(s, panel, bounds[i]!, to))));
    const seven = combineReplications(s, panel, [...chunks].reverse());
    expect(JSON.stringify(seven)).toBe(JSON.stringify(one));
    expect(JSON.stringify(runMechanismAnalysis(s, panel))).toBe(JSON.stringify(one));
    expect(() => combineReplications(s, panel, chunks.slice(1))).toThrow(/cover/);
  });

  it('is deterministic in the seed', () => {
    const panel = parsePanelCsv(simulateMechanismPanel({ units: 30, periods: 6, seed: 4 }), 'unit', 'time');
    const first = runMechanismAnalysis(spec(), panel) as MediationResult;
    const again = runMechanismAnalysis(spec(), panel) as MediationResult;
    const other = runMechanismAnalysis(spec({ bootstrap: { reps: 60, seed: 6 } }), panel) as MediationResult;
    expect(again).toEqual(first);
    expect(other.mediators.m!.bootstrap!.se).not.toBe(first.mediators.m!.bootstrap!.se);
    const boot = first.mediators.m!.bootstrap!;
    expect(boot.reps).toBe(60);
    expect(boot.failed).toBe(0);
    expect(boot.percentile[0]).toBeLessThan(boot.percentile[1]);
    expect(boot.bca[0]).toBeLessThan(boot.bca[1]);
  });

  it('reps 0 or no bootstrap skips it', () => {
    const panel = parsePanelCsv(simulateMechanismPanel({ units: 20, periods: 4, seed: 4 }), 'unit', 'time');
    const result = runMechanismAnalysis(spec({ bootstrap: { reps: 0 } }), panel) as MediationResult;
    expect(result.mediators.m!.bootstrap).toBeUndefined();
    expect(result.mediators.m!.indirect.estimate).toBeCloseTo(
      result.mediators.m!.a.estimate * result.mediators.m!.b.estimate,
      14,
    );
  });

  it('bias correction shifts the interval when θ̂ sits off the centre of the replications', () => {
    const sorted = Float64Array.from({ length: 999 }, (_, i) => Math.exp((i - 499) / 300)).sort();
    const plain = bootstrapIntervals(sorted, 1, 0);
    const shifted = bootstrapIntervals(sorted, 1.4, 0);
    expect(plain.bc[0]).toBeCloseTo(plain.percentile[0], 2);
    expect(shifted.bc[0]).toBeGreaterThan(plain.bc[0]);
    expect(bootstrapIntervals(sorted, 1.4, 0.1).bca[1]).toBeGreaterThan(shifted.bca[1]);
  });

  it('percentile interval covers the true indirect effect about 95 % of the time (200 simulated panels)', () => {
    const a = 0.5;
    const b = 0.4;
    let covered = 0;
    const runs = 200;
    for (let k = 0; k < runs; k++) {
      const panel = parsePanelCsv(
        simulateMechanismPanel({ units: 40, periods: 5, seed: 1000 + k, a, b }),
        'unit',
        'time',
      );
      const result = runMechanismAnalysis(
        spec({ mediators: ['m'], x: ['c1', 'c2'], bootstrap: { reps: 199, seed: k } }),
        panel,
      ) as MediationResult;
      const [lo, hi] = result.mediators.m!.bootstrap!.percentile;
      if (lo <= a * b && a * b <= hi) covered++;
    }
    console.log(`percentile coverage: ${covered}/${runs}`);
    // binomial(200, 0.95): sd 1.5 percentage points; the band allows for bootstrap error on 199 draws
    expect(covered / runs).toBeGreaterThanOrEqual(0.88);
    expect(covered / runs).toBeLessThanOrEqual(0.99);
  });

  it('bootstrap SE of a·b is close to the Sobel SE in a large sample', () => {
    const panel = parsePanelCsv(simulateMechanismPanel({ units: 300, periods: 8, seed: 77 }), 'unit', 'time');
    const result = runMechanismAnalysis(
      spec({ mediators: ['m'], x: ['c1', 'c2'], bootstrap: { reps: 1000, seed: 1 } }),
      panel,
    ) as MediationResult;
    const m = result.mediators.m!;
    const ratio = m.bootstrap!.se / m.indirect.sobel.se;
    console.log(
      `bootstrap se ${m.bootstrap!.se.toExponential(4)}, Sobel se ${m.indirect.sobel.se.toExponential(4)}, ratio ${ratio.toFixed(3)}`,
    );
    expect(Math.abs(ratio - 1)).toBeLessThan(0.1);
  });
});
