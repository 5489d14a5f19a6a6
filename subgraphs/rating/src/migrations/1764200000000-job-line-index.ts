import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Chunks are COPYed straight into rated_cdr and their traffic is summed back by (job, line range) in the same
 * transaction, so the job index carries the line.
 */
export class JobLineIndex1764200000000 implements MigrationInterface {
  name = "JobLineIndex1764200000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rating.rated_cdr_job; CREATE INDEX rated_cdr_job ON rating.rated_cdr (job_id, line)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rating.rated_cdr_job; CREATE INDEX rated_cdr_job ON rating.rated_cdr (job_id)`);
  }
}
