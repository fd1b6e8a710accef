import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  SpilloverError,
  type LoginBody,
  type MeView,
  type SignUpBody,
  type UserView,
} from '@spillover/contracts';
import { SessionEntity, UserEntity } from '@spillover/db';
import { LessThanOrEqual, type DataSource, type Repository } from 'typeorm';
import { isUniqueViolation } from '../common/unique-violation.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { createTeamWithOwner, TeamsService } from '../teams/teams.service.js';
import type { AuthContext } from './authenticated-request.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { hashSessionToken, newSessionToken } from './session-token.js';

/** A new session: the token goes into the cookie, never into the database. */
export interface SignedIn {
  token: string;
  me: MeView;
}

const wrongCredentials = () => new SpilloverError('UNAUTHENTICATED', 'email or password is incorrect');

export function userView(user: UserEntity): UserView {
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both failures take the same time. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly teams: TeamsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates the user and their own team (owner), then signs them in. */
  async signUp(body: SignUpBody): Promise<SignedIn> {
    if (await this.users.existsBy({ email: body.email })) throw this.emailTaken(body.email);
    const passwordHash = await hashPassword(body.password);
    let user: UserEntity;
    try {
      user = await this.dataSource.transaction(async (manager) => {
        const created = await manager.save(
          manager.create(UserEntity, { email: body.email, name: body.name, passwordHash }),
        );
        await createTeamWithOwner(manager, body.teamName ?? `${body.name}'s team`, created.id);
        return created;
      });
    } catch (error) {
      // two sign-ups with the same email at once: the unique index decides
      if (isUniqueViolation(error)) throw this.emailTaken(body.email);
      throw error;
    }
    return this.openSession(user);
  }

  async login(body: LoginBody): Promise<SignedIn> {
    const user = await this.users.findOneBy({ email: body.email });
    if (!user) {
      this.decoyHash ??= hashPassword('decoy password that matches nothing');
      await verifyPassword(await this.decoyHash, body.password);
      throw wrongCredentials();
    }
    if (!(await verifyPassword(user.passwordHash, body.password))) throw wrongCredentials();
    return this.openSession(user);
  }

  async logout(tokenHash: string): Promise<void> {
    await this.sessions.delete({ tokenHash });
  }

  /** The user of a session token, or null when the token is unknown or expired (an expired one is deleted). */
  async authenticate(token: string | undefined): Promise<AuthContext | null> {
    if (!token) return null;
    const tokenHash = hashSessionToken(token);
    const session = await this.sessions.findOne({ where: { tokenHash }, relations: { user: true } });
    if (!session?.user) return null;
    if (session.expiresAt.getTime() <= Date.now()) {
      await this.sessions.delete({ tokenHash });
      return null;
    }
    return { user: session.user, tokenHash };
  }

  async me(user: UserEntity): Promise<MeView> {
    return { user: userView(user), teams: await this.teams.teamsOf(user.id) };
  }

  private async openSession(user: UserEntity): Promise<SignedIn> {
    const { token, tokenHash } = newSessionToken();
    const now = Date.now();
    // expired sessions of this user are cleaned up whenever they sign in again
    await this.sessions.delete({ userId: user.id, expiresAt: LessThanOrEqual(new Date(now)) });
    await this.sessions.insert({
      tokenHash,
      userId: user.id,
      expiresAt: new Date(now + this.config.sessionTtlMs),
    });
    return { token, me: await this.me(user) };
  }

  private emailTaken(email: string): SpilloverError {
    return new SpilloverError('CONFLICT', `an account with email ${email} already exists`, {
      field: 'email',
    });
  }
}
