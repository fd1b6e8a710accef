/**
 * Bad inputs through the analysis layer: each error has a stable code and names the thing.
 */
import { describe, expect, it } from 'vitest';
import { SpilloverError } from '@spillover/contracts';
import { checkSpecColumns, describePanel, parseAnalysisSpec, runAnalysis } from '../src/index.js';

const good =
  'id,year,y,x,z,region,flat\nA,1,1.0,2.0,0.5,north,3\nA,2,2.1,2.9,0.1,north,3\nB,1,0.5,1.1,0.7,south,3\nB,2,1.4,2.2,0.2,south,3\nC,1,2.2,3.0,0.9,south,3\nC,2,3.3,4.1,0.3,south,3\nD,1,0.1,0.2,0.4,east,3\nD,2,1.0,1.4,0.8,east,3\n';

function spec(fields: Record<string, unknown> = {}) {
  return parseAnalysisSpec({
    kind: 'regression',
    unit: 'id',
    time: 'year',
    y: 'y',
    x: ['x'],
    model: 'ols',
    ...fields,
  });
}

function errorOf(run: () => unknown): SpilloverError {
  try {
    run();
  } catch (error) {
    if (error instanceof SpilloverError) return error;
    throw error;
  }
  throw new Error('expected a SpilloverError');
}

describe('bad input', () => {
  it('a duplicate unit-period names both lines, the unit and the period', () => {
    const csv = `${good}B,2,9,9,9,south,3\n`;
    const error = errorOf(() => runAnalysis(spec(), { panelCsv: csv }));
    expect(error.code).toBe('DUPLICATE_ROW');
    expect(error.message).toBe('panel CSV lines 5 and 10 both hold unit "B" in period 2');
  });

  it('a text cell in a numeric column used as x names the field, column, line and value', () => {
    const csv = good.replace('C,2,3.3,4.1', 'C,2,3.3,four');
    const error = errorOf(() => runAnalysis(spec(), { panelCsv: csv }));
    expect(error.code).toBe('NON_NUMERIC_CELL');
    expect(error.message).toBe('x[0]: column "x" is not numeric: line 7 holds "four"');
  });

  it('an unknown column names the field and the column', () => {
    const error = errorOf(() => runAnalysis(spec({ x: ['x', 'nope'] }), { panelCsv: good }));
    expect(error.code).toBe('UNKNOWN_COLUMN');
    expect(error.message).toMatch(/^x\[1\]: column "nope" is not in the panel/);
  });

  it('an empty file is EMPTY_FILE', () => {
    expect(errorOf(() => runAnalysis(spec(), { panelCsv: '' })).code).toBe('EMPTY_FILE');
    expect(errorOf(() => runAnalysis(spec(), { panelCsv: 'id,year,y,x\n' })).code).toBe('EMPTY_FILE');
  });

  it('a malformed line is named', () => {
    const error = errorOf(() => runAnalysis(spec(), { panelCsv: 'id,year,y,x\nA,1,2,3\nA,2,3\n' }));
    expect(error.code).toBe('MALFORMED_CSV');
    expect(error.message).toContain('line 3');
  });

  it('a missing unit column lists the available columns', () => {
    const error = errorOf(() => runAnalysis(spec({ unit: 'country' }), { panelCsv: good }));
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.message).toContain('"country"');
    expect(error.message).toContain('id, year, y, x, z, region, flat');
  });

  it('a time-invariant regressor with unit fixed effects is SINGULAR_DESIGN naming it', () => {
    const csv = good.replace(/,(north|south|east),3\n/g, (_, r: string) => `,${r},${r.length}\n`);
    const error = errorOf(() =>
      runAnalysis(spec({ model: 'fe', effects: 'unit', x: ['x', 'flat'] }), { panelCsv: csv }),
    );
    expect(error.code).toBe('SINGULAR_DESIGN');
    expect(error.message).toBe(
      'regressor "flat" does not vary within units, so the unit fixed effects absorb it',
    );
  });

  it('a constant regressor next to the intercept is SINGULAR_DESIGN naming both', () => {
    const error = errorOf(() => runAnalysis(spec({ x: ['x', 'flat'] }), { panelCsv: good }));
    expect(error.code).toBe('SINGULAR_DESIGN');
    expect(error.message).toBe('regressor "flat" is collinear with "(Intercept)"; drop one of them');
  });

  it('collinear regressors are named together', () => {
    const csv = good
      .split('\n')
      .map((line, i) =>
        i === 0 ? `${line},x2` : line ? `${line},${2 * Number(line.split(',')[3]) - 1}` : line,
      )
      .join('\n');
    const error = errorOf(() => runAnalysis(spec({ x: ['x', 'z', 'x2'] }), { panelCsv: csv }));
    expect(error.code).toBe('SINGULAR_DESIGN');
    expect(error.message).toBe('regressor "x2" is collinear with "(Intercept)", "x"; drop one of them');
  });

  it('too few observations is INSUFFICIENT_DATA', () => {
    const csv = 'id,year,y,x,z\nA,1,1,2,3\nB,1,2,1,5\nC,1,3,4,1\n';
    const error = errorOf(() => runAnalysis(spec({ x: ['x', 'z'] }), { panelCsv: csv }));
    expect(error.code).toBe('INSUFFICIENT_DATA');
  });

  it('a fixed-effects model without effects is INVALID_SPEC naming the field', () => {
    const error = errorOf(() => runAnalysis(spec({ model: 'fe' }), { panelCsv: good }));
    expect(error.code).toBe('INVALID_SPEC');
    expect(error.details.field).toBe('effects');
  });

  it('an instrument that is not a regressor, and an unknown spec field, are INVALID_SPEC', () => {
    const error = errorOf(() =>
      runAnalysis(spec({ model: 'fe', effects: 'unit', instruments: { q: ['L.x'] } }), { panelCsv: good }),
    );
    expect(error.message).toBe('instruments.q: "q" is not one of the regressors x');
    const unknown = errorOf(() =>
      parseAnalysisSpec({
        kind: 'regression',
        unit: 'id',
        time: 'year',
        y: 'y',
        x: ['x'],
        model: 'ols',
        colour: 1,
      }),
    );
    expect(unknown.code).toBe('INVALID_SPEC');
    expect(unknown.message).toBe('colour: unknown field "colour"');
    const badModel = errorOf(() =>
      parseAnalysisSpec({ kind: 'regression', unit: 'id', time: 'year', y: 'y', x: ['x'], model: 'probit' }),
    );
    expect(badModel.details.field).toBe('model');
    expect(badModel.message.startsWith('model: ')).toBe(true);
    const emptyX = errorOf(() =>
      parseAnalysisSpec({ kind: 'regression', unit: 'id', time: 'year', y: 'y', x: [], model: 'ols' }),
    );
    expect(emptyX.message).toBe('x: x needs at least one regressor');
  });

  it('rows with missing values are dropped and counted', () => {
    const csv = good.replace('D,2,1.0,1.4', 'D,2,NA,1.4');
    const result = runAnalysis(spec(), { panelCsv: csv });
    expect(result.kind === 'regression' && result.droppedRows).toBe(1);
    expect(result.kind === 'regression' && result.nobs).toBe(7);
  });
});

