import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { producCsv, producHead } from './fixtures.js';
import { signUp, type ApiClient } from './http-client.js';
import { query } from './services.js';

describe('datasets', () => {
  let ann: { client: ApiClient; teamId: string };
  let bob: { client: ApiClient; teamId: string };
  let produc: { id: string };

  beforeAll(async () => {
    ann = await signUp('Ann');
    bob = await signUp('Bob');
  });

  it('stores the Produc panel with its report: 48 units, 17 periods, balanced', async () => {
    const response = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'produc', unit: 'state', time: 'year' },
      producCsv,
    );
    expect(response.status).toBe(201);
    produc = response.body;
    expect(response.body).toMatchObject({
      teamId: ann.teamId,
      name: 'produc',
      version: 1,
      sizeBytes: Buffer.byteLength(producCsv),
      sha256: createHash('sha256').update(producCsv).digest('hex'),
    });
    expect(response.body.report).toMatchObject({
      rows: 816,
      unitColumn: 'state',
      timeColumn: 'year',
      units: 48,
      periods: 17,
      balanced: true,
      missingUnitPeriodCount: 0,
    });
    expect(response.body.report.timeValues).toEqual(Array.from({ length: 17 }, (_, i) => 1970 + i));
    expect(response.body.report.columns.find((c: { name: string }) => c.name === 'lgsp')).toMatchObject({
      type: 'numeric',
      missing: 0,
    });
  });

  it('adds a version on re-upload, lists newest first and serves the bytes back', async () => {
    const again = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'produc', unit: 'state', time: 'year' },
      Buffer.from(producCsv),
      'application/octet-stream',
    );
    expect(again.status).toBe(201);
    expect(again.body.version).toBe(2);

    const list = await ann.client.get(`/datasets?teamId=${ann.teamId}`);
    expect(list.status).toBe(200);
    expect(list.body.map((d: { version: number }) => d.version)).toEqual([2, 1]);

    const one = await ann.client.get(`/datasets/${produc.id}`);
    expect(one.body).toEqual(produc);

    const content = await ann.client.get(`/datasets/${produc.id}/content`);
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(content.headers.get('content-disposition')).toBe('attachment; filename="produc-v1.csv"');
    expect(content.body).toBe(producCsv);
  });

  it('hides the dataset from a user of another team (404) and refuses listing that team', async () => {
    for (const path of [
      `/datasets/${produc.id}`,
      `/datasets/${produc.id}/content`,
      `/datasets?teamId=${ann.teamId}`,
    ]) {
      const response = await bob.client.get(path);
      expect([path, response.status, response.body.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
    const upload = await bob.client.uploadCsv(
      { teamId: ann.teamId, name: 'x', unit: 'state', time: 'year' },
      producCsv,
    );
    expect(upload.status).toBe(404);
    expect((await bob.client.get(`/datasets?teamId=${bob.teamId}`)).body).toEqual([]);
  });

  it('rejects a duplicate (state, year) row naming both lines and the unit, and stores nothing', async () => {
    const lines = producHead(4);
    const csv = [...lines, lines[2]].join('\n');
    const response = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'duplicated', unit: 'state', time: 'year' },
      csv,
    );
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('DUPLICATE_ROW');
    expect(response.body.message).toContain('lines 3 and 6');
    expect(response.body.message).toContain('"ALABAMA"');
    expect(response.body.details).toMatchObject({ row: 6, unit: 'ALABAMA', time: 1971 });
    const stored = await query(
      inject('databaseUrl'),
      'SELECT count(*)::int AS n FROM datasets WHERE name = $1',
      ['duplicated'],
    );
    expect(stored[0]!.n).toBe(0);
  });

  it('names the missing unit column and reports an empty file', async () => {
    const missing = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'm', unit: 'region', time: 'year' },
      producHead(3).join('\n'),
    );
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'MISSING_COLUMN', details: { column: 'region' } });
    const empty = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'e', unit: 'state', time: 'year' },
      '',
    );
    expect(empty.status).toBe(422);
    expect(empty.body.code).toBe('EMPTY_FILE');
  });

  it('refuses an upload over UPLOAD_MAX_BYTES with 413 naming the limit', async () => {
    const limit = inject('uploadMaxBytes');
    const big = producCsv + producCsv.split('\n').slice(1).join('\n').repeat(2);
    expect(Buffer.byteLength(big)).toBeGreaterThan(limit);
    const response = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'big', unit: 'state', time: 'year' },
      big,
    );
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'FILE_TOO_LARGE', details: { limitBytes: limit } });
    expect(response.body.message).toContain(`${limit} bytes`);

    // without a Content-Length the stream is cut at the limit
    const chunks = [Buffer.from(big.slice(0, 150_000)), Buffer.from(big.slice(150_000))];
    const streamed = await ann.client.request(
      'POST',
      `/datasets?teamId=${ann.teamId}&name=big&unit=state&time=year`,
      {
        body: new ReadableStream({
          pull(controller) {
            const next = chunks.shift();
            if (next) controller.enqueue(next);
            else controller.close();
          },
        }),
        contentType: 'text/csv',
      },
    );
    expect(streamed.status).toBe(413);
    const stored = await query(
      inject('databaseUrl'),
      'SELECT count(*)::int AS n FROM datasets WHERE name = $1',
      ['big'],
    );
    expect(stored[0]!.n).toBe(0);
  });

  it('names bad query fields and refuses other content types', async () => {
    const badQuery = await ann.client.uploadCsv({ teamId: 'nope', name: 'x', unit: 'state' }, producCsv);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['teamId', 'time']);
    const json = await ann.client.request(
      'POST',
      `/datasets?teamId=${ann.teamId}&name=j&unit=state&time=year`,
      {
        json: { csv: 'a,b' },
      },
    );
    expect(json.status).toBe(422);
    expect(json.body.code).toBe('UNSUPPORTED');
  });
});
