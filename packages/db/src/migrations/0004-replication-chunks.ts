import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored chunks of bootstrap/permutation replications, one row per (analysis, from, to). */

export class ReplicationChunks1796140000000 implements MigrationInterface {
  name = 'ReplicationChunks1796140000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "replication_chunks" ("analysis_id" uuid NOT NULL, "from_rep" integer NOT NULL, "to_rep" integer NOT NULL, "statistics" jsonb NOT NULL, "values" bytea NOT NULL, "failed" integer NOT NULL, "worker" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_replication_chunks" PRIMARY KEY ("analysis_id", "from_rep", "to_rep"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "replication_chunks" ADD CONSTRAINT "FK_replication_chunks_analysis" FOREIGN KEY ("analysis_id") REFERENCES "analyses"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "replication_chunks" DROP CONSTRAINT "FK_replication_chunks_analysis"`,
    );
    await queryRunner.query(`DROP TABLE "replication_chunks"`);
  }
}
