import { describe, expect, it } from 'vitest';
import { previewKeywordCounts, textsArchiveLimits, textsFormatOf, textsPanelCsv } from './texts-panel.js';
import { UnprocessableTextsError } from './unprocessable-texts.filter.js';

const columns = { unit: 'unit', time: 'time', text: 'text' };

describe('textsFormatOf', () => {
  it('follows the Content-Type, and the first bytes when it says nothing', () => {
    expect(textsFormatOf('application/zip', Buffer.from('unit,time'))).toBe('zip');
    expect(textsFormatOf('application/x-zip-compressed', Buffer.alloc(0))).toBe('zip');
    expect(textsFormatOf('text/csv; charset=utf-8', Buffer.from('PK\x03\x04'))).toBe('csv');
    expect(textsFormatOf('application/octet-stream', Buffer.from('PK\x03\x04rest'))).toBe('zip');
    expect(textsFormatOf(undefined, Buffer.from('unit,time,text\n'))).toBe('csv');
  });
});

describe('textsPanelCsv', () => {
  it('passes a UTF-8 CSV through', () => {
    const csv = 'unit,time,text\na,2020,数字经济\n';
    expect(textsPanelCsv(Buffer.from(csv), 'csv', columns, textsArchiveLimits(1000))).toBe(csv);
  });

  it('turns every problem of the file into a 422 error that keeps its code and names the file', () => {
    const latin1 = Buffer.from([0x75, 0x2c, 0xe9, 0x0a]);
    const error = (() => {
      try {
        textsPanelCsv(latin1, 'csv', { ...columns, fileName: 'reports.csv' }, textsArchiveLimits(1000));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UnprocessableTextsError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('reports.csv'),
    });
  });

  it('caps the inflated total at four times the upload limit', () => {
    expect(textsArchiveLimits(1_000).maxTotalBytes).toBe(4_000);
    expect(textsArchiveLimits(1e12).maxTotalBytes).toBe(200 * 1024 * 1024);
  });
});

describe('previewKeywordCounts', () => {
  it('counts the first rows only, with the dictionary as edited', () => {
    const csv = 'unit,time,text\na,2020,数字经济 数字经济 大数据\na,2021,云计算\nb,2020,数字政府\n';
    const result = previewKeywordCounts(csv, 'unit', 'time', {
      datasetId: '00000000-0000-4000-8000-000000000000',
      text: 'text',
      limit: 2,
      dictionary: { remove: ['大数据'] },
    });
    expect(result.texts.map((t) => [t.unit, t.time, t.count])).toEqual([
      ['a', 2020, 2],
      ['a', 2021, 1],
    ]);
    expect(result.dictionary).not.toContain('大数据');
  });
});
