import { MediationSpec } from '@spillover/contracts';
import { parsePanelCsv, prepareReplications } from '@spillover/core';

/**
 * JIT warm-up of a replication thread. V8 optimises a function only after it has run a while, and an
 * analysis parses its CSV, computes its point estimates and combines its replications once per thread:
 * without a warm-up those steps run unoptimised (2–4× slower) for the first analyses after boot. A small
 * simulated mediation (two-way fixed effects, cluster SEs) goes through the same steps a few times
 * while the thread is idle at boot.
 */
const spec = MediationSpec.parse({
  kind: 'mediation',
  unit: 'unit',
  time: 'time',
  y: 'y',
  treatment: 'd',
  mediators: ['m'],
  x: ['c'],
  model: 'fe',
  effects: 'twoways',
  vcov: 'cluster',
  bootstrap: { reps: 100, seed: 1 },
});

/** `units` × `periods` rows of the spec's columns, uniform values from a linear congruential generator. */
function warmUpPanel(units: number, periods: number): string {
  let state = 1;
  const uniform = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const lines = ['unit,time,d,m,c,y'];
  for (let i = 0; i < units; i++) {
    for (let t = 0; t < periods; t++) {
      lines.push(`u${i},${2000 + t},${uniform()},${uniform()},${uniform()},${uniform()}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function warmUpReplications(rounds = 5): void {
  const csv = warmUpPanel(80, 12);
  for (let round = 0; round < rounds; round++) {
    const session = prepareReplications(spec, parsePanelCsv(csv, 'unit', 'time'));
    session.combine([session.run(0, session.reps)]);
  }
}
