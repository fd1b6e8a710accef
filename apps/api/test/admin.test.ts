import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { producCsv } from './fixtures.js';
import { adminEmail } from './global-setup.js';
import { ApiClient, signUp } from './http-client.js';
import { WorkerProcess } from './worker-process.js';

const spec = {
  kind: 'regression',
  unit: 'state',
  time: 'year',
  y: 'lgsp',
  x: ['lpcap', 'lpc'],
  model: 'fe',
  effects: 'unit',
};

/** Produc with a column `lpcap2` equal to lpcap: a regression on both is singular (fails in the worker). */
function producWithCopy(): string {
  const lines = producCsv.trim().split('\n');
  const header = lines[0]!.split(',');
  const column = header.indexOf('lpcap');
  return [`${lines[0]},lpcap2`, ...lines.slice(1).map((line) => `${line},${line.split(',')[column]}`)].join(
    '\n',
  );
}

describe('administration', () => {
  const worker = new WorkerProcess();
  let admin: ApiClient;
  let member: { client: ApiClient; teamId: string };

  beforeAll(async () => {
    await worker.start();
    admin = new ApiClient();
    const signup = await admin.post('/auth/signup', {
      email: adminEmail,
      password: 'a long password',
      name: 'Root',
    });
    expect(signup.status).toBe(201);
    expect(signup.body.user.isAdmin).toBe(true);
    member = await signUp('Nina');
  });
  afterAll(() => worker.stop());

  it('answers 403 to a signed-in non-administrator on every admin endpoint, 401 without a session', async () => {
    const teamId = member.teamId;
    const endpoints: [string, string, unknown?][] = [
      ['GET', '/admin/overview'],
      ['GET', '/admin/jobs'],
      ['POST', '/admin/jobs/estimation/analysis-x/retry'],
      ['DELETE', '/admin/jobs/estimation/analysis-x'],
      ['POST', '/admin/queue/estimation/pause'],
      ['POST', '/admin/queue/estimation/resume'],
      ['GET', '/admin/teams'],
      ['GET', `/admin/teams/${teamId}/limits`],
      ['PUT', `/admin/teams/${teamId}/limits`, { maxActiveJobs: 100, maxStorageBytes: null }],
      ['GET', '/admin/queues'],
      ['GET', '/admin/queues/api/queues'],
    ];
    for (const [method, path, json] of endpoints) {
      const response = await member.client.request(method, path, json === undefined ? {} : { json });
      expect([method, path, response.status, response.body.code]).toEqual([method, path, 403, 'FORBIDDEN']);
      const anonymous = await new ApiClient().request(method, path, json === undefined ? {} : { json });
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
    }
    expect((await member.client.get('/auth/me')).body.user.isAdmin).toBe(false);
  });

  it('shows every queue with counts by state, throughput, workers; pauses and resumes', async () => {
    const { status, body } = await admin.get('/admin/overview');
    expect(status).toBe(200);
    expect(body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['bootstrap', 'estimation']);
    const estimation = body.queues.find((q: { name: string }) => q.name === 'estimation');
    expect(Object.keys(estimation.counts).sort()).toEqual(
      [
        'active',
        'completed',
        'delayed',
        'failed',
        'paused',
        'prioritized',
        'waiting',
        'waiting-children',
      ].sort(),
    );
    expect(estimation.throughput).toHaveLength(60);
    expect(estimation.paused).toBe(false);
    // the test's worker holds one connection per queue
    expect(body.workers.map((w: { queue: string }) => w.queue).sort()).toEqual(['bootstrap', 'estimation']);
    // named host:pid, so administrators can tell the processes apart
    for (const w of body.workers as { name: string }[]) expect(w.name).toBe(`${hostname()}:${worker.pid}`);

    const paused = await admin.post('/admin/queue/estimation/pause');
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ name: 'estimation', paused: true });
    expect(
      (await admin.get('/admin/overview')).body.queues.find((q: { name: string }) => q.name === 'estimation')
        .paused,
    ).toBe(true);
    const resumed = await admin.post('/admin/queue/estimation/resume');
    expect(resumed.body).toMatchObject({ name: 'estimation', paused: false });
    expect((await admin.post('/admin/queue/nope/pause')).status).toBe(404);
  });

  it('serves the bull-board dashboard to administrators', async () => {
    const page = await admin.get('/admin/queues');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<base href="/api/admin/queues/" />');
    const queues = await admin.get('/admin/queues/api/queues');
    expect(queues.status).toBe(200);
  });

  it('lists a failed job with its reason and team, retries and removes it', async () => {
    const upload = await member.client.uploadCsv(
      { teamId: member.teamId, name: 'produc-copy', unit: 'state', time: 'year' },
      producWithCopy(),
    );
    expect(upload.status).toBe(201);
    const created = await member.client.post('/analyses', {
      datasetId: upload.body.id,
      spec: { ...spec, x: ['lpcap', 'lpcap2'] },
      title: 'singular on purpose',
    });
    expect(created.status).toBe(202);
    const failed = await worker.settled(member.client, created.body.id);
    expect(failed.error.code).toBe('SINGULAR_DESIGN');

    const byAnalysis = await admin.get(`/admin/jobs?state=failed&analysisId=${created.body.id}`);
    expect(byAnalysis.status).toBe(200);
    expect(byAnalysis.body).toHaveLength(1);
    const job = byAnalysis.body[0];
    expect(job).toMatchObject({
      queue: 'estimation',
      id: `analysis-${created.body.id}`,
      state: 'failed',
      analysisId: created.body.id,
      teamId: member.teamId,
      title: 'singular on purpose',
    });
    expect(job.failedReason).toContain('SINGULAR_DESIGN');
    const byTeam = await admin.get(`/admin/jobs?teamId=${member.teamId}`);
    expect(byTeam.body.map((j: { id: string }) => j.id)).toContain(job.id);

    expect((await admin.post(`/admin/jobs/estimation/${job.id}/retry`)).status).toBe(204);
    // it fails again on the same input; then it can be removed
    await expect
      .poll(
        async () => (await admin.get(`/admin/jobs?state=failed&analysisId=${created.body.id}`)).body.length,
        { timeout: 20_000 },
      )
      .toBe(1);
    expect((await admin.request('DELETE', `/admin/jobs/estimation/${job.id}`)).status).toBe(204);
    expect((await admin.get(`/admin/jobs?state=failed&analysisId=${created.body.id}`)).body).toEqual([]);
    expect((await admin.request('DELETE', `/admin/jobs/estimation/${job.id}`)).status).toBe(404);
  });

  it('enforces per-team limits with a message naming the limit, and shows them to administrators', async () => {
    const team = member.teamId;
    const before = await admin.get(`/admin/teams/${team}/limits`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ teamId: team, maxActiveJobs: null, maxStorageBytes: null });
    expect(before.body.effective).toEqual(before.body.defaults);
    expect(before.body.usage.storageBytes).toBeGreaterThan(0);

    const upload = await member.client.uploadCsv(
      { teamId: team, name: 'produc', unit: 'state', time: 'year' },
      producCsv,
    );
    expect(upload.status).toBe(201);
    const set = await admin.request('PUT', `/admin/teams/${team}/limits`, {
      json: { maxActiveJobs: 0, maxStorageBytes: 1000 },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      maxActiveJobs: 0,
      maxStorageBytes: 1000,
      effective: { maxActiveJobs: 0, maxStorageBytes: 1000 },
    });

    const refused = await member.client.post('/analyses', { datasetId: upload.body.id, spec });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('LIMIT_EXCEEDED');
    expect(refused.body.message).toContain('maxActiveJobs');
    expect(refused.body.details).toMatchObject({ limit: 'maxActiveJobs', allowed: 0 });

    const tooMuch = await member.client.uploadCsv(
      { teamId: team, name: 'more', unit: 'state', time: 'year' },
      producCsv,
    );
    expect(tooMuch.status).toBe(413);
    expect(tooMuch.body.message).toContain('maxStorageBytes');
    expect(tooMuch.body.details).toMatchObject({ limit: 'maxStorageBytes', allowed: 1000 });

    expect(
      (
        await admin.request('PUT', `/admin/teams/${team}/limits`, {
          json: { maxActiveJobs: -1, maxStorageBytes: null },
        })
      ).status,
    ).toBe(400);
    const listed = await admin.get('/admin/teams');
    expect(listed.body.find((t: { teamId: string }) => t.teamId === team)).toMatchObject({
      maxActiveJobs: 0,
    });

    await admin.request('PUT', `/admin/teams/${team}/limits`, {
      json: { maxActiveJobs: null, maxStorageBytes: null },
    });
    const accepted = await member.client.post('/analyses', { datasetId: upload.body.id, spec });
    expect(accepted.status).toBe(202);
  });
});