describe('describePanel and checkSpecColumns', () => {
  it('types columns, counts missing cells and lists missing unit-periods', () => {
    const csv = 'id,year,y,label\nA,2000,1,a\nA,2001,,b\nB,2000,3,c\n';
    const report = describePanel(csv, 'id', 'year');
    expect(report).toMatchObject({
      rows: 3,
      units: 2,
      periods: 2,
      timeValues: [2000, 2001],
      balanced: false,
      missingUnitPeriodCount: 1,
    });
    expect(report.missingUnitPeriods).toEqual([{ unit: 'B', time: 2001 }]);
    expect(report.columns).toEqual([
      { name: 'id', type: 'text', missing: 0 },
      { name: 'year', type: 'numeric', missing: 0 },
      { name: 'y', type: 'numeric', missing: 1 },
      { name: 'label', type: 'text', missing: 0, firstTextCell: { row: 2, value: 'a' } },
    ]);
  });

  it('names an unknown column or a text column used as a variable', () => {
    const report = describePanel(good, 'id', 'year');
    expect(() => checkSpecColumns(spec({ x: ['x'] }), report)).not.toThrow();
    const unknown = errorOf(() => checkSpecColumns(spec({ x: ['x', 'foo'] }), report));
    expect(unknown.code).toBe('UNKNOWN_COLUMN');
    expect(unknown.message).toBe('x[1]: column "foo" is not in the panel');
    const text = errorOf(() => checkSpecColumns(spec({ x: ['region'] }), report));
    expect(text.code).toBe('NON_NUMERIC_CELL');
    expect(text.message).toBe('x[0]: column "region" is not numeric: line 2 holds "north"');
  });
});
