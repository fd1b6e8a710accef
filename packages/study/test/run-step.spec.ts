/** Running the plan in process: progress numbered over all 19 steps, one callback per step, same results. */
import { describe, expect, it } from 'vitest';
import { prepareStudy, runStudyPlan, runStudyStep } from '../src/index.js';
import { cityListCsv, planIds } from './fixture.js';

describe('runStudyPlan', () => {
  it('runs every planned step in order, numbering progress after the measurement steps', () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const preparation = prepareStudy({ cityListCsv, seed: 11, cities: 40, quick: true }, log);
    const positions: [string, number][] = [];
    const run = runStudyPlan(preparation, {
      log,
      onStep: (step, _, position) => positions.push([step.id, position]),
    });

    expect(positions).toEqual(planIds.map((id, k) => [id, k + 5]));
    const numbered = lines.filter((l) => /^\[study\] \d+\/19 /.test(l));
    expect(numbered.map((l) => Number(/(\d+)\/19/.exec(l)![1]))).toEqual(
      Array.from({ length: 19 }, (_, k) => k + 1),
    );
    expect(lines[0]).toBe('[study] generating the demo panel (seed 11, 40 cities) …');
    expect(numbered[4]).toBe(
      '[study] 5/19 calibration: entropy index on latent resilience (simulation only) …',
    );

    expect(Object.keys(run.steps)).toEqual(planIds);
    for (const id of planIds) expect(run.steps[id]!.result, id).toBeDefined();
    const iv = preparation.plan.find((s) => s.id === 'robust-iv')!;
    expect(runStudyStep(preparation, iv)).toEqual(run.steps['robust-iv']!.result);
    expect(run.steps['sdm-economic']!.result).toMatchObject({ kind: 'regression', model: 'sdm' });
  });
});
