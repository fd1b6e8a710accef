import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { producCsv, producWeightsCsv } from './fixtures.js';
import { signUp, type ApiClient } from './http-client.js';
import { query } from './services.js';

function uploadWeights(
  client: ApiClient,
  params: Record<string, string>,
  text: string,
  contentType = 'text/csv',
) {
  return client.request('POST', `/weights?${new URLSearchParams(params)}`, { body: text, contentType });
}

/** The Produc matrix without some states (rows and columns dropped). */
function producWeightsWithout(states: string[]): string {
  const rows = producWeightsCsv
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  const keep = rows[0]!.map((label, j) => j === 0 || !states.includes(label));
  return rows
    .filter((row, i) => i === 0 || !states.includes(row[0]!))
    .map((row) => row.filter((_, j) => keep[j]).join(','))
    .join('\n');
}

/** 12 units on a 4 × 3 lon/lat grid, 3 years; coordinates repeat every year, y varies. */
function gridPanel(): string {
  const lines = ['region,year,lon,lat,y'];
  for (const year of [2001, 2002, 2003]) {
    for (let i = 0; i < 12; i++) {
      const lon = 10 + (i % 4) * 1.5;
      const lat = 45 + Math.floor(i / 4) * 1.1;
      lines.push(`r${String(i + 1).padStart(2, '0')},${year},${lon},${lat},${((i * 7 + year) % 11) / 3}`);
    }
  }
  return lines.join('\n');
}

const sarSpec = {
  kind: 'regression',
  unit: 'state',
  time: 'year',
  y: 'lgsp',
  x: ['lpcap', 'lpc', 'lemp', 'unemp'],
  model: 'sar',
  effects: 'twoways',
};

