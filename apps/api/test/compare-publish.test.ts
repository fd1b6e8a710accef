import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { producCsv } from './fixtures.js';
import { signUp, type ApiClient } from './http-client.js';
import { WorkerProcess } from './worker-process.js';

const base = {
  kind: 'regression',
  unit: 'state',
  time: 'year',
  y: 'lgsp',
  x: ['lpcap', 'lpc', 'lemp', 'unemp'],
};
const specs = {
  ols: { ...base, model: 'ols', effects: 'none' },
  feUnit: { ...base, model: 'fe', effects: 'unit' },
  feTwoways: { ...base, model: 'fe', effects: 'twoways', vcov: 'cluster' },
};

/** A file download: status, headers and the raw bytes. */
async function download(client: ApiClient, path: string) {
  const response = await fetch(`${client.baseUrl}${path}`, { headers: { cookie: client.cookie ?? '' } });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** RFC 4180 CSV → rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

/** The CSV export's cell of (term, statistic) in `column`. */
function csvCell(rows: string[][], key: string, statistic: string, column: number): string {
  const row = rows.find((r) => r[1] === key && r[3] === statistic);
  if (!row) throw new Error(`no CSV row ${key}/${statistic}`);
  return row[4 + column]!;
}

describe('compare and publish', () => {
  const worker = new WorkerProcess();
  let ann: { client: ApiClient; teamId: string };
  let bob: { client: ApiClient; teamId: string };
  let dataset: any;
  const analyses: Record<keyof typeof specs, any> = {} as never;
  let comparison: any;

  beforeAll(async () => {
    await worker.start();
    ann = await signUp('Ada');
    bob = await signUp('Bo');
    const upload = await ann.client.uploadCsv(
      { teamId: ann.teamId, name: 'produc', unit: 'state', time: 'year' },
      producCsv,
    );
    expect(upload.status).toBe(201);
    dataset = upload.body;
    for (const [name, spec] of Object.entries(specs)) {
      const created = await ann.client.post('/analyses', {
        datasetId: dataset.id,
        spec,
        title: `Produc ${name}`,
      });
      expect(created.status).toBe(202);
      analyses[name as keyof typeof specs] = created.body;
    }
    for (const name of Object.keys(specs) as (keyof typeof specs)[]) {
      analyses[name] = await worker.settled(ann.client, analyses[name].id);
      expect(analyses[name].status).toBe('succeeded');
    }
  }, 120_000);
  afterAll(() => worker.stop());

  it('lists analyses with filters and pagination', async () => {
    const fe = await ann.client.get(`/analyses?teamId=${ann.teamId}&kind=regression&model=fe`);
    expect(fe.status).toBe(200);
    expect(fe.body.map((a: any) => a.id).sort()).toEqual([analyses.feUnit.id, analyses.feTwoways.id].sort());
    expect(fe.headers.get('x-total-count')).toBe('2');
    const page = await ann.client.get(`/analyses?teamId=${ann.teamId}&limit=1&offset=1`);
    expect(page.body).toHaveLength(1);
    expect(page.headers.get('x-total-count')).toBe('3');
    const byTitle = await ann.client.get(
      `/analyses?q=${encodeURIComponent('ODUC OL')}&status=succeeded&datasetId=${dataset.id}`,
    );
    expect(byTitle.body.map((a: any) => a.id)).toEqual([analyses.ols.id]);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await ann.client.get(`/analyses?from=${today}&to=${today}&createdBy=${analyses.ols.createdBy}`)).body,
    ).toHaveLength(3);
    expect((await ann.client.get('/analyses?to=2000-01-01')).body).toEqual([]);
    expect((await ann.client.get('/analyses?status=bogus')).status).toBe(400);
    expect((await bob.client.get(`/analyses?teamId=${ann.teamId}`)).status).toBe(404);
  });

  it('stores a comparison and builds its table from the stored numbers', async () => {
    const created = await ann.client.post('/comparisons', {
      teamId: ann.teamId,
      title: 'Public capital',
      analysisIds: [analyses.ols.id, analyses.feUnit.id, analyses.feTwoways.id],
      variableLabels: { lpcap: '=1+2 public capital' },
    });
    expect(created.status).toBe(201);
    comparison = created.body;
    expect(comparison.columnLabels).toEqual(['', '', '']);
    expect((await ann.client.get(`/comparisons?teamId=${ann.teamId}`)).body.map((c: any) => c.id)).toEqual([
      comparison.id,
    ]);

    const table = (await ann.client.get(`/comparisons/${comparison.id}/table`)).body;
    expect(table.columns.map((c: any) => [c.label, c.title])).toEqual([
      ['(1)', 'Pooled OLS'],
      ['(2)', 'FE unit'],
      ['(3)', 'FE two-way'],
    ]);
    const lpcap = table.sections[0].rows[0];
    expect(lpcap.key).toBe('lpcap');
    expect(lpcap.cells.map((c: any) => c.value)).toEqual(
      [analyses.ols, analyses.feUnit, analyses.feTwoways].map((a) => a.result.coefficients.lpcap.estimate),
    );
    const spec = table.sections.find((s: any) => s.id === 'specification');
    expect(spec.rows.find((r: any) => r.key === 'effects.time').cells.map((c: any) => c.text)).toEqual([
      'No',
      'No',
      'Yes',
    ]);
  });

  it('saves a new column order and labels', async () => {
    const updated = await ann.client.request('PATCH', `/comparisons/${comparison.id}`, {
      json: {
        analysisIds: [analyses.feTwoways.id, analyses.ols.id, analyses.feUnit.id],
        columnLabels: ['A', 'B', 'C'],
        modelTitles: ['Two-way', '', 'Unit'],
      },
    });
    expect(updated.status).toBe(200);
    const table = (await ann.client.get(`/comparisons/${comparison.id}/table`)).body;
    expect(table.columns.map((c: any) => [c.label, c.title])).toEqual([
      ['A', 'Two-way'],
      ['B', 'Pooled OLS'],
      ['C', 'Unit'],
    ]);
    const mismatch = await ann.client.request('PATCH', `/comparisons/${comparison.id}`, {
      json: { columnLabels: ['only one'] },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toContain('columnLabels');
  });

  it('exports CSV whose numbers equal the stored ones (displayed precision, and full precision with raw)', async () => {
    const order = [analyses.feTwoways, analyses.ols, analyses.feUnit];
    const shown = await ann.client.get(`/comparisons/${comparison.id}/export?format=csv`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toContain('text/csv');
    expect(shown.headers.get('content-disposition')).toMatch(
      /^attachment; filename="comparison-Public_capital\.csv"$/,
    );
    const rows = parseCsv(shown.body);
    let compared = 0;
    order.forEach((analysis, column) => {
      for (const [term, estimate] of Object.entries<any>(analysis.result.coefficients)) {
        for (const statistic of ['estimate', 'se', 'p'] as const) {
          const stored = statistic === 'estimate' ? estimate.estimate : estimate[statistic];
          // four decimals, or scientific notation where four decimals would show 0
          const text = csvCell(rows, term, statistic, column);
          expect(text).toMatch(/^-?(\d+\.\d{4}|\d\.\d{2}e-\d+)$/);
          expect(Math.abs(Number(text) - stored)).toBeLessThanOrEqual(0.5e-4 + 1e-12);
          compared++;
        }
      }
      expect(csvCell(rows, 'nobs', 'value', column)).toBe(String(analysis.result.nobs));
    });
    expect(compared).toBe(39);

    const raw = parseCsv(
      (await ann.client.get(`/comparisons/${comparison.id}/export?format=csv&raw=true`)).body,
    );
    order.forEach((analysis, column) => {
      for (const [term, estimate] of Object.entries<any>(analysis.result.coefficients)) {
        expect(Number(csvCell(raw, term, 'estimate', column))).toBe(estimate.estimate);
        expect(Number(csvCell(raw, term, 'se', column))).toBe(estimate.se);
      }
    });
    // a label that a spreadsheet would run as a formula is escaped; negative numbers stay numbers
    expect(rows.find((r) => r[1] === 'lpcap')![2]).toBe("'=1+2 public capital");
    expect(csvCell(rows, 'unemp', 'estimate', 0)).toMatch(/^-0\.\d{4}$/);
  });

  it('exports LaTeX (booktabs), Markdown and Word', async () => {
    const latex = await ann.client.get(`/comparisons/${comparison.id}/export?format=latex`);
    expect(latex.headers.get('content-type')).toContain('application/x-tex');
    for (const rule of ['\\toprule', '\\midrule', '\\bottomrule']) expect(latex.body).toContain(rule);
    expect(latex.body).toContain(analyses.ols.result.coefficients.lpcap.estimate.toFixed(4));
    const markdown = await ann.client.get(`/analyses/${analyses.ols.id}/export?format=markdown`);
    expect(markdown.status).toBe(200);
    expect(markdown.body).toContain(
      `| lpcap | ${analyses.ols.result.coefficients.lpcap.estimate.toFixed(4)}***`,
    );
    const docx = await download(ann.client, `/comparisons/${comparison.id}/export?format=docx`);
    expect(docx.status).toBe(200);
    const xml = strFromU8(unzipSync(docx.bytes)['word/document.xml']!);
    expect(xml).toContain(analyses.feUnit.result.coefficients.lpcap.estimate.toFixed(4));
    expect((await ann.client.get(`/comparisons/${comparison.id}/export?format=pdf`)).status).toBe(400);
  });

  it('tells the provenance of an analysis', async () => {
    const { status, body } = await ann.client.get(`/analyses/${analyses.feTwoways.id}/provenance`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      analysisId: analyses.feTwoways.id,
      status: 'succeeded',
      dataset: {
        id: dataset.id,
        name: 'produc',
        version: 1,
        sha256: dataset.sha256,
        sizeBytes: dataset.sizeBytes,
      },
      weights: null,
      spec: analyses.feTwoways.spec,
      code: { version: '0.1.0' },
      queue: 'estimation',
      jobId: `analysis-${analyses.feTwoways.id}`,
      attempts: 1,
      rerunOf: null,
    });
    expect(body.dataset.sha256).toBe(createHash('sha256').update(producCsv).digest('hex'));
    expect(body.code.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    expect(body.worker).toMatch(/:\d+$/);
    expect(body.durationMs).toBeGreaterThanOrEqual(0);
    expect(body.seeds).toEqual([]);
  });

  it('runs an analysis again on the same data version with identical numbers', async () => {
    const rerun = await ann.client.post(`/analyses/${analyses.feTwoways.id}/rerun`);
    expect(rerun.status).toBe(202);
    expect(rerun.body.id).not.toBe(analyses.feTwoways.id);
    expect(rerun.body).toMatchObject({
      datasetId: dataset.id,
      spec: analyses.feTwoways.spec,
      status: 'queued',
    });
    const done = await worker.settled(ann.client, rerun.body.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual(analyses.feTwoways.result);
    expect((await ann.client.get(`/analyses/${rerun.body.id}/provenance`)).body.rerunOf).toBe(
      analyses.feTwoways.id,
    );
  });

  it('bundles an analysis and a comparison for replication', async () => {
    const single = await download(ann.client, `/analyses/${analyses.feUnit.id}/bundle`);
    expect(single.status).toBe(200);
    expect(single.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(single.bytes);
    const spec = JSON.parse(strFromU8(files['spec.json']!));
    expect(spec).toEqual({ ...analyses.feUnit.spec, data: 'data/produc-v1.csv' });
    expect(createHash('sha256').update(files['data/produc-v1.csv']!).digest('hex')).toBe(dataset.sha256);
    expect(JSON.parse(strFromU8(files['result.json']!))).toEqual(analyses.feUnit.result);
    expect(JSON.parse(strFromU8(files['provenance.json']!)).dataset.sha256).toBe(dataset.sha256);
    expect(strFromU8(files['replicate.R']!)).toContain('model = "within", effect = "individual"');
    expect(strFromU8(files['table.tex']!)).toContain('\\toprule');

    const many = unzipSync((await download(ann.client, `/comparisons/${comparison.id}/bundle`)).bytes);
    expect(Object.keys(many).filter((name) => name.endsWith('/spec.json'))).toHaveLength(3);
    expect(Object.keys(many)).toContain('table.csv');
  });

  it('answers 404 to a member of another team for every view, comparison, export, rerun and bundle', async () => {
    const id = analyses.ols.id;
    const paths: [string, string][] = [
      ['GET', `/analyses/${id}`],
      ['GET', `/analyses/${id}/provenance`],
      ['GET', `/analyses/${id}/export?format=csv`],
      ['POST', `/analyses/${id}/rerun`],
      ['GET', `/analyses/${id}/bundle`],
      ['GET', `/comparisons/${comparison.id}`],
      ['GET', `/comparisons/${comparison.id}/table`],
      ['GET', `/comparisons/${comparison.id}/export?format=latex`],
      ['GET', `/comparisons/${comparison.id}/bundle`],
      ['PATCH', `/comparisons/${comparison.id}`],
      ['DELETE', `/comparisons/${comparison.id}`],
    ];
    for (const [method, path] of paths) {
      const response = await bob.client.request(
        method,
        path,
        method === 'PATCH' ? { json: { title: 'x' } } : {},
      );
      expect([method, path, response.status]).toEqual([method, path, 404]);
    }
    const steal = await bob.client.post('/comparisons', {
      teamId: bob.teamId,
      title: 'mine now',
      analysisIds: [id],
    });
    expect(steal.status).toBe(404);
    expect(steal.body.message).toBe(`analysis ${id} not found`);
  });

  it('deletes a comparison, keeping its analyses', async () => {
    expect((await ann.client.request('DELETE', `/comparisons/${comparison.id}`)).status).toBe(204);
    expect((await ann.client.get(`/comparisons/${comparison.id}`)).status).toBe(404);
    expect((await ann.client.get(`/analyses/${analyses.ols.id}`)).status).toBe(200);
  });
});
