import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SpilloverError, type TeamRole } from '@spillover/contracts';
import { MembershipEntity } from '@spillover/db';
import type { Repository } from 'typeorm';
import { notFound } from '../common/not-found.js';

/** Team scoping: every dataset and analysis is reached through a membership of the caller. */
@Injectable()
export class TeamAccess {
  constructor(
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
  ) {}

  async roleIn(userId: string, teamId: string): Promise<TeamRole | null> {
    const membership = await this.memberships.findOneBy({ userId, teamId });
    return membership?.role ?? null;
  }

  /** The caller's role; NOT_FOUND when the caller is not a member (the team's existence stays hidden). */
  async requireMember(userId: string, teamId: string): Promise<TeamRole> {
    const role = await this.roleIn(userId, teamId);
    if (!role) throw notFound('team', teamId);
    return role;
  }

  async requireOwner(userId: string, teamId: string): Promise<void> {
    const role = await this.requireMember(userId, teamId);
    if (role !== 'owner') {
      throw new SpilloverError('FORBIDDEN', `only an owner of team ${teamId} can do this`, { teamId });
    }
  }

  async teamIdsOf(userId: string): Promise<string[]> {
    const memberships = await this.memberships.find({ where: { userId }, select: { teamId: true } });
    return memberships.map((membership) => membership.teamId);
  }
}