describe('weights', () => {
  let ann: { client: ApiClient; teamId: string };
  let bob: { client: ApiClient; teamId: string };
  let producW: { id: string };
  let producDatasetId: string;

  beforeAll(async () => {
    ann = await signUp('Wanda');
    bob = await signUp('Walt');
    const upload = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'produc', unit: 'state', time: 'year' },
      producCsv,
    );
    producDatasetId = upload.body.id;
  });

  it('stores the Produc W with its summary: 48 units, symmetric, no islands', async () => {
    const response = await uploadWeights(ann.client, { teamId: ann.teamId, name: 'W.csv' }, producWeightsCsv);
    expect(response.status).toBe(201);
    producW = response.body;
    expect(response.body).toMatchObject({
      teamId: ann.teamId,
      name: 'W.csv',
      version: 1,
      format: 'matrix',
      n: 48,
      sha256: createHash('sha256').update(producWeightsCsv).digest('hex'),
      recipe: { source: 'upload', fileName: 'W.csv', format: 'matrix' },
      summary: { n: 48, symmetric: true, islands: [] },
    });
    expect(response.body.unitIds).toHaveLength(48);
    expect(response.body.unitIds).toEqual([...response.body.unitIds].sort());
    expect(response.body.unitIds).toContain('ALABAMA');
    expect(response.body.summary.neighbours.min).toBeGreaterThan(0);

    expect((await ann.client.get(`/weights/${producW.id}`)).body).toEqual(response.body);
    const listed = await ann.client.get(`/weights?teamId=${ann.teamId}`);
    expect(listed.body.map((w: { id: string }) => w.id)).toContain(producW.id);
    const content = await ann.client.get(`/weights/${producW.id}/content`);
    expect(content.status).toBe(200);
    expect(content.headers.get('content-disposition')).toBe('attachment; filename="W.csv"');
    expect(content.body).toBe(producWeightsCsv);

    const again = await uploadWeights(ann.client, { teamId: ann.teamId, name: 'W.csv' }, producWeightsCsv);
    expect(again.body.version).toBe(2);
  });

  it.each([
    ['a non-zero diagonal', 'id,a,b,c\na,1,1,0\nb,1,0,1\nc,0,1,0', /diagonal must be zero .*: a$/, ['a']],
    ['a negative weight', 'id,a,b,c\na,0,1,0\nb,1,0,-2\nc,0,1,0', /weight b → c is -2/, ['b', 'c']],
    [
      'a non-square matrix',
      'id,a,b,c\na,0,1,0\nb,1,0,1',
      /not square: 3 columns of weights but 2 rows/,
      undefined,
    ],
  ])('refuses %s (422 naming the units) and stores nothing', async (_, text, message, units) => {
    const before = await query(inject('databaseUrl'), 'SELECT count(*)::int AS n FROM weights_matrices');
    const response = await uploadWeights(ann.client, { teamId: ann.teamId, name: 'bad.csv' }, text);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('INVALID_WEIGHTS');
    expect(response.body.message).toMatch(message);
    if (units) expect(response.body.details.units).toEqual(units);
    expect(await query(inject('databaseUrl'), 'SELECT count(*)::int AS n FROM weights_matrices')).toEqual(
      before,
    );
  });

  it('reports islands of an edge list and reads GAL by format', async () => {
    const edges = await uploadWeights(
      ann.client,
      { teamId: ann.teamId, name: 'chain.csv' },
      'from,to,weight\na,b,1\nb,a,1\nb,c,0.5\nc,b,0.5\nd,d,0\n',
    );
    expect(edges.status).toBe(201);
    expect(edges.body).toMatchObject({ format: 'edges', n: 4, summary: { islands: ['d'], symmetric: true } });

    const gal = await uploadWeights(
      ann.client,
      { teamId: ann.teamId, name: 'contiguity', format: 'gal' },
      '3\na 2\nb c\nb 1\na\nc 1\na\n',
      'text/plain',
    );
    expect(gal.status).toBe(201);
    expect(gal.body).toMatchObject({ format: 'gal', n: 3, summary: { links: 4, neighbours: { max: 2 } } });
    const content = await ann.client.get(`/weights/${gal.body.id}/content`);
    expect(content.headers.get('content-disposition')).toBe('attachment; filename="contiguity.gal"');
  });

  it('hides weights from another team', async () => {
    for (const path of [
      `/weights/${producW.id}`,
      `/weights/${producW.id}/content`,
      `/weights?teamId=${ann.teamId}`,
    ]) {
      const response = await bob.client.get(path);
      expect([path, response.status, response.body.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
    const upload = await uploadWeights(bob.client, { teamId: ann.teamId, name: 'W.csv' }, producWeightsCsv);
    expect(upload.status).toBe(404);
  });

  it('builds a 5-nearest-neighbour W from the coordinates of a dataset', async () => {
    const dataset = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'grid', unit: 'region', time: 'year' },
      gridPanel(),
    );
    expect(dataset.status).toBe(201);
    const response = await ann.client.post('/weights/build', {
      teamId: ann.teamId,
      name: 'knn5',
      datasetId: dataset.body.id,
      method: 'knn',
      k: 5,
      lon: 'lon',
      lat: 'lat',
      greatCircle: true,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: 'knn5',
      version: 1,
      format: 'edges',
      n: 12,
      summary: { links: 60, neighbours: { min: 5, mean: 5, max: 5 }, islands: [] },
      recipe: {
        source: 'build',
        datasetId: dataset.body.id,
        datasetName: 'grid',
        datasetVersion: 1,
        method: 'knn',
        k: 5,
        lon: 'lon',
        lat: 'lat',
        greatCircle: true,
      },
    });
    expect(response.body.unitIds).toEqual(
      Array.from({ length: 12 }, (_, i) => `r${String(i + 1).padStart(2, '0')}`),
    );
    const content = await ann.client.get(`/weights/${response.body.id}/content`);
    const lines = (content.body as string).trim().split('\n');
    expect(lines[0]).toBe('from,to,weight');
    expect(lines).toHaveLength(61);

    // a moved unit: its coordinates change from one year to the next
    const moved = gridPanel().replace(/^r07,2003,[^,]+,/m, 'r07,2003,99,');
    const movedDataset = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'grid', unit: 'region', time: 'year' },
      moved,
    );
    const refused = await ann.client.post('/weights/build', {
      teamId: ann.teamId,
      name: 'knn5',
      datasetId: movedDataset.body.id,
      method: 'knn',
      k: 5,
      lon: 'lon',
      lat: 'lat',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'INVALID_WEIGHTS', details: { field: 'lon', unit: 'r07' } });
  });

  it('names the fields of a malformed build request (400) and a dataset of another team (404)', async () => {
    const bad = await ann.client.post('/weights/build', {
      teamId: ann.teamId,
      name: 'knn',
      datasetId: producDatasetId,
      method: 'knn',
      k: 0,
      lon: 'lon',
      lat: 'lat',
      power: 2,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['k', 'power']);
    const noLatitude = await ann.client.post('/weights/build', {
      teamId: ann.teamId,
      name: 'knn',
      datasetId: producDatasetId,
      method: 'knn',
      k: 4,
      lon: 'lon',
    });
    expect(noLatitude.body.issues).toEqual([
      { path: 'lat', message: 'the lat column is required for knn weights' },
    ]);
    const foreign = await bob.client.post('/weights/build', {
      teamId: bob.teamId,
      name: 'knn',
      datasetId: producDatasetId,
      method: 'economic',
      variable: 'lgsp',
    });
    expect(foreign.status).toBe(404);
  });

  it('accepts a spatial analysis naming stored weights of the dataset’s team', async () => {
    const spec = { ...sarSpec, weights: { id: producW.id } };
    const response = await ann.client.post('/analyses', { datasetId: producDatasetId, spec });
    expect(response.status).toBe(202);
    expect(response.body.spec.weights).toEqual({ id: producW.id, style: 'row', allowIslands: false });
  });

  it('answers a weights id of another team with 404 naming spec.weights.id', async () => {
    const bobs = await uploadWeights(bob.client, { teamId: bob.teamId, name: 'W.csv' }, producWeightsCsv);
    const response = await ann.client.post('/analyses', {
      datasetId: producDatasetId,
      spec: { ...sarSpec, weights: { id: bobs.body.id } },
    });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', details: { field: 'spec.weights.id' } });
  });

  it('refuses weights that miss units of the dataset (422 listing them)', async () => {
    const partial = await uploadWeights(
      ann.client,
      { teamId: ann.teamId, name: 'W-partial.csv' },
      producWeightsWithout(['NEVADA', 'IOWA']),
    );
    expect(partial.body.n).toBe(46);
    const response = await ann.client.post('/analyses', {
      datasetId: producDatasetId,
      spec: {
        kind: 'moran',
        unit: 'state',
        time: 'year',
        variable: 'lgsp',
        weights: { id: partial.body.id },
      },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'INVALID_WEIGHTS',
      details: { field: 'spec.weights.id', missing: ['IOWA', 'NEVADA'] },
    });
    expect(response.body.message).toContain('no row for 2 unit(s) of the dataset: IOWA, NEVADA');
  });

  it('refuses weights with units the dataset lacks (422 listing them)', async () => {
    const withoutIowa = producCsv
      .split('\n')
      .filter((line) => !line.startsWith('IOWA,'))
      .join('\n');
    const upload = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'produc-without-iowa', unit: 'state', time: 'year' },
      withoutIowa,
    );
    expect(upload.status).toBe(201);
    const response = await ann.client.post('/analyses', {
      datasetId: upload.body.id,
      spec: { ...sarSpec, weights: { id: producW.id } },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'INVALID_WEIGHTS',
      details: { field: 'spec.weights.id', missing: [], extra: ['IOWA'] },
    });
    expect(response.body.message).toContain('1 unit(s) that are not in the dataset: IOWA');
  });

  it('refuses file options next to a stored weights id (400 naming the field)', async () => {
    const response = await ann.client.post('/analyses', {
      datasetId: producDatasetId,
      spec: { ...sarSpec, weights: { id: producW.id, contiguity: 'queen' } },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('contiguity');
  });

  it('refuses a spatial model without weights (400 naming spec.weights)', async () => {
    const response = await ann.client.post('/analyses', { datasetId: producDatasetId, spec: sarSpec });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_SPEC', details: { field: 'spec.weights' } });
  });
});
