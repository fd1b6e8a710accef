import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, sessions, teams, memberships, immutable dataset versions and analyses. */

export class Initial1795873431564 implements MigrationInterface {
  name = 'Initial1795873431564';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "analyses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "dataset_id" uuid NOT NULL, "created_by" uuid NOT NULL, "title" text, "kind" text NOT NULL, "model" text, "spec" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'queued', "progress" jsonb, "result" jsonb, "error" jsonb, "attempts" integer NOT NULL DEFAULT '0', "worker" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_91421900ca225ed9865d016a940" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9af3142b341307f608a6aa9c04" ON "analyses" ("team_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_6849ab8ac2144351e3ab40f0a5" ON "analyses" ("dataset_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c60b299e9cab892c728f7b0e3f" ON "analyses" ("status") `);
    await queryRunner.query(
      `CREATE TABLE "datasets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "name" text NOT NULL, "version" integer NOT NULL, "sha256" character(64) NOT NULL, "size_bytes" integer NOT NULL, "content" bytea NOT NULL, "unit_column" text NOT NULL, "time_column" text NOT NULL, "report" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bf831e43c559a240303e23d038" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_c81077b43a8d859d0587359371" ON "datasets" ("team_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_7cfea73bd845b2bd65e21cfd9e" ON "datasets" ("team_id", "name", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "memberships" ("team_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d555e1e7b060aeefc7f9fb8b893" PRIMARY KEY ("team_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7c1e2fdfed4f6838e0c05ae505" ON "memberships" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("token_hash" text NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_abaa9e068cdd390bc5210f79884" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_085d540d9f418cfbdc7bd55bb1" ON "sessions" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "teams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "password_hash" text NOT NULL, "is_admin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_memberships_team" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_memberships_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "datasets" ADD CONSTRAINT "FK_datasets_team" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE "analyses" ADD CONSTRAINT "FK_analyses_team" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE "analyses" ADD CONSTRAINT "FK_analyses_dataset" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE RESTRICT`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "analyses" DROP CONSTRAINT "FK_analyses_dataset"`);
    await queryRunner.query(`ALTER TABLE "analyses" DROP CONSTRAINT "FK_analyses_team"`);
    await queryRunner.query(`ALTER TABLE "datasets" DROP CONSTRAINT "FK_datasets_team"`);
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "FK_memberships_user"`);
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "FK_memberships_team"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_sessions_user"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "teams"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_085d540d9f418cfbdc7bd55bb1"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7c1e2fdfed4f6838e0c05ae505"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7cfea73bd845b2bd65e21cfd9e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c81077b43a8d859d0587359371"`);
    await queryRunner.query(`DROP TABLE "datasets"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c60b299e9cab892c728f7b0e3f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6849ab8ac2144351e3ab40f0a5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9af3142b341307f608a6aa9c04"`);
    await queryRunner.query(`DROP TABLE "analyses"`);
  }
}
