import { SpilloverError } from '@spillover/contracts';
import type { SessionEntity, UserEntity } from '@spillover/db';
import type { DataSource, Repository } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/app-config.js';
import type { TeamsService } from '../teams/teams.service.js';
import { AuthService } from './auth.service.js';
import { hashPassword } from './password-hasher.js';
import { hashSessionToken } from './session-token.js';

const now = new Date('2026-01-10T12:00:00Z');
const user = { id: 'u1', email: 'ann@example.org', name: 'Ann', isAdmin: false } as UserEntity;

function setup() {
  const users = { findOneBy: vi.fn(), existsBy: vi.fn() };
  const sessions = { findOne: vi.fn(), delete: vi.fn(), insert: vi.fn() };
  const teams = { teamsOf: vi.fn().mockResolvedValue([{ id: 't1', name: "Ann's team", role: 'owner' }]) };
  const config = loadConfig({ SESSION_TTL_HOURS: '2' });
  const service = new AuthService(
    {} as DataSource,
    users as unknown as Repository<UserEntity>,
    sessions as unknown as Repository<SessionEntity>,
    teams as unknown as TeamsService,
    config,
  );
  return { service, users, sessions };
}

describe('AuthService', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });
  afterEach(() => vi.useRealTimers());

  it('opens a session that expires after SESSION_TTL_HOURS, storing only the token hash', async () => {
    const { service, users, sessions } = setup();
    users.findOneBy.mockResolvedValue({ ...user, passwordHash: await hashPassword('secret-password') });
    const { token, me } = await service.login({ email: user.email, password: 'secret-password' });
    expect(token).toMatch(/^[\w-]{43}$/); // 32 random bytes, base64url
    expect(sessions.insert).toHaveBeenCalledWith({
      tokenHash: hashSessionToken(token),
      userId: 'u1',
      expiresAt: new Date(now.getTime() + 2 * 3600 * 1000),
    });
    expect(me.user).toEqual({ id: 'u1', email: 'ann@example.org', name: 'Ann', isAdmin: false });
    expect(me.teams).toHaveLength(1);
  });

  it('answers a wrong password and an unknown email with the same generic 401', async () => {
    const { service, users } = setup();
    users.findOneBy.mockResolvedValueOnce({ ...user, passwordHash: await hashPassword('secret-password') });
    const wrongPassword = await service
      .login({ email: user.email, password: 'guess' })
      .catch((e: unknown) => e);
    users.findOneBy.mockResolvedValueOnce(null);
    const unknownEmail = await service
      .login({ email: 'bob@example.org', password: 'guess' })
      .catch((e: unknown) => e);
    for (const error of [wrongPassword, unknownEmail]) {
      expect(error).toBeInstanceOf(SpilloverError);
      expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'email or password is incorrect' });
    }
  });

  it('refuses a second account with the same email (409)', async () => {
    const { service, users } = setup();
    users.existsBy.mockResolvedValue(true);
    await expect(
      service.signUp({ email: user.email, password: 'long enough', name: 'Ann' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'email' },
    });
  });

  it('authenticates a live session and drops an expired one', async () => {
    const { service, sessions } = setup();
    sessions.findOne.mockResolvedValueOnce({
      tokenHash: hashSessionToken('live'),
      user,
      expiresAt: new Date(now.getTime() + 1),
    });
    expect(await service.authenticate('live')).toEqual({ user, tokenHash: hashSessionToken('live') });
    expect(sessions.findOne).toHaveBeenCalledWith({
      where: { tokenHash: hashSessionToken('live') },
      relations: { user: true },
    });

    sessions.findOne.mockResolvedValueOnce({ tokenHash: hashSessionToken('old'), user, expiresAt: now });
    expect(await service.authenticate('old')).toBeNull();
    expect(sessions.delete).toHaveBeenCalledWith({ tokenHash: hashSessionToken('old') });
  });

  it('does not look anything up without a cookie, and rejects an unknown token', async () => {
    const { service, sessions } = setup();
    expect(await service.authenticate(undefined)).toBeNull();
    expect(sessions.findOne).not.toHaveBeenCalled();
    sessions.findOne.mockResolvedValueOnce(null);
    expect(await service.authenticate('forged')).toBeNull();
  });
});
