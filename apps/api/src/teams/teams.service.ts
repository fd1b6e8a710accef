import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  SpilloverError,
  type AddMemberBody,
  type CreateTeamBody,
  type MemberView,
  type TeamView,
} from '@spillover/contracts';
import { MembershipEntity, TeamEntity, UserEntity } from '@spillover/db';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { isUniqueViolation } from '../common/unique-violation.js';
import { TeamAccess } from './team-access.service.js';

/** Creates a team with `ownerId` as its owner; runs inside the caller's transaction. */
export async function createTeamWithOwner(
  manager: EntityManager,
  name: string,
  ownerId: string,
): Promise<TeamView> {
  const team = await manager.save(manager.create(TeamEntity, { name }));
  await manager.insert(MembershipEntity, { teamId: team.id, userId: ownerId, role: 'owner' });
  return { id: team.id, name: team.name, role: 'owner' };
}

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly access: TeamAccess,
  ) {}

  /** The caller's teams, oldest membership first (the personal team comes first). */
  async teamsOf(userId: string): Promise<TeamView[]> {
    const memberships = await this.memberships.find({
      where: { userId },
      relations: { team: true },
      order: { createdAt: 'ASC' },
    });
    return memberships.map((m) => ({ id: m.teamId, name: m.team!.name, role: m.role }));
  }

  create(userId: string, body: CreateTeamBody): Promise<TeamView> {
    return this.dataSource.transaction((manager) => createTeamWithOwner(manager, body.name, userId));
  }

  async members(callerId: string, teamId: string): Promise<MemberView[]> {
    await this.access.requireMember(callerId, teamId);
    const memberships = await this.memberships.find({
      where: { teamId },
      relations: { user: true },
      order: { createdAt: 'ASC' },
    });
    return memberships.map((m) => ({
      userId: m.userId,
      email: m.user!.email,
      name: m.user!.name,
      role: m.role,
    }));
  }

  /** Owners add existing users by email. */
  async addMember(callerId: string, teamId: string, body: AddMemberBody): Promise<MemberView> {
    await this.access.requireOwner(callerId, teamId);
    const user = await this.users.findOneBy({ email: body.email });
    if (!user) {
      throw new SpilloverError('NOT_FOUND', `no user with email ${body.email}; they have to sign up first`, {
        field: 'email',
      });
    }
    try {
      await this.memberships.insert({ teamId, userId: user.id, role: body.role });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new SpilloverError('CONFLICT', `${body.email} is already a member of team ${teamId}`, {
          field: 'email',
        });
      }
      throw error;
    }
    return { userId: user.id, email: user.email, name: user.name, role: body.role };
  }
}
