/**
 * The node-free inflate and ZIP reader against node:zlib, their limits (ZIP bombs, entry counts),
 * strict UTF-8, and ZIP texts through the keyword-count analysis.
 */
import { deflateRawSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SpilloverError, type KeywordCountResult, type KeywordCountSpec } from '@spillover/contracts';
import {
  crc32,
  inflateRaw,
  keywordPanelCsv,
  parseAnalysisSpec,
  readZipTexts,
  runAnalysis,
} from '../src/index.js';

interface Entry {
  name: string;
  content: Uint8Array;
  method?: 0 | 8;
  /** Overrides the size written in the headers (to fake a small file). */
  declaredSize?: number;
  crc?: number;
}

/** A minimal ZIP writer for the tests (local headers, central directory, end record). */
function zip(entries: Entry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const data = method === 8 ? deflateRawSync(entry.content) : Buffer.from(entry.content);
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? entry.content.length;
    const crc = entry.crc ?? crc32(entry.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

function errorOf(action: () => unknown): SpilloverError {
  try {
    action();
  } catch (error) {
    if (error instanceof SpilloverError) return error;
    throw error;
  }
  throw new Error('expected a SpilloverError');
}

/** Deterministic pseudo-random bytes with some repetition, so every block type and code appears. */
function sample(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] =
      (s >>> 16) % 7 === 0 && i > 300 ? out[i - 1 - ((s >>> 8) % 300)]! : (s >>> 24) % (seed % 2 ? 256 : 20);
  }
  return out;
}

describe('inflateRaw', () => {
  it('reproduces node:zlib output for stored, fixed and dynamic blocks', () => {
    const inputs = [
      new Uint8Array(0),
      utf8('a'),
      utf8('数字经济 digital economy '.repeat(500)),
      sample(70_000, 1),
      sample(300_000, 2),
      new Uint8Array(200_000),
    ];
    for (const input of inputs) {
      for (const options of [
        { level: 0 },
        { level: 1 },
        { level: 6 },
        { level: 9 },
        { strategy: constants.Z_FIXED },
        { strategy: constants.Z_HUFFMAN_ONLY },
        { strategy: constants.Z_RLE },
      ]) {
        const compressed = new Uint8Array(deflateRawSync(input, options));
        const out = inflateRaw(compressed, 10_000_000);
        expect(out.length).toBe(input.length);
        expect(Buffer.compare(Buffer.from(out), Buffer.from(input))).toBe(0);
      }
    }
  });

  it('stops at the limit and rejects corrupt data', () => {
    const compressed = new Uint8Array(deflateRawSync(new Uint8Array(1_000_000)));
    expect(() => inflateRaw(compressed, 1000)).toThrow('inflated data exceeds 1000 bytes');
    expect(() => inflateRaw(Uint8Array.of(0xff, 0xff), 100)).toThrow(/invalid deflate data/);
    expect(() => inflateRaw(compressed.subarray(0, 10), 10_000_000)).toThrow(/invalid deflate data/);
  });

  it('crc32 of "123456789" is the check value cbf43926', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  });
});

