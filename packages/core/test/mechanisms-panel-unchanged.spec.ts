/**
 * Replication threads keep one parsed panel per dataset version and prepare every analysis of it on
 * that same object, so preparing, replicating and combining must leave the panel as parsed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnalysisSpec, parsePanelCsv, prepareReplications, type MechanismSpec } from '../src/index.js';

const fixture = readFileSync(join(__dirname, '../../../../shared/fixtures/mechanisms/panel.csv'), 'utf8');
const units = [
  ...new Set(
    fixture
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]!),
  ),
].sort();
/** The fixture with `half`, a group of whole units (first or second half of the ids). */
const csv = fixture
  .trim()
  .split('\n')
  .map((line, i) =>
    i === 0 ? `${line},half` : `${line},${units.indexOf(line.split(',')[0]!) < units.length / 2 ? 'a' : 'b'}`,
  )
  .join('\n');
/** A ring: every unit's neighbours are the previous and the next one. */
const ringWeights = [
  'from,to,weight',
  ...units.flatMap((u, i) => [
    `${u},${units[(i + 1) % units.length]},1`,
    `${u},${units[(i + units.length - 1) % units.length]},1`,
  ]),
].join('\n');

const panelFields = { unit: 'unit', time: 'time' };
const specs: Record<string, object> = {
  mediation: {
    kind: 'mediation',
    ...panelFields,
    y: 'res',
    treatment: 'dig',
    mediators: ['innov', 'indus'],
    x: ['ctrl1'],
    effects: 'twoways',
    vcov: 'cluster',
    bootstrap: { reps: 20, seed: 3 },
  },
  'spatial mediation': {
    kind: 'mediation',
    ...panelFields,
    y: 'res',
    treatment: 'dig',
    mediators: ['innov'],
    model: 'sdm',
    effects: 'twoways',
    weights: { path: 'W.csv' },
    bootstrap: { reps: 20, seed: 3 },
  },
  threshold: {
    kind: 'threshold',
    ...panelFields,
    y: 'res2',
    x: ['ctrl1'],
    regimeVariable: 'dig',
    thresholdVariable: 'gov',
    grid: 20,
    bootstrap: { reps: 10, seed: 3 },
  },
  heterogeneity: {
    kind: 'heterogeneity',
    ...panelFields,
    y: 'res',
    x: ['dig', 'ctrl1'],
    effects: 'twoways',
    groupBy: { median: 'gov', within: 'period' },
    test: { permutation: { reps: 20, seed: 3 } },
  },
  'spatial heterogeneity': {
    kind: 'heterogeneity',
    ...panelFields,
    y: 'res',
    x: ['dig'],
    model: 'sar',
    effects: 'unit',
    weights: { path: 'W.csv' },
    groupBy: 'half',
    test: { permutation: { reps: 5, seed: 3 } },
  },
};

/** Every array and map of the panel, copied. */
function snapshot(panel: ReturnType<typeof parsePanelCsv>) {
  return {
    units: [...panel.units],
    times: [...panel.times],
    unitIndex: Array.from(panel.unitIndex),
    timeIndex: Array.from(panel.timeIndex),
    columnNames: [...panel.columnNames],
    columns: [...panel.columns].map(([name, values]) => [name, Array.from(values)]),
    missing: [...panel.missing],
  };
}

describe('preparing replications on a parsed panel', () => {
  it.each(Object.keys(specs))('leaves it unchanged: %s', (name) => {
    const spec = parseAnalysisSpec(specs[name]!) as MechanismSpec;
    const panel = parsePanelCsv(csv, 'unit', 'time');
    const before = snapshot(panel);
    const inputs = { weightsText: ringWeights, weightsName: 'W.csv' };
    const session = prepareReplications(spec, panel, inputs);
    session.combine([session.run(0, session.reps)]);
    expect(snapshot(panel)).toEqual(before);
    // and a second analysis on the same object gives what a fresh parse gives
    const again = prepareReplications(spec, panel, inputs);
    const fresh = prepareReplications(spec, parsePanelCsv(csv, 'unit', 'time'), inputs);
    expect(again.run(0, again.reps)).toEqual(fresh.run(0, fresh.reps));
  });
});
