import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-team limits set by administrators (null = the environment's default), saved model comparisons, and
 * the provenance of each analysis that its row does not hold (code version, the analysis it re-ran).
 */

export class AdminComparisonsProvenance1796230000000 implements MigrationInterface {
  name = 'AdminComparisonsProvenance1796230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "analysis_provenance" ("analysis_id" uuid NOT NULL, "code_version" text NOT NULL, "code_commit" text NOT NULL, "rerun_of" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_analysis_provenance" PRIMARY KEY ("analysis_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "comparisons" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "created_by" uuid NOT NULL, "title" text NOT NULL, "analysis_ids" jsonb NOT NULL, "column_labels" jsonb NOT NULL, "model_titles" jsonb NOT NULL, "variable_labels" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_comparisons" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_comparisons_team" ON "comparisons" ("team_id") `);
    await queryRunner.query(
      `CREATE TABLE "team_limits" ("team_id" uuid NOT NULL, "max_active_jobs" integer, "max_storage_bytes" bigint, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_team_limits" PRIMARY KEY ("team_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "analysis_provenance" ADD CONSTRAINT "FK_analysis_provenance_analysis" FOREIGN KEY ("analysis_id") REFERENCES "analyses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comparisons" ADD CONSTRAINT "FK_comparisons_team" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_limits" ADD CONSTRAINT "FK_team_limits_team" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "team_limits" DROP CONSTRAINT "FK_team_limits_team"`);
    await queryRunner.query(`ALTER TABLE "comparisons" DROP CONSTRAINT "FK_comparisons_team"`);
    await queryRunner.query(
      `ALTER TABLE "analysis_provenance" DROP CONSTRAINT "FK_analysis_provenance_analysis"`,
    );
    await queryRunner.query(`DROP TABLE "team_limits"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_comparisons_team"`);
    await queryRunner.query(`DROP TABLE "comparisons"`);
    await queryRunner.query(`DROP TABLE "analysis_provenance"`);
  }
}
