import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Study templates: a study's run (options, status, stored inputs, report) and its steps, one analysis each. */

export class Studies1796320000000 implements MigrationInterface {
  name = 'Studies1796320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "studies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "created_by" uuid NOT NULL, "name" text NOT NULL, "template" text NOT NULL, "options" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'queued', "stage" text NOT NULL DEFAULT 'preparation', "error" jsonb, "code_version" text NOT NULL, "code_commit" text NOT NULL, "dataset_ids" jsonb, "weights_ids" jsonb, "flow_enqueued_at" TIMESTAMP WITH TIME ZONE, "report_tables" jsonb, "report_html" text, "report_files" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_studies" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_studies_team" ON "studies" ("team_id") `);
    await queryRunner.query(
      `CREATE TABLE "study_steps" ("study_id" uuid NOT NULL, "step_id" text NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "phase" text NOT NULL, "analysis_id" uuid NOT NULL, CONSTRAINT "PK_study_steps" PRIMARY KEY ("study_id", "step_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_study_steps_analysis" ON "study_steps" ("analysis_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "studies" ADD CONSTRAINT "FK_studies_team" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "study_steps" ADD CONSTRAINT "FK_study_steps_study" FOREIGN KEY ("study_id") REFERENCES "studies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "study_steps" ADD CONSTRAINT "FK_study_steps_analysis" FOREIGN KEY ("analysis_id") REFERENCES "analyses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "study_steps" DROP CONSTRAINT "FK_study_steps_analysis"`);
    await queryRunner.query(`ALTER TABLE "study_steps" DROP CONSTRAINT "FK_study_steps_study"`);
    await queryRunner.query(`ALTER TABLE "studies" DROP CONSTRAINT "FK_studies_team"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_study_steps_analysis"`);
    await queryRunner.query(`DROP TABLE "study_steps"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_studies_team"`);
    await queryRunner.query(`DROP TABLE "studies"`);
  }
}
