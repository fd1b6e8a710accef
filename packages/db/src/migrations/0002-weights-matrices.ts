import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Immutable versions of spatial weights matrices, per team (uploaded files or builds from a dataset). */

export class WeightsMatrices1795960000000 implements MigrationInterface {
  name = 'WeightsMatrices1795960000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "weights_matrices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "name" text NOT NULL, "version" integer NOT NULL, "sha256" character(64) NOT NULL, "format" text NOT NULL, "content" text NOT NULL, "unit_ids" jsonb NOT NULL, "n" integer NOT NULL, "summary" jsonb NOT NULL, "recipe" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9ba1901cfbf469bbb855ccd5e5f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_63ca3b1d263bddb4e05fca3d89" ON "weights_matrices" ("team_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_be3da229f36c4f311d9835cd18" ON "weights_matrices" ("team_id", "name", "version") `,
    );
    await queryRunner.query(
      `ALTER TABLE "weights_matrices" ADD CONSTRAINT "FK_weights_matrices_team" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "weights_matrices" DROP CONSTRAINT "FK_weights_matrices_team"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_be3da229f36c4f311d9835cd18"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_63ca3b1d263bddb4e05fca3d89"`);
    await queryRunner.query(`DROP TABLE "weights_matrices"`);
  }
}
