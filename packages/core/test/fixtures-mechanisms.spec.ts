/**
 * Every case of ../shared/fixtures/mechanisms (mediation and Hansen threshold references) through
 * runAnalysis, compared number by number with the fixtures' rule, plus the `lrCurveSample` points.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThresholdResult } from '@spillover/contracts';
import { parseAnalysisSpec, runAnalysis } from '../src/index.js';
import {
  compareWithFixture,
  describeMismatches,
  fixtureDirectory,
  readCases,
  type FixtureCase,
} from './fixture-compare.js';

const directory = fixtureDirectory('mechanisms');
const panelCsv = readFileSync(join(directory, 'panel.csv'), 'utf8');
const cases = readCases('mechanisms') as (FixtureCase & {
  lrCurveSample?: { gamma: number; lr: number }[];
})[];

describe('mechanisms fixtures', () => {
  it('has the mediation and threshold cases', () => {
    expect(cases.map((c) => c.name).sort()).toEqual([
      'mediation-fe-twoways-cluster',
      'threshold-double-classical',
      'threshold-single-classical',
      'threshold-single-cluster',
    ]);
  });

  for (const fixture of cases) {
    it(`${fixture.name} matches the reference`, () => {
      const spec = parseAnalysisSpec(fixture.spec);
      const result = runAnalysis(spec, { panelCsv });
      const totals = compareWithFixture(fixture.expected, result, fixture.tolerance);
      for (const point of fixture.lrCurveSample ?? []) {
        const actual = (result as ThresholdResult).lrCurve.find((p) => p.gamma === point.gamma);
        compareWithFixture(
          point.lr,
          actual?.lr,
          fixture.tolerance,
          `.lrCurve[gamma=${point.gamma}].lr`,
          totals,
        );
      }
      const { mismatches, maxRelative, count } = totals;
      if (mismatches.length > 0) throw new Error(describeMismatches(fixture.name, mismatches));
      expect(count).toBeGreaterThan(10);
      console.log(
        `${fixture.name}: ${count} numbers match (${fixture.lrCurveSample?.length ?? 0} of them LR curve points), max relative deviation ${maxRelative.toExponential(2)}`,
      );
    });
  }
});
