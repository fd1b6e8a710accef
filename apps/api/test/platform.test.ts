import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { apiRoot } from './global-setup.js';
import { ApiClient } from './http-client.js';

/** Runs dist/main.js with `env` and collects its exit code and stderr. */
async function startApi(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: apiRoot,
    env: { ...process.env, API_PORT: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('startup', () => {
  it('exits 1 with one clear message when DATABASE_URL is not a postgres URL', async () => {
    const { code, stderr } = await startApi({ DATABASE_URL: 'localhost:5432/spillover' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'api: invalid environment: DATABASE_URL: DATABASE_URL must be a URL starting with postgres:// or postgresql://',
    );
  });

  it('exits 1 naming DATABASE_URL (password hidden) when PostgreSQL is unreachable', async () => {
    const { code, stderr } = await startApi({
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/spillover',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^api: DATABASE_URL postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/spillover is unreachable after 4 attempts: .*ECONNREFUSED/,
    );
    expect(stderr).not.toContain('secret');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('health and docs', () => {
  it('answers /health', async () => {
    const response = await new ApiClient().get('/health');
    expect(response).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('serves an OpenAPI 3 document describing every route, with resolvable schema references', async () => {
    const { status, body: document } = await new ApiClient().get('/docs-json');
    expect(status).toBe(200);
    expect(document.openapi).toMatch(/^3\./);
    const routes = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'POST /auth/signup',
        'POST /auth/login',
        'POST /auth/logout',
        'GET /auth/me',
        'GET /teams',
        'POST /teams',
        'GET /teams/{id}/members',
        'POST /teams/{id}/members',
        'POST /datasets',
        'GET /datasets',
        'GET /datasets/{id}',
        'GET /datasets/{id}/content',
        'POST /weights',
        'POST /weights/build',
        'POST /weights/contiguity',
        'GET /weights',
        'GET /weights/{id}',
        'GET /weights/{id}/content',
        'POST /analyses',
        'GET /analyses',
        'GET /analyses/{id}',
        'GET /analyses/{id}/events',
        'POST /analyses/{id}/cancel',
        'POST /texts',
        'POST /texts/preview',
        'GET /texts/dictionary',
        'GET /health',
        'GET /admin/overview',
        'GET /admin/jobs',
        'POST /admin/jobs/{queue}/{jobId}/retry',
        'DELETE /admin/jobs/{queue}/{jobId}',
        'POST /admin/queue/{queue}/pause',
        'POST /admin/queue/{queue}/resume',
        'GET /admin/teams',
        'GET /admin/teams/{id}/limits',
        'PUT /admin/teams/{id}/limits',
        'GET /analyses/{id}/provenance',
        'POST /analyses/{id}/rerun',
        'GET /analyses/{id}/export',
        'GET /analyses/{id}/bundle',
        'POST /comparisons',
        'GET /comparisons',
        'GET /comparisons/{id}',
        'PATCH /comparisons/{id}',
        'DELETE /comparisons/{id}',
        'GET /comparisons/{id}/table',
        'GET /comparisons/{id}/export',
        'GET /comparisons/{id}/bundle',
        'POST /studies',
        'GET /studies',
        'GET /studies/{id}',
        'GET /studies/{id}/report',
        'GET /studies/{id}/tables/{tableId}',
        'POST /studies/{id}/cancel',
        'POST /studies/sample-dataset',
      ].sort(),
    );
    for (const item of Object.values(
      document.paths as Record<string, Record<string, { responses: object; summary: string }>>,
    )) {
      for (const operation of Object.values(item)) {
        expect(operation.summary).toBeTruthy();
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      }
    }
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(refs.length).toBeGreaterThan(20);
    for (const name of new Set(refs)) expect(document.components.schemas).toHaveProperty(name);
    expect(document.components.schemas.CreateAnalysisBody.properties.spec).toBeDefined();

    const ui = await fetch(`${new ApiClient().baseUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});
