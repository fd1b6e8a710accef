import { beforeAll, describe, expect, it, inject } from 'vitest';
import { signUp, type ApiClient } from './http-client.js';
import { query } from './services.js';

/** A 3 × 3 grid of unit squares, ids c11 … c33 (row, column) in property `code`. */
function gridGeoJson(): { type: 'FeatureCollection'; features: Record<string, unknown>[] } {
  const features = [];
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      const ring = [
        [col, row],
        [col + 1, row],
        [col + 1, row + 1],
        [col, row + 1],
        [col, row],
      ];
      features.push({
        type: 'Feature',
        properties: { code: `c${row + 1}${col + 1}`, name: `cell ${row * 3 + col}` },
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

describe('contiguity weights from GeoJSON', () => {
  let ann: { client: ApiClient; teamId: string };

  function build(params: Record<string, string>, body: unknown, contentType = 'application/geo+json') {
    return ann.client.request('POST', `/weights/contiguity?${new URLSearchParams(params)}`, {
      body: typeof body === 'string' ? body : JSON.stringify(body),
      contentType,
    });
  }

  beforeAll(async () => {
    ann = await signUp('Quinn');
  });

  it('builds queen weights of a 3 × 3 grid (3 to 8 neighbours) and stores them as an edge list', async () => {
    const params = { teamId: ann.teamId, name: 'grid-queen', idProperty: 'code', type: 'queen' };
    const response = await build(params, gridGeoJson());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: 'grid-queen',
      version: 1,
      format: 'edges',
      n: 9,
      recipe: { source: 'geojson', method: 'contiguity', type: 'queen', idProperty: 'code' },
      summary: { n: 9, links: 40, neighbours: { min: 3, max: 8 }, symmetric: true, islands: [] },
    });
    expect(response.body.unitIds).toEqual(['c11', 'c12', 'c13', 'c21', 'c22', 'c23', 'c31', 'c32', 'c33']);
    const content = await ann.client.get(`/weights/${response.body.id}/content`);
    const lines = (content.body as string).trim().split('\n');
    expect(lines[0]).toBe('from,to,weight');
    expect(lines).toContain('c22,c11,1');
  });

  it('builds rook weights (2 to 4 neighbours), also from application/json', async () => {
    const params = { teamId: ann.teamId, name: 'grid-rook', idProperty: 'code', type: 'rook' };
    const response = await build(params, gridGeoJson(), 'application/json');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      recipe: { source: 'geojson', method: 'contiguity', type: 'rook', idProperty: 'code' },
      summary: { n: 9, links: 24, neighbours: { min: 2, max: 4 }, islands: [] },
    });
  });

  it('keeps a detached polygon as an island (a zero self-weight row)', async () => {
    const map = gridGeoJson();
    map.features.push({
      type: 'Feature',
      properties: { code: 'far' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [10, 10],
            [11, 10],
            [11, 11],
            [10, 10],
          ],
        ],
      },
    });
    const params = { teamId: ann.teamId, name: 'grid-island', idProperty: 'code', type: 'rook' };
    const response = await build(params, map);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ n: 10, summary: { islands: ['far'] } });
    const content = await ann.client.get(`/weights/${response.body.id}/content`);
    expect(content.body).toContain('far,far,0\n');
  });

  it('refuses a feature without the id property (422 naming it) and stores nothing', async () => {
    const before = await query(inject('databaseUrl'), 'SELECT count(*)::int AS n FROM weights_matrices');
    const map = gridGeoJson();
    delete (map.features[4]!.properties as Record<string, unknown>).code;
    const params = { teamId: ann.teamId, name: 'bad', idProperty: 'code', type: 'queen' };
    const response = await build(params, map);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('INVALID_WEIGHTS');
    expect(response.body.message).toBe('feature 4: property "code" (the unit id) is missing');
    expect(await query(inject('databaseUrl'), 'SELECT count(*)::int AS n FROM weights_matrices')).toEqual(
      before,
    );
  });

  it('names bad query fields (400), a wrong content type and invalid JSON', async () => {
    const bad = await build(
      { teamId: ann.teamId, name: 'x', idProperty: 'code', type: 'bishop' },
      gridGeoJson(),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['type']);
    const csv = await build(
      { teamId: ann.teamId, name: 'x', idProperty: 'code', type: 'queen' },
      'a,b',
      'text/csv',
    );
    expect(csv.body.message).toMatch(/Content-Type application\/geo\+json or application\/json/);
    const broken = await build(
      { teamId: ann.teamId, name: 'x', idProperty: 'code', type: 'queen' },
      '{"type":',
    );
    expect(broken.status).toBe(422);
    expect(broken.body.message).toMatch(/^GeoJSON: not valid JSON/);
  });

  it('refuses a GeoJSON over the upload limit (413)', async () => {
    const map = gridGeoJson();
    const padded = { ...map, padding: 'x'.repeat(inject('uploadMaxBytes')) };
    const response = await build(
      { teamId: ann.teamId, name: 'big', idProperty: 'code', type: 'queen' },
      padded,
      'application/json',
    );
    expect(response.status).toBe(413);
  });
});
