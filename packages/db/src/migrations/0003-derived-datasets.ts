import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provenance of dataset versions the platform makes: the source dataset and analysis and the recipe of a
 * measurement's output (or of uploaded texts). `source_analysis_id` is unique, so one analysis stores at
 * most one version however often its job runs; the analysis points back at it (`derived_dataset_id`) and
 * keeps the name it was asked to store it under.
 */

export class DerivedDatasets1796050000000 implements MigrationInterface {
  name = 'DerivedDatasets1796050000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "datasets" ADD "source_dataset_id" uuid`);
    await queryRunner.query(`ALTER TABLE "datasets" ADD "source_analysis_id" uuid`);
    await queryRunner.query(`ALTER TABLE "datasets" ADD "recipe" jsonb`);
    await queryRunner.query(`ALTER TABLE "analyses" ADD "derived_dataset_name" text`);
    await queryRunner.query(`ALTER TABLE "analyses" ADD "derived_dataset_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "IDX_96da00c3d20084d44352dc5928" ON "datasets" ("source_dataset_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_add2050eab004ef776155d225a" ON "datasets" ("source_analysis_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "datasets" ADD CONSTRAINT "FK_datasets_source_dataset" FOREIGN KEY ("source_dataset_id") REFERENCES "datasets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "datasets" ADD CONSTRAINT "FK_datasets_source_analysis" FOREIGN KEY ("source_analysis_id") REFERENCES "analyses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "analyses" ADD CONSTRAINT "FK_analyses_derived_dataset" FOREIGN KEY ("derived_dataset_id") REFERENCES "datasets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "analyses" DROP CONSTRAINT "FK_analyses_derived_dataset"`);
    await queryRunner.query(`ALTER TABLE "datasets" DROP CONSTRAINT "FK_datasets_source_analysis"`);
    await queryRunner.query(`ALTER TABLE "datasets" DROP CONSTRAINT "FK_datasets_source_dataset"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_add2050eab004ef776155d225a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_96da00c3d20084d44352dc5928"`);
    await queryRunner.query(`ALTER TABLE "analyses" DROP COLUMN "derived_dataset_id"`);
    await queryRunner.query(`ALTER TABLE "analyses" DROP COLUMN "derived_dataset_name"`);
    await queryRunner.query(`ALTER TABLE "datasets" DROP COLUMN "recipe"`);
    await queryRunner.query(`ALTER TABLE "datasets" DROP COLUMN "source_analysis_id"`);
    await queryRunner.query(`ALTER TABLE "datasets" DROP COLUMN "source_dataset_id"`);
  }
}
