import { describe, expect, it } from 'vitest';
import { SpilloverError } from '@spillover/contracts';
import { parseCsv } from './csv.js';
import { parsePanelCsv, selectSample, withLaggedColumns } from './panel.js';

function errorOf(run: () => unknown): SpilloverError {
  try {
    run();
  } catch (error) {
    if (error instanceof SpilloverError) return error;
    throw error;
  }
  throw new Error('expected a SpilloverError');
}

describe('parseCsv', () => {
  it('reads quotes, escaped quotes, CRLF, a BOM and a blank trailing line', () => {
    const text = '\ufeffid,name,value\r\n1,"Smith, ""Jr""",2.5\r\n2,"two\r\nlines",3\r\n\r\n';
    const table = parseCsv(text);
    expect(table.header).toEqual(['id', 'name', 'value']);
    expect(table.records.map((r) => r.fields)).toEqual([
      ['1', 'Smith, "Jr"', '2.5'],
      ['2', 'two\r\nlines', '3'],
    ]);
    expect(table.records.map((r) => r.line)).toEqual([2, 3]);
  });

  it('names the line of a record with the wrong number of fields', () => {
    const error = errorOf(() => parseCsv('a,b\n1,2\n3\n'));
    expect(error.code).toBe('MALFORMED_CSV');
    expect(error.message).toContain('line 3');
    expect(error.details.row).toBe(3);
  });

  it('rejects an empty file and an unclosed quote', () => {
    expect(errorOf(() => parseCsv('  \n')).code).toBe('EMPTY_FILE');
    expect(errorOf(() => parseCsv('a,b\n1,"2\n')).message).toContain('not closed');
  });
});

describe('parsePanelCsv', () => {
  const csv = 'unit,year,y,x,label\nA,2001,1,2,p\nA,2000,2,NA,q\nB,2000,3,4,r\nB,2001,,5,s\nC,2001,7,8,t\n';

  it('indexes units in order of appearance and periods ascending', () => {
    const panel = parsePanelCsv(csv, 'unit', 'year');
    expect(panel.units).toEqual(['A', 'B', 'C']);
    expect(panel.times).toEqual([2000, 2001]);
    expect([...panel.timeIndex]).toEqual([1, 0, 0, 1, 1]);
    expect(panel.missing.get('x')).toBe(1);
    expect(panel.textColumns.get('label')).toEqual({ row: 2, value: 'p' });
  });

  it('selects complete rows sorted by unit and time', () => {
    const panel = parsePanelCsv(csv, 'unit', 'year');
    const sample = selectSample(panel, ['y', 'x']);
    expect([...sample.rows]).toEqual([0, 2, 4]);
    expect(sample.droppedRows).toBe(2);
    expect(sample.units).toEqual(['A', 'B', 'C']);
    expect(sample.balanced).toBe(false);
    expect([...sample.column('y')]).toEqual([1, 3, 7]);
  });

  it('names a missing unit or time column and lists the available ones', () => {
    const error = errorOf(() => parsePanelCsv(csv, 'state', 'year'));
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.message).toContain('"state"');
    expect(error.message).toContain('unit, year, y, x, label');
  });

  it('names both lines, the unit and the period of a duplicate row', () => {
    const error = errorOf(() => parsePanelCsv('unit,year,y\nA,2000,1\nB,2000,2\nA,2000,3\n', 'unit', 'year'));
    expect(error.code).toBe('DUPLICATE_ROW');
    expect(error.message).toBe('panel CSV lines 2 and 4 both hold unit "A" in period 2000');
  });

  it('names the line of an empty unit or time cell', () => {
    const error = errorOf(() => parsePanelCsv('unit,year,y\nA,2000,1\n,2001,2\n', 'unit', 'year'));
    expect(error.message).toContain('line 3');
    expect(errorOf(() => parsePanelCsv('unit,year,y\nA,,1\n', 'unit', 'year')).message).toContain('line 2');
  });

  it('rejects a header-only file as empty', () => {
    expect(errorOf(() => parsePanelCsv('unit,year,y\n', 'unit', 'year')).code).toBe('EMPTY_FILE');
  });

  it('refuses a text column or an unknown column as a variable', () => {
    const panel = parsePanelCsv(csv, 'unit', 'year');
    const text = errorOf(() => selectSample(panel, ['y', 'label'], ['y', 'x[0]']));
    expect(text.code).toBe('NON_NUMERIC_CELL');
    expect(text.message).toBe('x[0]: column "label" is not numeric: line 2 holds "p"');
    const unknown = errorOf(() => selectSample(panel, ['nope']));
    expect(unknown.code).toBe('UNKNOWN_COLUMN');
    expect(unknown.message).toContain('"nope"');
  });

  it('adds lags by unit over the panel periods', () => {
    const panel = withLaggedColumns(parsePanelCsv(csv, 'unit', 'year'), ['L.y']);
    expect([...panel.columns.get('L.y')!].map((v) => (Number.isNaN(v) ? null : v))).toEqual([
      2,
      null,
      null,
      3,
      null,
    ]);
  });
});
