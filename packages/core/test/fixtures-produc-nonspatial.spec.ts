/**
 * Every non-spatial case of ../shared/fixtures/produc (plm references) through runAnalysis,
 * compared number by number with the fixtures' rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnalysisSpec, runAnalysis } from '../src/index.js';
import { compareWithFixture, describeMismatches, fixtureDirectory, readCases } from './fixture-compare.js';

const NON_SPATIAL = [
  'ols-pooled',
  'fe-unit-classical',
  'fe-unit-cluster',
  'fe-twoways-classical',
  'fe-twoways-cluster',
  're-swar-hausman',
  'iv-fe-unit',
];

const directory = fixtureDirectory('produc');
const panelCsv = readFileSync(join(directory, 'panel.csv'), 'utf8');
const cases = readCases('produc').filter((c) => NON_SPATIAL.includes(c.name));

describe('produc fixtures, non-spatial models', () => {
  it('has every non-spatial case', () => {
    expect(cases.map((c) => c.name).sort()).toEqual([...NON_SPATIAL].sort());
  });

  for (const fixture of cases) {
    it(`${fixture.name} matches plm`, () => {
      const spec = parseAnalysisSpec(fixture.spec);
      const result = runAnalysis(spec, { panelCsv });
      const { mismatches, maxRelative, count } = compareWithFixture(
        fixture.expected,
        result,
        fixture.tolerance,
      );
      if (mismatches.length > 0) throw new Error(describeMismatches(fixture.name, mismatches));
      expect(count).toBeGreaterThan(10);
      console.log(
        `${fixture.name}: ${count} numbers match, max relative deviation ${maxRelative.toExponential(2)}`,
      );
    });
  }
});