describe('readZipTexts', () => {
  it('reads stored and deflated UTF-8 entries, skipping folders and macOS metadata', () => {
    const archive = zip([
      { name: 'reports/', content: new Uint8Array(0), method: 0 },
      { name: 'reports/北京_2020.txt', content: utf8('\ufeff推进数字政府建设') },
      { name: 'reports/上海_2020.txt', content: utf8('big data'), method: 0 },
      { name: '__MACOSX/reports/._北京_2020.txt', content: utf8('junk') },
    ]);
    expect(readZipTexts(archive)).toEqual([
      { name: 'reports/北京_2020.txt', text: '推进数字政府建设' },
      { name: 'reports/上海_2020.txt', text: 'big data' },
    ]);
  });

  it('a ZIP bomb is FILE_TOO_LARGE naming the entry, even when its header lies about the size', () => {
    const zeros = new Uint8Array(5_000_000);
    const honest = errorOf(() => readZipTexts(zip([{ name: 'bomb.txt', content: zeros }])));
    expect(honest.code).toBe('FILE_TOO_LARGE');
    expect(honest.message).toMatch(/^ZIP archive entry "bomb\.txt" inflates beyond \d+ bytes/);
    const lying = errorOf(() => readZipTexts(zip([{ name: 'liar.txt', content: zeros, declaredSize: 10 }])));
    expect(lying.code).toBe('FILE_TOO_LARGE');
    expect(lying.details.entry).toBe('liar.txt');
    const limited = errorOf(() =>
      readZipTexts(zip([{ name: 'a_1.txt', content: sample(5000, 3) }]), {
        maxEntries: 10,
        maxEntryBytes: 4000,
        maxTotalBytes: 1e9,
        maxRatio: 1000,
      }),
    );
    expect(limited.message).toContain('"a_1.txt" inflates beyond 4000 bytes');
  });

  it('too many entries, non-UTF-8 text, a bad CRC and a non-ZIP file are named errors', () => {
    const many = zip(Array.from({ length: 4 }, (_, i) => ({ name: `u_${i}.txt`, content: utf8('x') })));
    const tooMany = errorOf(() =>
      readZipTexts(many, { maxEntries: 3, maxEntryBytes: 1e6, maxTotalBytes: 1e6, maxRatio: 100 }),
    );
    expect(tooMany.code).toBe('FILE_TOO_LARGE');
    expect(tooMany.message).toBe('the ZIP archive holds 4 entries; at most 3 are allowed');

    const gbk = Uint8Array.of(0xca, 0xfd, 0xd7, 0xd6); // 数字 in GBK
    const notUtf8 = errorOf(() => readZipTexts(zip([{ name: 'gz_2020.txt', content: gbk }])));
    expect(notUtf8.code).toBe('VALIDATION_FAILED');
    expect(notUtf8.message).toBe(
      'ZIP archive entry "gz_2020.txt" is not UTF-8 text; save it as UTF-8 and upload it again',
    );

    const badCrc = errorOf(() => readZipTexts(zip([{ name: 'c_1.txt', content: utf8('abc'), crc: 1 }])));
    expect(badCrc.message).toBe('ZIP archive entry "c_1.txt": CRC-32 mismatch (the file is damaged)');

    expect(errorOf(() => readZipTexts(utf8('city,year\nA,1\n'))).message).toBe(
      'ZIP archive: no end-of-central-directory record; is this a ZIP file?',
    );
  });
});

describe('keyword counts from uploaded texts', () => {
  const spec = parseAnalysisSpec({ kind: 'keyword-count', unit: 'city', time: 'year' }) as KeywordCountSpec;

  it('a ZIP of <unit>_<period>.txt files becomes a panel and is counted', () => {
    const archive = zip([
      { name: 'gov_reports/北京_2021.txt', content: utf8('数字经济、大数据和人工智能') },
      { name: 'gov_reports/北京_2020.txt', content: utf8('工业互联网') },
      { name: 'gov_reports/new_york_2020.txt', content: utf8('Smart City, e-government and BIG DATA') },
    ]);
    const panelCsv = keywordPanelCsv(archive, 'reports.zip', spec);
    const result = runAnalysis(spec, { panelCsv }) as KeywordCountResult;
    expect(result.texts.map((t) => [t.unit, t.time, t.count])).toEqual([
      ['北京', 2020, 1],
      ['北京', 2021, 3],
      ['new_york', 2020, 3],
    ]);
  });

  it('bad entry names, duplicates and a non-UTF-8 CSV are named', () => {
    expect(
      errorOf(() => keywordPanelCsv(zip([{ name: 'notes.md', content: utf8('x') }]), 'r.zip', spec)).message,
    ).toBe('ZIP archive entry "notes.md" is not a text file named <unit>_<period>.txt');
    const duplicate = errorOf(() =>
      keywordPanelCsv(
        zip([
          { name: 'a/x_1.txt', content: utf8('x') },
          { name: 'b/x_1.txt', content: utf8('y') },
        ]),
        'r.zip',
        spec,
      ),
    );
    expect(duplicate.code).toBe('DUPLICATE_ROW');
    expect(duplicate.message).toBe(
      'ZIP archive entries "a/x_1.txt" and "b/x_1.txt" both hold unit "x" in period 1',
    );
    const csv = errorOf(() => keywordPanelCsv(Uint8Array.of(0x63, 0x2c, 0xca, 0xfd), 'texts.csv', spec));
    expect(csv.message).toBe('texts.csv is not UTF-8 text; save it as UTF-8 and upload it again');
  });
});
