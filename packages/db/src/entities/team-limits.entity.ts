import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TeamEntity } from './team.entity.js';

/** bigint comes back from pg as a string; byte counts stay far below 2^53. */
const bigintAsNumber = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * Limits an administrator set for one team; a null limit (or no row) means the default from the
 * environment (TEAM_MAX_ACTIVE_JOBS, TEAM_MAX_STORAGE_BYTES).
 */
@Entity({ name: 'team_limits' })
export class TeamLimitsEntity {
  @PrimaryColumn({ name: 'team_id', type: 'uuid', primaryKeyConstraintName: 'PK_team_limits' })
  teamId: string;

  @OneToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_team_limits_team' })
  team?: TeamEntity;

  /** Analyses queued or running at once. */
  @Column({ name: 'max_active_jobs', type: 'integer', nullable: true })
  maxActiveJobs: number | null;

  /** Bytes of all dataset versions of the team. */
  @Column({ name: 'max_storage_bytes', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  maxStorageBytes: number | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
