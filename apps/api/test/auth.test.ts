import { describe, expect, it } from 'vitest';
import { ApiClient, signUp } from './http-client.js';

describe('auth', () => {
  it('signs up, reads /auth/me, logs out and logs in again', async () => {
    const client = new ApiClient();
    const email = `Carla-${Date.now()}@Example.org`;
    const signup = await client.post('/auth/signup', { email, password: 'a long password', name: 'Carla' });
    expect(signup.status).toBe(201);
    expect(signup.body.user).toMatchObject({ email: email.toLowerCase(), name: 'Carla', isAdmin: false });
    expect(signup.body.teams).toEqual([{ id: expect.any(String), name: "Carla's team", role: 'owner' }]);

    const me = await client.get('/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(signup.body);

    const sessionCookie = client.cookie;
    const logout = await client.request('POST', '/auth/logout');
    expect(logout.status).toBe(204);
    expect(client.cookie).toBeUndefined();
    expect((await client.get('/auth/me')).status).toBe(401);
    // the old token is dead on the server too, not just forgotten by the browser
    client.cookie = sessionCookie;
    expect((await client.get('/auth/me')).status).toBe(401);

    const login = await client.post('/auth/login', { email, password: 'a long password' });
    expect(login.status).toBe(200);
    expect(login.body.user.email).toBe(email.toLowerCase());
    expect((await client.get('/auth/me')).status).toBe(200);
  });

  it('sets an httpOnly, SameSite=Lax, non-Secure (COOKIE_SECURE=false) session cookie with the TTL', async () => {
    const client = new ApiClient();
    const response = await client.post('/auth/signup', {
      email: `dora-${Date.now()}@example.org`,
      password: 'a long password',
      name: 'Dora',
      teamName: 'Resilience lab',
    });
    expect(response.body.teams[0].name).toBe('Resilience lab');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^spillover_session=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${336 * 3600}`);
    expect(cookie).not.toContain('Secure');
  });

  it('refuses a duplicate email (409) and a wrong password with a generic 401', async () => {
    const { email } = await signUp('Emil');
    const client = new ApiClient();
    const duplicate = await client.post('/auth/signup', {
      email,
      password: 'another password',
      name: 'Emil 2',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('CONFLICT');

    const wrong = await client.post('/auth/login', { email, password: 'not the password' });
    const unknown = await client.post('/auth/login', {
      email: 'nobody@example.org',
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: 'email or password is incorrect',
    });
    expect(unknown.body).toEqual(wrong.body);
    expect(client.cookie).toBeUndefined();
  });

  it('names the invalid fields of a sign-up', async () => {
    const response = await new ApiClient().post('/auth/signup', {
      email: 'not-an-email',
      password: 'short',
      name: 'X',
      extra: 1,
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'email',
      'extra',
      'password',
    ]);
  });

  it('requires a session everywhere except sign-up, login, health and docs', async () => {
    const anonymous = new ApiClient();
    for (const path of [
      '/auth/me',
      '/teams',
      '/datasets?teamId=00000000-0000-4000-8000-000000000000',
      '/analyses',
    ]) {
      const response = await anonymous.get(path);
      expect([path, response.status, response.body.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
    }
    expect((await anonymous.request('POST', '/auth/logout')).status).toBe(401);
    expect((await anonymous.get('/health')).status).toBe(200);
    expect((await anonymous.get('/docs-json')).status).toBe(200);
    anonymous.cookie = 'spillover_session=forged';
    expect((await anonymous.get('/auth/me')).status).toBe(401);
  });
});

describe('teams', () => {
  it('creates teams, lets owners add members, and refuses non-owners and strangers', async () => {
    const owner = await signUp('Olga');
    const member = await signUp('Max');
    const stranger = await signUp('Sten');

    const created = await owner.client.post('/teams', { name: 'Shared lab' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Shared lab', role: 'owner' });
    const teamId = created.body.id as string;

    const added = await owner.client.post(`/teams/${teamId}/members`, { email: member.email });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: member.email, role: 'member' });
    expect((await owner.client.post(`/teams/${teamId}/members`, { email: member.email })).status).toBe(409);
    expect((await owner.client.post(`/teams/${teamId}/members`, { email: 'ghost@example.org' })).status).toBe(
      404,
    );

    const teams = await member.client.get('/teams');
    expect(teams.body.map((t: { name: string; role: string }) => [t.name, t.role])).toEqual([
      ["Max's team", 'owner'],
      ['Shared lab', 'member'],
    ]);
    expect((await member.client.get(`/teams/${teamId}/members`)).body).toHaveLength(2);

    const byMember = await member.client.post(`/teams/${teamId}/members`, { email: stranger.email });
    expect(byMember.status).toBe(403);
    expect(byMember.body.code).toBe('FORBIDDEN');
    const byStranger = await stranger.client.post(`/teams/${teamId}/members`, { email: stranger.email });
    expect(byStranger.status).toBe(404);
    expect((await stranger.client.get(`/teams/${teamId}/members`)).status).toBe(404);
  });
});
